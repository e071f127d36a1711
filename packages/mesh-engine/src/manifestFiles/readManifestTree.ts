import type { ManifestFile } from '../engine/parse/parseManifests';

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

/** Bounds on what one read of a manifest directory may cost. */
export interface ManifestReadLimits {
  /** A larger file is skipped, with a finding (default 5 MiB). */
  maxFileBytes: number;
  /**
   * A file with a larger YAML document is skipped (default 1.5 MiB: the
   * largest object the Kubernetes API server stores, etcd's request limit).
   */
  maxDocumentBytes: number;
  /** A file with more YAML documents is skipped (default 10,000). */
  maxDocumentsPerFile: number;
  /** Files open at once (default 32): 20,000 files never exhaust descriptors. */
  concurrency: number;
}

export const DEFAULT_MANIFEST_READ_LIMITS: ManifestReadLimits = {
  maxFileBytes: 5 * 1024 * 1024,
  maxDocumentBytes: 1.5 * 1024 * 1024,
  maxDocumentsPerFile: 10_000,
  concurrency: 32,
};

/** A file not read, and why: always reported, never dropped silently. */
export interface SkippedManifestFile {
  path: string;
  message: string;
}

export interface ManifestTree {
  /** Sorted by path, relative to the root. */
  files: ManifestFile[];
  skipped: SkippedManifestFile[];
}

export interface ReadManifestTreeOptions {
  isManifestFile(name: string): boolean;
  /** Directories not descended into; hidden ones are always skipped. */
  skipDirectory?(name: string): boolean;
  limits?: Partial<ManifestReadLimits>;
}

/**
 * Every manifest file under `root`, read with bounded concurrency (one
 * directory listed at a time, `concurrency` files open at once), letting the
 * event loop run after each file so a server reading a large directory keeps
 * answering. Files over the limits are skipped with a reason.
 */
export async function readManifestTree(
  root: string,
  fs: ManifestFileSystem,
  options: ReadManifestTreeOptions,
): Promise<ManifestTree> {
  const limits = { ...DEFAULT_MANIFEST_READ_LIMITS, ...options.limits };
  const paths = await listManifestPaths(root, fs, options);
  const files: ManifestFile[] = [];
  const skipped: SkippedManifestFile[] = [];
  let next = 0;
  const worker = async () => {
    while (next < paths.length) {
      const path = paths[next++];
      const shown = fs.relative(root, path);
      const outcome = await readBounded(path, fs, limits).catch(
        (error: Error) => ({ skip: `cannot read file: ${error.message}` }),
      );
      if ('skip' in outcome)
        skipped.push({ path: shown, message: outcome.skip });
      else files.push({ path: shown, content: outcome.content });
      await yieldToEventLoop();
    }
  };
  await Promise.all(
    Array.from({ length: Math.max(1, limits.concurrency) }, worker),
  );
  const byPath = (a: { path: string }, b: { path: string }) =>
    a.path < b.path ? -1 : Number(a.path > b.path);
  return { files: files.sort(byPath), skipped: skipped.sort(byPath) };
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

async function readBounded(
  path: string,
  fs: ManifestFileSystem,
  limits: ManifestReadLimits,
): Promise<{ content: string } | { skip: string }> {
  // Checked before reading: a 50 MB file is never loaded, let alone parsed.
  const { size } = await fs.stat(path);
  if (size > limits.maxFileBytes) {
    return {
      skip: `skipped: ${formatBytes(size)} is over the limit of ${formatBytes(
        limits.maxFileBytes,
      )} per file (maxFileBytes)`,
    };
  }
  const content = await fs.readFile(path);
  const problem = documentProblem(content, limits);
  return problem ? { skip: `skipped: ${problem}` } : { content };
}

/**
 * Counts and measures YAML documents without parsing: in YAML a `---` at the
 * start of a line always starts a new document (block scalars are indented).
 */
function documentProblem(
  content: string,
  limits: ManifestReadLimits,
): string | undefined {
  let documents = 1;
  let start = 0;
  const marker = /^---(?=\s|$)/gm;
  const tooLarge = (end: number) =>
    end - start > limits.maxDocumentBytes
      ? `document ${documents - 1} holds ${formatBytes(
          end - start,
        )}, over the limit of ${formatBytes(
          limits.maxDocumentBytes,
        )} per document (maxDocumentBytes)`
      : undefined;
  for (let match = marker.exec(content); match; match = marker.exec(content)) {
    if (match.index > 0) {
      const problem = tooLarge(match.index);
      if (problem) return problem;
      documents++;
    }
    start = match.index;
    if (documents > limits.maxDocumentsPerFile) {
      return `more than ${limits.maxDocumentsPerFile} YAML documents (maxDocumentsPerFile)`;
    }
  }
  return tooLarge(content.length);
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}

/** `setImmediate` where there is one (Node), a macrotask elsewhere. */
function yieldToEventLoop(): Promise<void> {
  return new Promise(resolve =>
    typeof setImmediate === 'function'
      ? setImmediate(resolve)
      : setTimeout(resolve, 0),
  );
}
