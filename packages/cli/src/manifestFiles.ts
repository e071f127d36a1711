import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import {
  ManifestFile,
  ManifestFileSystem,
  readManifestTree,
  SkippedManifestFile,
} from '@meshwise/mesh-engine';

/** The file names both commands read, recursively. */
export const MANIFEST_FILE = /\.(ya?ml|json|yaml\.template)$/i;

export const MANIFEST_FILE_KINDS = '*.yaml, *.yml, *.yaml.template, *.json';

/** Node's file system for the shared, bounded walk. */
export const nodeManifestFileSystem: ManifestFileSystem = {
  readdir: directory => readdir(directory, { withFileTypes: true }),
  stat,
  readFile: path => readFile(path, 'utf8'),
  join,
  relative,
};

/**
 * `<dir>` as the user typed it, resolved against where they typed it:
 * `npm run meshwise -- <dir>` runs in the repository root, and npm keeps the
 * original directory in INIT_CWD.
 */
export function resolveUserDirectory(directory: string): string {
  return resolve(userBaseDirectory(), directory);
}

/** Where the user typed the command, which relative paths are relative to. */
export function userBaseDirectory(): string {
  return process.env.INIT_CWD ?? process.cwd();
}

export type ManifestDirectory =
  | { directory: string; files: ManifestFile[]; skipped: SkippedManifestFile[] }
  | { error: string };

/**
 * Every manifest file under a directory (hidden directories and
 * node_modules skipped), sorted by path, with paths relative to it, and the
 * files skipped for their size.
 */
export async function readManifestDirectory(
  directory: string,
): Promise<ManifestDirectory> {
  const info = await stat(directory).catch(() => undefined);
  if (!info) return { error: `${directory} does not exist` };
  if (!info.isDirectory()) return { error: `${directory} is not a directory` };
  // Bounded: 20,000 files never exhaust file descriptors, and a file over
  // the size limits is skipped with a warning instead of stalling the run.
  const { files, skipped } = await readManifestTree(
    directory,
    nodeManifestFileSystem,
    {
      isManifestFile: name => MANIFEST_FILE.test(name),
      skipDirectory: name => name === 'node_modules',
    },
  );
  return { directory, files, skipped };
}

/** One stderr line per skipped file; empty when none was skipped. */
export function formatSkippedFiles(
  program: string,
  skipped: readonly SkippedManifestFile[],
): string {
  return skipped
    .map(file => `${program}: warning: ${file.path}: ${file.message}\n`)
    .join('');
}
