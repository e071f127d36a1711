export {
  DEFAULT_MANIFEST_READ_LIMITS,
  readManifestTree,
} from './readManifestTree';
export type {
  ManifestFileSystem,
  ManifestReadLimits,
  ManifestTree,
  ReadManifestTreeOptions,
  SkippedManifestFile,
} from './readManifestTree';
