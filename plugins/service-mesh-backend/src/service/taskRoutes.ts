import {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  BulkCreateMigrationTasksResponse,
  MIGRATION_TASK_STATUSES,
  MigrationTask,
  serviceMeshTaskCreatePermission,
  serviceMeshTaskUpdatePermission,
} from '@meshwise/backstage-plugin-service-mesh-common';
import express from 'express';
import { z } from 'zod';
import { ServiceMeshStore } from '../database/ServiceMeshStore';
import { EntityScope, toAssessedEntity } from '../scanner/catalogEntities';
import { TaskSink } from '../tasks/GithubIssueSink';
import { defaultTaskDescription } from '../tasks/taskDescription';
import { targetLabel, TASK_TARGETS } from '../tasks/targets';
import { visibleEntityRefs } from './entityVisibility';
import { entityRefField } from './entityRefs';
import { idempotencyKeyOf, requestHash } from './idempotency';
import { isoDay, listParam, pageOffset } from './queryParams';
import { parseBody, parseQuery } from './validation';

const groupRef = z.string().min(1).max(255);

const createTaskBody = z.object({
  entityRef: entityRefField,
  target: z.enum(TASK_TARGETS),
  title: z.string().min(1).max(255).optional(),
  description: z.string().max(20_000).optional(),
  assignee: groupRef.optional(),
  dueDate: isoDay.optional(),
});

const updateTaskBody = z
  .object({
    // A version is a 32-bit integer in the store, and version + 1 must fit.
    version: z.number().int().min(1).max(2_147_483_646),
    status: z.enum(MIGRATION_TASK_STATUSES).optional(),
    title: z.string().min(1).max(255).optional(),
    description: z.string().max(20_000).optional(),
    assignee: groupRef.nullable().optional(),
    dueDate: isoDay.nullable().optional(),
    note: z.string().max(2_000).optional(),
  })
  .strict();

const commentBody = z.object({ body: z.string().trim().min(1).max(10_000) });

const bulkBody = z
  .object({
    target: z.enum(TASK_TARGETS),
    owner: groupRef.optional(),
    system: z.string().min(1).optional(),
    stages: z.array(z.string().min(1)).optional(),
    dueDate: isoDay.optional(),
  })
  .refine(body => body.owner || body.system, {
    message: 'name an owner or a system to file tasks for',
    path: ['owner'],
  });

const listQuery = z.object({
  entityRef: entityRefField.optional(),
  assignee: listParam(groupRef),
  status: listParam(z.enum(MIGRATION_TASK_STATUSES)),
  target: z.string().optional(),
  offset: pageOffset,
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export interface TaskRoutesOptions {
  /** Where tasks are also opened (a GitHub issue), when configured. */
  taskSink?: TaskSink;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  store: ServiceMeshStore;
  scope: EntityScope;
}

function principalOf(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
  };
  return principal.userEntityRef ?? principal.subject ?? 'unknown';
}

/** `/tasks`: migration tasks filed from the portal. */
export function addTaskRoutes(
  router: express.Router,
  options: TaskRoutesOptions,
) {
  const { httpAuth, permissions, catalog, store, scope, taskSink } = options;

  /** Mirrors a new task to the sink; the outcome is kept on the task. */
  async function openExternally(task: MigrationTask, entity: Entity) {
    if (!taskSink) return task;
    const result = await taskSink.open(task, entity);
    await store.tasks.setExternal(
      task.id,
      'url' in result ? { url: result.url } : { error: result.error },
    );
    return (await store.tasks.get(task.id))!;
  }

  const credentialsOf = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  async function requireVisible(
    ref: string,
    credentials: BackstageCredentials,
  ) {
    const entity = await catalog.getEntityByRef(ref, { credentials });
    if (!entity) {
      throw new NotFoundError(
        `Entity ${ref} is not in the catalog, or you may not see it`,
      );
    }
    return entity;
  }

  async function requireAllowed(
    permission:
      | typeof serviceMeshTaskCreatePermission
      | typeof serviceMeshTaskUpdatePermission,
    ref: string,
    credentials: BackstageCredentials,
  ) {
    const [decision] = await permissions.authorize(
      [{ permission, resourceRef: ref }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `You may not ${permission.attributes.action} migration tasks of ${ref}`,
      );
    }
  }

  /**
   * The task, if it exists and the caller may see its entity; otherwise the
   * same 404 either way, so the answer reveals neither the task nor the
   * entity it is for.
   */
  async function requireTask(id: string, credentials: BackstageCredentials) {
    const task = await store.tasks.get(id);
    if (
      !task ||
      !(await catalog.getEntityByRef(task.entityRef, { credentials }))
    ) {
      throw new NotFoundError(
        `Task ${id} does not exist, or you may not see it`,
      );
    }
    return task;
  }

  router.post('/tasks', async (req, res) => {
    const credentials = await credentialsOf(req);
    const body = parseBody(createTaskBody, req.body);
    const key = idempotencyKeyOf(req);
    const entity = await requireVisible(body.entityRef, credentials);
    await requireAllowed(
      serviceMeshTaskCreatePermission,
      body.entityRef,
      credentials,
    );
    const createdBy = principalOf(credentials);
    const assessment = await store.assessments.get(body.entityRef);
    const { task, created } = await store.tasks.create({
      entityRef: body.entityRef,
      target: body.target,
      title:
        body.title ??
        `Move ${entity.metadata.title ?? entity.metadata.name} to ${targetLabel(
          body.target,
        )}`,
      description:
        body.description ??
        defaultTaskDescription(body.entityRef, body.target, assessment),
      assignee: body.assignee ?? toAssessedEntity(entity).owner,
      dueDate: body.dueDate,
      createdBy,
      idempotencyKey: key ? `${createdBy}:${key}` : undefined,
      requestHash: key ? requestHash(body) : undefined,
    });
    res
      .status(created ? 201 : 200)
      .json(created ? await openExternally(task, entity) : task);
  });

  router.post('/tasks/bulk', async (req, res) => {
    const credentials = await credentialsOf(req);
    const body = parseBody(bulkBody, req.body);
    const createdBy = principalOf(credentials);
    const visible = await visibleEntityRefs({
      credentials,
      permissions,
      catalog,
      scope,
    });
    const result: BulkCreateMigrationTasksResponse = await store.transaction(
      async tx => {
        const candidates = (
          await store.assessments.entitiesMatching(
            { owner: body.owner, system: body.system, stages: body.stages },
            tx,
          )
        ).filter(c => visible === 'all' || visible.has(c.entityRef));
        const decisions = candidates.length
          ? await permissions.authorize(
              candidates.map(c => ({
                permission: serviceMeshTaskCreatePermission,
                resourceRef: c.entityRef,
              })),
              { credentials },
            )
          : [];
        const active = await store.tasks.activeTasksFor(
          candidates.map(c => c.entityRef),
          body.target,
          tx,
        );
        // Inside the transaction: SQLite has a single connection.
        const assessments = await store.assessments.getMany(
          candidates.map(c => c.entityRef),
          tx,
        );
        const alreadyActive = (entityRef: string, taskId: string) => ({
          entityRef,
          reason: `It already has an open task for ${targetLabel(body.target)}`,
          taskId,
        });
        const outcome: BulkCreateMigrationTasksResponse = {
          created: [],
          skipped: [],
        };
        for (const [i, candidate] of candidates.entries()) {
          if (decisions[i].result !== AuthorizeResult.ALLOW) {
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
              target: body.target,
              title: `Move ${
                assessment?.entity.title ??
                assessment?.entity.name ??
                candidate.entityRef
              } to ${targetLabel(body.target)}`,
              description: defaultTaskDescription(
                candidate.entityRef,
                body.target,
                assessment,
              ),
              assignee: candidate.owner,
              dueDate: body.dueDate,
              createdBy,
            },
            tx,
          );
          // A concurrent request (this replica or another) filed it first.
          if (created) outcome.created.push(task);
          else
            outcome.skipped.push(alreadyActive(candidate.entityRef, task.id));
        }
        return outcome;
      },
    );
    if (taskSink && result.created.length > 0) {
      const { items } = await catalog.getEntitiesByRefs(
        { entityRefs: result.created.map(task => task.entityRef) },
        { credentials },
      );
      result.created = await Promise.all(
        result.created.map((task, i) =>
          items[i] ? openExternally(task, items[i]!) : task,
        ),
      );
    }
    res.status(result.created.length ? 201 : 200).json(result);
  });

  router.get('/tasks', async (req, res) => {
    const credentials = await credentialsOf(req);
    const query = parseQuery(listQuery, req.query);
    const visible = await visibleEntityRefs({
      credentials,
      permissions,
      catalog,
      scope,
    });
    res.json(
      await store.tasks.list(query, visible === 'all' ? undefined : visible),
    );
  });

  router.get('/tasks/:id', async (req, res) => {
    const credentials = await credentialsOf(req);
    res.json(await requireTask(req.params.id, credentials));
  });

  router.patch('/tasks/:id', async (req, res) => {
    const credentials = await credentialsOf(req);
    const body = parseBody(updateTaskBody, req.body);
    const task = await requireTask(req.params.id, credentials);
    await requireAllowed(
      serviceMeshTaskUpdatePermission,
      task.entityRef,
      credentials,
    );
    res.json(await store.tasks.update(task.id, body));
  });

  router.post('/tasks/:id/comments', async (req, res) => {
    const credentials = await credentialsOf(req);
    const { body } = parseBody(commentBody, req.body);
    const task = await requireTask(req.params.id, credentials);
    await requireAllowed(
      serviceMeshTaskUpdatePermission,
      task.entityRef,
      credentials,
    );
    res.status(201).json(
      await store.tasks.addComment(task.id, {
        author: principalOf(credentials),
        body,
      }),
    );
  });
}
