import type { ManifestReadLimits } from './manifestReadLimits';
import {
  ManifestCandidate,
  ManifestTree,
  readManifestFiles,
} from './readManifestFiles';

/**
 * The file system calls the walk needs, passed in by the caller (the CLI and
 * the backend give `node:fs/promises` and `node:path`): this module stays
 * free of Node imports, like the rest of the package the frontend reaches.
 */
export interface ManifestFileSystem {
  readdir(
    directory: string,
  ): Promise<{ name: string; isDirectory(): boolean; isFile(): boolean }[]>;
  stat(path: string): Promise<{ size: number }>;
  readFile(path: string): Promise<string>;
  join(directory: string, name: string): string;
  relative(from: string, to: string): string;
}

export interface ReadManifestTreeOptions {
  isManifestFile(name: string): boolean;
  /** Directories not descended into; hidden ones are always skipped. */
  skipDirectory?(name: string): boolean;
  limits?: Partial<ManifestReadLimits>;
}

/**
 * Every manifest file under `root`, within the limits of `readManifestFiles`
 * (the first `maxFiles` in path order), one directory listed at a time.
 */
export async function readManifestTree(
  root: string,
  fs: ManifestFileSystem,
  options: ReadManifestTreeOptions,
): Promise<ManifestTree> {
  const candidates = (await listManifestPaths(root, fs, options))
    .map(
      (path): ManifestCandidate => ({
        path: fs.relative(root, path),
        size: async () => (await fs.stat(path)).size,
        read: () => fs.readFile(path),
      }),
    )
    // Path order, whatever order the file system lists in: which files
    // `maxFiles` leaves out is the same on every read.
    .sort((a, b) => (a.path < b.path ? -1 : Number(a.path > b.path)));
  return readManifestFiles(candidates, options.limits);
}

/** Breadth-first, one `readdir` at a time: listing opens one descriptor. */
async function listManifestPaths(
  root: string,
  fs: ManifestFileSystem,
  options: ReadManifestTreeOptions,
): Promise<string[]> {
  const paths: string[] = [];
  const directories = [root];
  for (
    let directory = directories.shift();
    directory;
    directory = directories.shift()
  ) {
    for (const entry of await fs.readdir(directory)) {
      if (entry.name.startsWith('.')) continue;
      const path = fs.join(directory, entry.name);
      if (entry.isDirectory()) {
        if (!options.skipDirectory?.(entry.name)) directories.push(path);
      } else if (entry.isFile() && options.isManifestFile(entry.name)) {
        paths.push(path);
      }
    }
  }
  return paths;
}
