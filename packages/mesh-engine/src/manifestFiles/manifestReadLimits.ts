/** Bounds on what one read of a manifest source may cost. */
export interface ManifestReadLimits {
  /**
   * Manifest files read per source (default 50,000), in path order (archive
   * order for a repository URL); the rest are skipped, with one finding.
   */
  maxFiles: number;
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
  maxFiles: 50_000,
  maxFileBytes: 5 * 1024 * 1024,
  maxDocumentBytes: 1.5 * 1024 * 1024,
  maxDocumentsPerFile: 10_000,
  concurrency: 32,
};

/** The limits given, the defaults for the others. */
export function manifestReadLimits(
  limits?: Partial<ManifestReadLimits>,
): ManifestReadLimits {
  return { ...DEFAULT_MANIFEST_READ_LIMITS, ...limits };
}

/**
 * Why a file of `size` bytes is not read, if it is not. Asked before the
 * file is loaded, by every reader: a 50 MB file is never held in memory.
 */
export function fileSizeProblem(
  size: number,
  limits: ManifestReadLimits,
): string | undefined {
  return size > limits.maxFileBytes
    ? `${formatBytes(size)} is over the limit of ${formatBytes(
        limits.maxFileBytes,
      )} per file (maxFileBytes)`
    : undefined;
}

/**
 * Counts and measures YAML documents without parsing: in YAML a `---` at the
 * start of a line always starts a new document (block scalars are indented).
 */
export function documentProblem(
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
