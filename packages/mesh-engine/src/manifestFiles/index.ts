export {
  DEFAULT_MANIFEST_READ_LIMITS,
  fileSizeProblem,
  manifestReadLimits,
} from './manifestReadLimits';
export type { ManifestReadLimits } from './manifestReadLimits';
export { readManifestFiles } from './readManifestFiles';
export type {
  ManifestCandidate,
  ManifestTree,
  SkippedManifestFile,
} from './readManifestFiles';
export { readManifestTree } from './readManifestTree';
export type {
  ManifestFileSystem,
  ReadManifestTreeOptions,
} from './readManifestTree';
