import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  EntityAssessmentResponse,
  EntityWorkloadSelector,
  readEntityWorkloadSelector,
} from '@meshwise/backstage-plugin-service-mesh-common';
import { AssessmentRepository } from '../database/AssessmentRepository';
import { EntityScope, readEntitiesInScope } from './catalogEntities';

/** All the follow-up reads of an entity: its ref and its annotations. */
const FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.annotations',
];

/** How many entity refs a log line names, at most. */
const NAMED_IN_LOG = 3;

export type FollowUpOutcome =
  | { result: 'nothing-new' }
  | { result: 'triggered'; entityRefs: string[] }
  | {
      result: 'waiting';
      entityRefs: string[];
      reason: 'min-interval' | 'scan-running';
    }
  | { result: 'stopped' };

export interface CatalogFollowUpOptions {
  catalog: CatalogService;
  auth: AuthService;
  assessments: Pick<AssessmentRepository, 'entitiesMatching' | 'getMany'>;
  scope: EntityScope;
  logger: LoggerService;
  /** Starts the scan task now; rejects with a `ConflictError` while it runs. */
  triggerScan(): Promise<void>;
  /** The least time between two scans this follow-up triggers. */
  minIntervalMs: number;
  /** The clock, for tests. */
  now?: () => number;
}

/**
 * The workload annotations an assessment is computed for, as one string:
 * the same for the catalog entity and for its stored assessment when the
 * assessment is current.
 */
function selectorKey(
  selector:
    | { labelSelector: string; namespace?: string; cluster?: string }
    | undefined,
): string {
  return selector
    ? JSON.stringify([
        selector.labelSelector,
        selector.namespace ?? '',
        selector.cluster ?? '',
      ])
    : 'not configured';
}

function catalogKey(selector: EntityWorkloadSelector): string {
  return selectorKey(selector.configured ? selector : undefined);
}

function storedKey(assessment: EntityAssessmentResponse): string {
  // A configured assessment without a selector is not current: no key
  // matches it, so the entity is scanned again.
  if (assessment.configured && !assessment.selector) return 'unknown';
  return selectorKey(assessment.configured ? assessment.selector : undefined);
}

function isConflict(error: unknown): boolean {
  return (error as { name?: unknown } | null)?.name === 'ConflictError';
}

function named(refs: string[]): string {
  const more = refs.length - NAMED_IN_LOG;
  return `${refs.slice(0, NAMED_IN_LOG).join(', ')}${
    more > 0 ? ` and ${more} more` : ''
  }`;
}

/**
 * Looks for catalog entities in scope that have no stored assessment, or
 * whose workload annotations (`backstage.io/kubernetes-id`,
 * `-label-selector`, `-namespace`, `-cluster`) differ from those their
 * stored assessment was computed for, and triggers the scan task when it
 * finds any, so they are assessed within a minute or two rather than at the
 * next scheduled scan.
 *
 * Cheap when nothing is new: one paginated catalog query with the fields
 * above, one query of the stored entity refs, and the stored assessments of
 * only the entities whose annotations this instance has not yet checked.
 * Each trigger is a full scan, so:
 * - triggers are at least `minIntervalMs` apart;
 * - an entity (with its annotations) triggers once: when the scan it
 *   triggered could not store it (say, its cluster is down), it waits for
 *   the schedule rather than causing a scan at every run. What was
 *   triggered is remembered per instance; with several replicas an entity
 *   may trigger once per replica.
 * A trigger refused because a scan is running is not counted: the next run
 * tries again.
 */
export class CatalogFollowUp {
  readonly #options: CatalogFollowUpOptions;
  /** Entity ref to the annotations whose stored assessment was found current. */
  #current = new Map<string, string>();
  /** Entity ref to the annotations a scan was triggered for. */
  #triggered = new Map<string, string>();
  #lastTriggerAt?: number;

  constructor(options: CatalogFollowUpOptions) {
    this.#options = options;
  }

  /** One look at the catalog; `signal` stops it between catalog pages. */
  async run(signal?: AbortSignal): Promise<FollowUpOutcome> {
    const pending = await this.#pending(signal);
    if (!pending) return { result: 'stopped' };
    // Forget what was triggered for entities now stored, changed or gone.
    this.#triggered = new Map(
      [...this.#triggered].filter(([ref, key]) => pending.get(ref) === key),
    );
    const fresh = [...pending.keys()].filter(ref => !this.#triggered.has(ref));
    const { logger, minIntervalMs } = this.#options;
    if (fresh.length === 0) {
      if (pending.size > 0) {
        logger.debug(
          `Catalog follow-up: ${named([
            ...pending.keys(),
          ])} still not assessed after the scan triggered for them; left to the schedule`,
        );
      }
      return { result: 'nothing-new' };
    }
    const now = this.#now();
    if (
      this.#lastTriggerAt !== undefined &&
      now - this.#lastTriggerAt < minIntervalMs
    ) {
      return { result: 'waiting', entityRefs: fresh, reason: 'min-interval' };
    }
    try {
      await this.#options.triggerScan();
    } catch (error) {
      if (!isConflict(error)) throw error;
      logger.debug(
        `Catalog follow-up: a scan is running; ${named(
          fresh,
        )} will be looked at again after it`,
      );
      return { result: 'waiting', entityRefs: fresh, reason: 'scan-running' };
    }
    this.#lastTriggerAt = now;
    for (const ref of fresh) this.#triggered.set(ref, pending.get(ref)!);
    logger.info(
      `Catalog follow-up: ${
        fresh.length
      } entities new or changed in the catalog (${named(
        fresh,
      )}); scan triggered`,
    );
    return { result: 'triggered', entityRefs: fresh };
  }

  /**
   * Entity ref to annotations key of the entities in scope whose stored
   * assessment is missing or not current; undefined when stopped.
   */
  async #pending(
    signal?: AbortSignal,
  ): Promise<Map<string, string> | undefined> {
    const { catalog, auth, assessments, scope } = this.#options;
    const credentials = await auth.getOwnServiceCredentials();
    const stored = new Set(
      (await assessments.entitiesMatching({})).map(row => row.entityRef),
    );
    const pending = new Map<string, string>();
    const current = new Map<string, string>();
    for await (const page of readEntitiesInScope(catalog, scope, credentials, {
      fields: FIELDS,
    })) {
      if (signal?.aborted) return undefined;
      const unchecked = new Map<string, string>();
      for (const entity of page) {
        const ref = stringifyEntityRef(entity);
        const key = catalogKey(readEntityWorkloadSelector(entity));
        if (!stored.has(ref)) pending.set(ref, key);
        else if (this.#current.get(ref) === key) current.set(ref, key);
        else unchecked.set(ref, key);
      }
      // Only entities whose annotations this instance has not seen match
      // their stored assessment are read (all of them at the first run).
      const found = unchecked.size
        ? await assessments.getMany([...unchecked.keys()])
        : new Map<string, EntityAssessmentResponse>();
      for (const [ref, key] of unchecked) {
        const assessment = found.get(ref);
        if (assessment && storedKey(assessment) === key) current.set(ref, key);
        else pending.set(ref, key);
      }
    }
    this.#current = current;
    return pending;
  }

  #now(): number {
    return this.#options.now?.() ?? Date.now();
  }
}
