import { LoggerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { MigrationTask } from '@meshwise/backstage-plugin-service-mesh-common';
import { ServiceMeshTaskSink } from '@meshwise/backstage-plugin-service-mesh-node';

/** The `external_url` column's length. */
const MAX_URL_LENGTH = 1024;

/** What is kept on a task after its sinks ran: one link, and every failure. */
export interface ExternalTaskRecord {
  url?: string;
  error?: string;
}

/**
 * The task sinks that modules added, called together. A task keeps one
 * link (the first sink's that gave one, in the order the sinks were added)
 * and the errors of all; a sink that throws is logged and noted on the
 * task, never failing the filing.
 */
export class TaskSinks {
  /** Undefined when no module added a sink: tasks are filed with no mirror. */
  static of(
    sinks: ServiceMeshTaskSink[],
    logger: LoggerService,
  ): TaskSinks | undefined {
    return sinks.length > 0 ? new TaskSinks(sinks, logger) : undefined;
  }

  readonly #sinks: ServiceMeshTaskSink[];
  readonly #logger: LoggerService;

  private constructor(sinks: ServiceMeshTaskSink[], logger: LoggerService) {
    this.#sinks = sinks;
    this.#logger = logger;
  }

  async taskCreated(
    task: MigrationTask,
    entity: Entity,
  ): Promise<ExternalTaskRecord> {
    const outcomes = await Promise.allSettled(
      this.#sinks.map(sink => sink.onTaskCreated(task, { entity })),
    );
    const urls: string[] = [];
    const errors: string[] = [];
    outcomes.forEach((outcome, i) => {
      const { id } = this.#sinks[i];
      if (outcome.status === 'rejected') {
        // The message may carry what a user should not see: it goes to the log.
        this.#logger.error(
          `Task sink ${id} failed for task ${task.id} (${task.entityRef})`,
          outcome.reason,
        );
        errors.push(`The ${id} task sink failed; the backend log has why`);
        return;
      }
      const result = outcome.value;
      if (!result) return;
      if ('url' in result) {
        const problem = urlProblem(result.url);
        if (problem) errors.push(`The ${id} task sink ${problem}`);
        else urls.push(result.url);
      } else if ('error' in result) {
        errors.push(String(result.error));
      }
    });
    if (urls.length > 1) {
      this.#logger.info(
        `Task ${task.id} keeps the link ${urls[0]}; the sinks also opened ${urls
          .slice(1)
          .join(', ')}`,
      );
    }
    return {
      ...(urls.length ? { url: urls[0] } : {}),
      ...(errors.length ? { error: errors.join('; ') } : {}),
    };
  }
}

/** The link is shown in the portal as is: only http(s), and it must fit its column. */
function urlProblem(url: unknown): string | undefined {
  if (typeof url !== 'string') return 'answered a link that is not a string';
  if (url.length > MAX_URL_LENGTH) {
    return `answered a link over ${MAX_URL_LENGTH} characters`;
  }
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    return `answered a link that is not a URL: ${url.slice(0, 100)}`;
  }
  return protocol === 'http:' || protocol === 'https:'
    ? undefined
    : `answered a link that is not http(s): ${url.slice(0, 100)}`;
}
