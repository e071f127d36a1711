import { LoggerService } from '@backstage/backend-plugin-api';
import { ScanRun } from '@meshwise/backstage-plugin-service-mesh-common';
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { RunningScan, ScanRepository } from '../database/ScanRepository';
import { sleep } from './sleep';

export interface ScanRunLeaseOptions {
  scans: ScanRepository;
  logger: LoggerService;
  /** This backend instance, as recorded in the runs it starts. */
  owner?: string;
  /** How often a running scan shows a sign of life (default 10 s). */
  heartbeatIntervalMs?: number;
  /** A run without a sign of life for this long is abandoned (default 3 heartbeats). */
  staleAfterMs?: number;
  /**
   * The scan task's timeout. The scheduler aborts a run then and lets
   * another start, so a run older than this (and the stale delay) is
   * abandoned even if something still beats for it.
   */
  timeoutMs?: number;
  /** How often a scan waiting for another run to end looks again (default 1 s). */
  waitIntervalMs?: number;
}

/** A scan run this instance owns, until `release`. */
export interface OwnedScanRun {
  runId: string;
  /** Aborted when the run was closed by another instance as abandoned. */
  lost: AbortSignal;
  release(): void;
}

/** An identifier of this process that an operator can trace: host, pid, a random part. */
export function scanInstanceId(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

/**
 * Who may run a scan, across processes and replicas sharing one database.
 * A scan starts only when no other run is alive, shows a sign of life while
 * it runs, and runs whose process is gone (no sign of life, or running past
 * the task's timeout) are closed as failed with the reason.
 */
export class ScanRunLease {
  readonly owner: string;
  readonly #options: ScanRunLeaseOptions;
  readonly #heartbeatMs: number;
  readonly #staleMs: number;

  constructor(options: ScanRunLeaseOptions) {
    this.#options = options;
    this.owner = options.owner ?? scanInstanceId();
    this.#heartbeatMs = options.heartbeatIntervalMs ?? 10_000;
    this.#staleMs = options.staleAfterMs ?? 3 * this.#heartbeatMs;
  }

  /** How long without a sign of life makes a run abandoned. */
  get staleAfterMs(): number {
    return this.#staleMs;
  }

  /** Closes every abandoned run as failed, with the reason; answers how many. */
  async reapAbandoned(): Promise<number> {
    const { scans, logger, timeoutMs } = this.#options;
    const now = new Date();
    const staleBefore = new Date(now.getTime() - this.#staleMs);
    const startedBefore =
      timeoutMs === undefined
        ? undefined
        : new Date(now.getTime() - timeoutMs - this.#staleMs);
    let closed = 0;
    for (const run of await scans.listRunning()) {
      const error = this.#abandonReason(run, staleBefore, startedBefore);
      if (!error) continue;
      const timedOut = startedBefore && run.startedAt < startedBefore;
      if (
        await scans.closeAbandoned(run, {
          // A run that timed out is closed even if its process still beats.
          unlessSeenAfter: timedOut ? undefined : staleBefore,
          finishedAt: now,
          error,
        })
      ) {
        closed += 1;
        logger.warn(`Scan ${run.id}: ${error}`);
      }
    }
    return closed;
  }

  #abandonReason(
    run: RunningScan,
    staleBefore: Date,
    startedBefore?: Date,
  ): string | undefined {
    const who = run.owner ? `instance ${run.owner}` : 'its backend instance';
    if (startedBefore && run.startedAt < startedBefore) {
      return `Abandoned: still running ${Math.round(
        (Date.now() - run.startedAt.getTime()) / 1000,
      )} s after it started, past the scan task's timeout; closed by ${
        this.owner
      }`;
    }
    if (run.lastSeenAt < staleBefore) {
      return `Abandoned: no sign of life from ${who} since ${run.lastSeenAt.toISOString()}; its process is gone (stopped or killed during the scan). Closed by ${
        this.owner
      }`;
    }
    return undefined;
  }

  /**
   * Starts a run once no other run of the same shard is alive, waiting for
   * one that is (a scan cancelled elsewhere stops at its next cluster or
   * batch). When `signal` aborts the wait, a failed run says why the scan
   * never started. `shard` is the run's shard (`2/4`), null for a scan of
   * every cluster.
   */
  async acquire(
    trigger: ScanRun['trigger'],
    signal?: AbortSignal,
    shard: string | null = null,
  ): Promise<OwnedScanRun | { runId: string; notStarted: string }> {
    const { scans, logger } = this.#options;
    let waitingFor: RunningScan | undefined;
    for (;;) {
      await this.reapAbandoned();
      const now = new Date();
      if (signal?.aborted) {
        const error = `Cancelled before it started${
          waitingFor
            ? `: scan ${waitingFor.id} of ${
                waitingFor.owner ?? 'another instance'
              } was still running`
            : ''
        }`;
        const runId = await scans.recordNotStarted(
          trigger,
          now,
          this.owner,
          error,
          shard,
        );
        logger.warn(`Scan ${runId}: ${error}`);
        return { runId, notStarted: error };
      }
      const started = await scans.startExclusive({
        trigger,
        startedAt: now,
        owner: this.owner,
        aliveSince: new Date(now.getTime() - this.#staleMs),
        shard,
      });
      if ('runId' in started) return this.#own(started.runId);
      if (waitingFor?.id !== started.blockedBy.id) {
        logger.info(
          `Scan waits for scan ${started.blockedBy.id} of ${
            started.blockedBy.owner ?? 'another instance'
          } to end`,
        );
      }
      waitingFor = started.blockedBy;
      await sleep(this.#options.waitIntervalMs ?? 1000, signal);
    }
  }

  #own(runId: string): OwnedScanRun {
    const { scans, logger } = this.#options;
    const lost = new AbortController();
    let beating = false;
    const timer = setInterval(async () => {
      if (beating || lost.signal.aborted) return;
      beating = true;
      try {
        if (!(await scans.heartbeat(runId, this.owner, new Date()))) {
          logger.warn(
            `Scan ${runId} was closed by another instance as abandoned; stopping it`,
          );
          lost.abort(new Error('closed as abandoned by another instance'));
        }
      } catch (error) {
        // The database is away: the next beat tries again, and the run
        // counts as abandoned only after several missed ones.
        logger.warn(
          `Scan ${runId}: could not record a sign of life: ${
            (error as Error).message
          }`,
        );
      } finally {
        beating = false;
      }
    }, this.#heartbeatMs);
    timer.unref?.();
    return {
      runId,
      lost: lost.signal,
      release: () => clearInterval(timer),
    };
  }
}
