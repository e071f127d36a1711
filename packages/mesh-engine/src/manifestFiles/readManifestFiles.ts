import type { ManifestFile } from '../engine/parse/parseManifests';
import {
  documentProblem,
  fileSizeProblem,
  ManifestReadLimits,
  manifestReadLimits,
} from './manifestReadLimits';

/**
 * One manifest file a source could read: a file of a directory, an entry of
 * a repository archive. Its size is asked first, so that a file over the
 * limit is never read.
 */
export interface ManifestCandidate {
  /** As reported, relative to the source's root. */
  path: string;
  size(): Promise<number> | number;
  read(): Promise<string>;
}

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

/**
 * The candidates within the limits, read with bounded concurrency (at most
 * `concurrency` at once), letting the event loop run after each file so a
 * server reading a large source keeps answering. Only the first `maxFiles`
 * candidates, in the order given, are considered; files over a limit are
 * skipped with a reason. The one rule set of every manifest source.
 */
export async function readManifestFiles(
  candidates: readonly ManifestCandidate[],
  limits?: Partial<ManifestReadLimits>,
): Promise<ManifestTree> {
  const bounds = manifestReadLimits(limits);
  const considered = candidates.slice(0, bounds.maxFiles);
  const files: ManifestFile[] = [];
  const skipped: SkippedManifestFile[] = [];
  const beyond = candidates.length - considered.length;
  if (beyond > 0) {
    // One finding, not thousands: the first file left out, and how many.
    skipped.push({
      path: candidates[bounds.maxFiles].path,
      message: `skipped: over the limit of ${
        bounds.maxFiles
      } files per source (maxFiles)${
        beyond > 1
          ? `; ${beyond - 1} more ${beyond > 2 ? 'files' : 'file'} after it too`
          : ''
      }`,
    });
  }
  let next = 0;
  const worker = async () => {
    while (next < considered.length) {
      const candidate = considered[next++];
      const outcome = await readBounded(candidate, bounds).catch(
        (error: Error) => ({ skip: `cannot read file: ${error.message}` }),
      );
      if ('skip' in outcome) {
        skipped.push({ path: candidate.path, message: outcome.skip });
      } else files.push({ path: candidate.path, content: outcome.content });
      await yieldToEventLoop();
    }
  };
  await Promise.all(
    Array.from({ length: Math.max(1, bounds.concurrency) }, worker),
  );
  const byPath = (a: { path: string }, b: { path: string }) =>
    a.path < b.path ? -1 : Number(a.path > b.path);
  return { files: files.sort(byPath), skipped: skipped.sort(byPath) };
}

async function readBounded(
  candidate: ManifestCandidate,
  limits: ManifestReadLimits,
): Promise<{ content: string } | { skip: string }> {
  const tooLarge = fileSizeProblem(await candidate.size(), limits);
  if (tooLarge) return { skip: `skipped: ${tooLarge}` };
  const content = await candidate.read();
  const problem = documentProblem(content, limits);
  return problem ? { skip: `skipped: ${problem}` } : { content };
}

/** `setImmediate` where there is one (Node), a macrotask elsewhere. */
function yieldToEventLoop(): Promise<void> {
  return new Promise(resolve =>
    typeof setImmediate === 'function'
      ? setImmediate(resolve)
      : setTimeout(resolve, 0),
  );
}
