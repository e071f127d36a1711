import { UrlReaderService } from '@backstage/backend-plugin-api';
import {
  fileSizeProblem,
  ManifestCandidate,
  ManifestReadLimits,
  manifestReadLimits,
  readManifestFiles,
} from '@meshwise/mesh-engine';
import { isManifestPath, MANIFEST_FILE_KINDS } from './manifestFileNames';
import { manifestSnapshot } from './manifestSnapshot';
import { redactUrls } from './redactUrls';
import { ClusterReadError, ClusterSnapshot, ClusterSource } from './types';
import { urlReadProblem } from './urlReadProblem';

/** A repository archive that takes longer than this is abandoned. */
const DEFAULT_TIMEOUT_MS = 120_000;

/**
 * The manifests under a repository URL
 * (`https://github.com/acme/deploy/tree/main/k8s`) read as one cluster's
 * state, through the backend's `urlReader`: the app's `integrations` config
 * decides which hosts may be read and with which credentials.
 *
 * The same rules as a directory: hidden directories left out, the limits of
 * `readManifestFiles` (a file over `maxFileBytes` is never loaded; past
 * `maxFiles`, in archive order, nothing more is), every skipped file a
 * warning, malformed documents warnings. Incremental: the commit last read
 * is passed as `etag`, and when the branch has not moved the last read's
 * state is used again without downloading the archive.
 *
 * A read that fails (404, 401, 5xx, network, timeout) throws a
 * `ClusterReadError` naming the status and what to check: the scanner then
 * keeps the cluster's last good state, marked stale.
 */
export class ManifestUrlSource implements ClusterSource {
  readonly type = 'manifests';
  readonly name: string;
  readonly #url: string;
  readonly #reader: UrlReaderService;
  readonly #limits: ManifestReadLimits;
  readonly #timeoutMs: number;
  #last?: { etag: string; snapshot: ClusterSnapshot };
  /** Counts reads, so a read abandoned at its timeout never sets `#last`. */
  #reads = 0;

  constructor(options: {
    name: string;
    url: string;
    reader: UrlReaderService;
    limits?: Partial<ManifestReadLimits>;
    timeoutMs?: number;
  }) {
    this.name = options.name;
    this.#url = options.url;
    this.#reader = options.reader;
    this.#limits = manifestReadLimits(options.limits);
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  async read(): Promise<ClusterSnapshot> {
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    // Not every reader honours the signal: the race ends the read anyway.
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(
          Object.assign(new Error(`no answer within ${this.#timeoutMs} ms`), {
            name: 'TimeoutError',
          }),
        );
      }, this.#timeoutMs);
    });
    try {
      return await Promise.race([this.#read(controller.signal), timeout]);
    } catch (error) {
      if ((error as Error)?.name === 'NotModifiedError' && this.#last) {
        // The branch has not moved since the last read: same state.
        return { ...this.#last.snapshot, readAt: new Date() };
      }
      if (error instanceof ClusterReadError) throw error;
      throw new ClusterReadError(urlReadProblem(this.name, this.#url, error));
    } finally {
      clearTimeout(timer);
    }
  }

  async #read(signal: AbortSignal): Promise<ClusterSnapshot> {
    const read = ++this.#reads;
    // The manifest files of the tree in archive order, with their sizes:
    // the filter sees each entry before its content is loaded.
    const entries: { path: string; size?: number }[] = [];
    const response = await this.#reader.readTree(this.#url, {
      etag: this.#last?.etag,
      signal,
      filter: (path, info) => {
        if (!isManifestPath(path)) return false;
        const index = entries.push({ path, size: info?.size }) - 1;
        // Loaded only if readManifestFiles below will read it.
        return (
          index < this.#limits.maxFiles &&
          (info === undefined || !fileSizeProblem(info.size, this.#limits))
        );
      },
    });
    const loaded = new Map(
      (await response.files()).map(file => [file.path, file.content]),
    );
    const content = (path: string) => {
      const file = loaded.get(path);
      if (!file) throw new Error('not in the archive the host sent');
      return file();
    };
    const candidates = entries.map(
      ({ path, size }): ManifestCandidate => ({
        path,
        size: async () => size ?? (await content(path)).length,
        read: async () => (await content(path)).toString('utf8'),
      }),
    );
    const tree = await readManifestFiles(candidates, this.#limits);
    const snapshot = await manifestSnapshot(
      this.name,
      tree,
      entries.length === 0
        ? [
            {
              reason: 'configuration',
              message: `Manifest source ${
                this.name
              }: no manifest files (${MANIFEST_FILE_KINDS}) under ${redactUrls(
                this.#url,
              )}; check the path of the url`,
            },
          ]
        : [],
    );
    if (read === this.#reads && !signal.aborted) {
      this.#last = { etag: response.etag, snapshot };
    }
    return snapshot;
  }
}
