import { Entity } from '@backstage/catalog-model';
import { MigrationTask } from '@meshwise/backstage-plugin-service-mesh-common';

/** What the backend knows about a task's service when it calls a sink. */
export interface ServiceMeshTaskSinkContext {
  /** The catalog entity the task is for (annotations, owner, source location). */
  entity: Entity;
}

/**
 * What a sink reports for a new task: a link kept on the task (an issue,
 * a ticket), or why it could not open one, kept on the task for its users.
 */
export type ServiceMeshTaskSinkResult = { url: string } | { error: string };

/**
 * Somewhere migration tasks are also filed: an issue tracker, a ticketing
 * system. Each sink added is called for every task filed from the portal
 * (one at a time or in bulk), after the task is stored.
 */
export interface ServiceMeshTaskSink {
  /** Names the sink in logs and in errors kept on tasks, e.g. `github`. */
  readonly id: string;
  /**
   * Called once per new task (its target, title and description are on the
   * task). Return a link, an error to show on the task, or nothing. A sink
   * that throws is logged; the task is kept either way.
   */
  onTaskCreated(
    task: MigrationTask,
    context: ServiceMeshTaskSinkContext,
  ): Promise<ServiceMeshTaskSinkResult | void>;
}
