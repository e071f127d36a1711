import { LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { NotificationPayload } from '@backstage/plugin-notifications-common';
import {
  MigrationTask,
  taskTargetLabel,
} from '@meshwise/backstage-plugin-service-mesh-common';

/** The topic users see (and can mute) in their notification settings. */
export const TASK_NOTIFICATION_TOPIC = 'Meshwise migration tasks';

/** The Mesh tab of the task's entity, as the catalog routes it. */
export function meshTabLink(entityRef: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `/catalog/${namespace}/${kind.toLocaleLowerCase(
    'en-US',
  )}/${name}/mesh`;
}

/**
 * Tells the people a migration task concerns, through Backstage
 * notifications: the assignee (a user, or every member of a group; the
 * owning group by default) when tasks are filed, when a task is assigned to
 * them, and when the scanner closes one. The one who made the change is not
 * told of it. Best effort: a missing or failing notifications backend is
 * logged and never fails the change, which has already been stored.
 */
export class TaskNotifications {
  readonly #notifications: NotificationService;
  readonly #logger: LoggerService;

  constructor(options: {
    notifications: NotificationService;
    logger: LoggerService;
  }) {
    this.#notifications = options.notifications;
    this.#logger = options.logger;
  }

  /** Tasks filed by `by`: one notification per assignee. */
  async filed(tasks: MigrationTask[], by: string): Promise<void> {
    const byAssignee = new Map<string, MigrationTask[]>();
    for (const task of tasks) {
      if (!task.assignee) continue;
      byAssignee.set(task.assignee, [
        ...(byAssignee.get(task.assignee) ?? []),
        task,
      ]);
    }
    await Promise.all(
      [...byAssignee].map(([assignee, filed]) =>
        this.#send(
          assignee,
          filed.length === 1
            ? {
                title: `Migration task filed: ${filed[0].title}`,
                description: `${by} filed a task to move ${
                  filed[0].entityRef
                } to ${taskTargetLabel(filed[0].target)}${
                  filed[0].dueDate ? `, due ${filed[0].dueDate}` : ''
                }.`,
                link: meshTabLink(filed[0].entityRef),
                scope: `service-mesh-task:${filed[0].id}:filed`,
              }
            : {
                title: `${filed.length} migration tasks filed for your services`,
                description: `${by} filed tasks to move ${filed
                  .map(task => task.entityRef)
                  .join(', ')} to ${taskTargetLabel(filed[0].target)}.`,
                link: '/service-mesh/tasks',
              },
          by,
        ),
      ),
    );
  }

  /** A task assigned (or re-assigned) by `by` to its current assignee. */
  async assigned(task: MigrationTask, by: string): Promise<void> {
    if (!task.assignee) return;
    await this.#send(
      task.assignee,
      {
        title: `Migration task assigned: ${task.title}`,
        description: `${by} assigned the task to move ${
          task.entityRef
        } to ${taskTargetLabel(task.target)} to ${task.assignee}.`,
        link: meshTabLink(task.entityRef),
        scope: `service-mesh-task:${task.id}:assigned:${task.version}`,
      },
      by,
    );
  }

  /** A task the scanner closed because its service reached the target. */
  async closedByScanner(task: MigrationTask, note: string): Promise<void> {
    if (!task.assignee) return;
    await this.#send(task.assignee, {
      title: `Migration task done: ${task.title}`,
      description: note,
      link: meshTabLink(task.entityRef),
      severity: 'low',
      scope: `service-mesh-task:${task.id}:done`,
    });
  }

  async #send(
    recipient: string,
    payload: NotificationPayload,
    exclude?: string,
  ): Promise<void> {
    try {
      await this.#notifications.send({
        recipients: {
          type: 'entity',
          entityRef: recipient,
          ...(exclude ? { excludeEntityRef: exclude } : {}),
        },
        payload: { topic: TASK_NOTIFICATION_TOPIC, ...payload },
      });
    } catch (error) {
      this.#logger.warn(
        `Could not notify ${recipient} of "${
          payload.title
        }" (is the notifications backend installed?): ${
          (error as Error).message
        }`,
      );
    }
  }
}
