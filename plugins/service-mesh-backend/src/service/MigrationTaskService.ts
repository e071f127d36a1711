import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import {
  BulkCreateMigrationTasksRequest,
  BulkCreateMigrationTasksResponse,
  CreateMigrationTaskRequest,
  MigrationTask,
  MigrationTaskList,
  MigrationTaskQuery,
  serviceMeshTaskCreatePermission,
  serviceMeshTaskUpdatePermission,
  UpdateMigrationTaskRequest,
} from '@meshwise/backstage-plugin-service-mesh-common';
import { ServiceMeshStore } from '../database/ServiceMeshStore';
import { toAssessedEntity } from '../scanner/catalogEntities';
import { TaskNotifications } from '../tasks/TaskNotifications';
import { TaskSinks } from '../tasks/TaskSinks';
import {
  alreadyActiveReason,
  defaultTaskDescription,
  defaultTaskTitle,
} from '../tasks/taskDefaults';
import { requestHash } from './idempotency';
import { CallerOptions, MeshAuthorizer } from './MeshAuthorizer';
import { principalOf } from './principal';

/** `POST /tasks`, as validated (the entity ref in its canonical form). */
export type CreateTaskInput = CreateMigrationTaskRequest;

/** `POST /tasks/bulk`, as validated. */
export type BulkCreateTasksInput = BulkCreateMigrationTasksRequest;

/** Migration tasks filed from the portal, as the caller may see and change them. */
export interface MigrationTaskService {
  /** `created` is false when the idempotency key replays an earlier request. */
  create(
    input: CreateTaskInput,
    options: CallerOptions & { idempotencyKey?: string },
  ): Promise<{ task: MigrationTask; created: boolean }>;
  bulkCreate(
    input: BulkCreateTasksInput,
    options: CallerOptions,
  ): Promise<BulkCreateMigrationTasksResponse>;
  list(
    query: MigrationTaskQuery,
    options: CallerOptions,
  ): Promise<MigrationTaskList>;
  get(id: string, options: CallerOptions): Promise<MigrationTask>;
  update(
    id: string,
    changes: UpdateMigrationTaskRequest,
    options: CallerOptions,
  ): Promise<MigrationTask>;
  comment(
    id: string,
    body: string,
    options: CallerOptions,
  ): Promise<MigrationTask>;
}

/**
 * The rules of migration tasks: default titles, descriptions and assignees,
 * one active task per entity and target, bulk filing in one transaction,
 * and the mirror to an external tracker. Every check of who may see or
 * change what goes through the `MeshAuthorizer`.
 */
export class DefaultMigrationTaskService implements MigrationTaskService {
  readonly #store: ServiceMeshStore;
  readonly #authorizer: MeshAuthorizer;
  readonly #taskSinks?: TaskSinks;
  readonly #notifications?: TaskNotifications;

  constructor(options: {
    store: ServiceMeshStore;
    authorizer: MeshAuthorizer;
    /** Where tasks are also filed (the sinks modules added), if anywhere. */
    taskSinks?: TaskSinks;
    /** Tells assignees of filed and assigned tasks. */
    notifications?: TaskNotifications;
  }) {
    this.#store = options.store;
    this.#authorizer = options.authorizer;
    this.#taskSinks = options.taskSinks;
    this.#notifications = options.notifications;
  }

  async create(
    input: CreateTaskInput,
    options: CallerOptions & { idempotencyKey?: string },
  ) {
    const { credentials, idempotencyKey: key } = options;
    const entity = await this.#authorizer.visibleEntity(
      input.entityRef,
      credentials,
    );
    await this.#requireAllowed('create', input.entityRef, credentials);
    const createdBy = principalOf(credentials);
    const assessment = await this.#store.assessments.get(input.entityRef);
    const { task, created } = await this.#store.tasks.create({
      entityRef: input.entityRef,
      target: input.target,
      title:
        input.title ??
        defaultTaskTitle(
          entity.metadata.title ?? entity.metadata.name,
          input.target,
        ),
      description:
        input.description ??
        defaultTaskDescription(input.entityRef, input.target, assessment),
      assignee: input.assignee ?? toAssessedEntity(entity).owner,
      dueDate: input.dueDate,
      createdBy,
      idempotencyKey: key ? `${createdBy}:${key}` : undefined,
      requestHash: key ? requestHash(input) : undefined,
    });
    if (!created) return { task, created };
    const filed = await this.#openExternally(task, entity);
    // Not awaited: the task is stored; telling people must not slow or fail it.
    void this.#notifications?.filed([filed], createdBy);
    return { task: filed, created };
  }

  /**
   * One task per assessed service of the owner or system (and stages) that
   * the caller may see, in one transaction; the services the caller may not
   * file for, or that have an active task for the target, are skipped with
   * the reason.
   */
  async bulkCreate(
    input: BulkCreateTasksInput,
    { credentials }: CallerOptions,
  ) {
    const createdBy = principalOf(credentials);
    const visible = await this.#authorizer.visibleEntityRefs(credentials);
    const store = this.#store;
    const result = await store.transaction(async tx => {
      const candidates = (
        await store.assessments.entitiesMatching(
          { owner: input.owner, system: input.system, stages: input.stages },
          tx,
        )
      ).filter(c => !visible || visible.has(c.entityRef));
      const refs = candidates.map(c => c.entityRef);
      const allowed = await this.#authorizer.allowedEach(
        serviceMeshTaskCreatePermission,
        refs,
        credentials,
      );
      const active = await store.tasks.activeTasksFor(refs, input.target, tx);
      // Inside the transaction: SQLite has a single connection.
      const assessments = await store.assessments.getMany(refs, tx);
      const alreadyActive = (entityRef: string, taskId: string) => ({
        entityRef,
        reason: alreadyActiveReason(input.target),
        taskId,
      });
      const outcome: BulkCreateMigrationTasksResponse = {
        created: [],
        skipped: [],
      };
      for (const [i, candidate] of candidates.entries()) {
        if (!allowed[i]) {
          outcome.skipped.push({
            entityRef: candidate.entityRef,
            reason: 'You may not create migration tasks for it',
          });
          continue;
        }
        const existing = active.get(candidate.entityRef);
        if (existing) {
          outcome.skipped.push(alreadyActive(candidate.entityRef, existing));
          continue;
        }
        const assessment = assessments.get(candidate.entityRef);
        const { task, created } = await store.tasks.create(
          {
            entityRef: candidate.entityRef,
            target: input.target,
            title: defaultTaskTitle(
              assessment?.entity.title ??
                assessment?.entity.name ??
                candidate.entityRef,
              input.target,
            ),
            description: defaultTaskDescription(
              candidate.entityRef,
              input.target,
              assessment,
            ),
            assignee: candidate.owner,
            dueDate: input.dueDate,
            createdBy,
          },
          tx,
        );
        // A concurrent request (this replica or another) filed it first.
        if (created) outcome.created.push(task);
        else outcome.skipped.push(alreadyActive(candidate.entityRef, task.id));
      }
      return outcome;
    });
    if (this.#taskSinks && result.created.length > 0) {
      const entities = await this.#authorizer.visibleEntities(
        result.created.map(task => task.entityRef),
        credentials,
      );
      result.created = await Promise.all(
        result.created.map((task, i) =>
          entities[i] ? this.#openExternally(task, entities[i]!) : task,
        ),
      );
    }
    void this.#notifications?.filed(result.created, createdBy);
    return result;
  }

  async list(query: MigrationTaskQuery, { credentials }: CallerOptions) {
    const visible = await this.#authorizer.visibleEntityRefs(credentials);
    return this.#store.tasks.list(query, visible);
  }

  get(id: string, { credentials }: CallerOptions) {
    return this.#visibleTask(id, credentials);
  }

  async update(
    id: string,
    changes: UpdateMigrationTaskRequest,
    { credentials }: CallerOptions,
  ) {
    const task = await this.#visibleTask(id, credentials);
    await this.#requireAllowed('update', task.entityRef, credentials);
    const updated = await this.#store.tasks.update(task.id, changes);
    if (updated.assignee && updated.assignee !== task.assignee) {
      void this.#notifications?.assigned(updated, principalOf(credentials));
    }
    return updated;
  }

  async comment(id: string, body: string, { credentials }: CallerOptions) {
    const task = await this.#visibleTask(id, credentials);
    await this.#requireAllowed('update', task.entityRef, credentials);
    return this.#store.tasks.addComment(task.id, {
      author: principalOf(credentials),
      body,
    });
  }

  async #requireAllowed(
    action: 'create' | 'update',
    entityRef: string,
    credentials: BackstageCredentials,
  ) {
    const permission =
      action === 'create'
        ? serviceMeshTaskCreatePermission
        : serviceMeshTaskUpdatePermission;
    await this.#authorizer.require(
      permission,
      entityRef,
      credentials,
      `You may not ${permission.attributes.action} migration tasks of ${entityRef}`,
    );
  }

  /**
   * The task, if it exists and the caller may see its entity; otherwise the
   * same 404 either way, so the answer reveals neither the task nor the
   * entity it is for.
   */
  async #visibleTask(id: string, credentials: BackstageCredentials) {
    const task = await this.#store.tasks.get(id);
    if (
      !task ||
      !(await this.#authorizer.canSee(task.entityRef, credentials))
    ) {
      throw new NotFoundError(
        `Task ${id} does not exist, or you may not see it`,
      );
    }
    return task;
  }

  /** Mirrors a new task to the sinks; the outcome is kept on the task. */
  async #openExternally(task: MigrationTask, entity: Entity) {
    if (!this.#taskSinks) return task;
    const external = await this.#taskSinks.taskCreated(task, entity);
    if (!external.url && !external.error) return task;
    await this.#store.tasks.setExternal(task.id, external);
    return (await this.#store.tasks.get(task.id))!;
  }
}
