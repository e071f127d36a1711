import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import { audited } from './auditEvents';
import { callerCredentials } from './caller';
import { canonicalEntityRef } from './entityRefs';
import { idempotencyKeyOf } from './idempotency';
import { MigrationTaskService } from './MigrationTaskService';
import { ServiceMeshRouter } from './openApiRouter';
import { invalidInput } from './validationMessages';

export interface TaskRoutesOptions {
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  tasks: MigrationTaskService;
}

/** `/tasks`: migration tasks filed from the portal. */
export function addTaskRoutes(
  router: ServiceMeshRouter,
  { httpAuth, auditor, tasks }: TaskRoutesOptions,
) {
  const credentialsOf = callerCredentials(httpAuth);

  router.post('/tasks', async (req, res) => {
    const credentials = await credentialsOf(req);
    const body = {
      ...req.body,
      entityRef: canonicalEntityRef(req.body.entityRef, 'body', 'entityRef'),
    };
    const idempotencyKey = idempotencyKeyOf(req);
    const { task, created } = await audited(
      auditor,
      {
        eventId: 'task-create',
        request: req,
        meta: {
          actionType: 'single',
          entityRef: body.entityRef,
          target: body.target,
        },
      },
      () => tasks.create(body, { credentials, idempotencyKey }),
      result => ({
        taskId: result.task.id,
        // An active task for the entity and target, or a replayed key.
        outcome: result.created ? 'created' : 'existing',
      }),
    );
    res.status(created ? 201 : 200).json(task);
  });

  router.post('/tasks/bulk', async (req, res) => {
    const credentials = await credentialsOf(req);
    if (!req.body.owner && !req.body.system) {
      throw invalidInput(
        'body',
        'owner',
        'name an owner or a system to file tasks for',
      );
    }
    const { owner, system, target } = req.body;
    const result = await audited(
      auditor,
      {
        eventId: 'task-create',
        request: req,
        meta: {
          actionType: 'bulk',
          target,
          ...(owner ? { owner } : {}),
          ...(system ? { system } : {}),
        },
      },
      () => tasks.bulkCreate(req.body, { credentials }),
      filed => ({
        createdTaskIds: filed.created.map(task => task.id),
        skippedCount: filed.skipped.length,
      }),
    );
    res.status(result.created.length ? 201 : 200).json(result);
  });

  router.get('/tasks', async (req, res) => {
    const credentials = await credentialsOf(req);
    const { entityRef, ...query } = req.query;
    const list = await tasks.list(
      entityRef
        ? {
            ...query,
            entityRef: canonicalEntityRef(entityRef, 'query', 'entityRef'),
          }
        : query,
      { credentials },
    );
    res.json(list);
  });

  router.get('/tasks/:id', async (req, res) => {
    const credentials = await credentialsOf(req);
    res.json(await tasks.get(req.params.id, { credentials }));
  });

  router.patch('/tasks/:id', async (req, res) => {
    const credentials = await credentialsOf(req);
    const task = await audited(
      auditor,
      {
        eventId: 'task-update',
        request: req,
        meta: { taskId: req.params.id, fields: Object.keys(req.body) },
      },
      () => tasks.update(req.params.id, req.body, { credentials }),
      updated => ({
        entityRef: updated.entityRef,
        status: updated.status,
        version: updated.version,
      }),
    );
    res.json(task);
  });

  router.post('/tasks/:id/comments', async (req, res) => {
    const credentials = await credentialsOf(req);
    // The spec refuses a blank comment; what is kept is trimmed.
    const body = req.body.body.trim();
    const commented = await audited(
      auditor,
      {
        eventId: 'task-comment',
        request: req,
        meta: { taskId: req.params.id },
      },
      () => tasks.comment(req.params.id, body, { credentials }),
      // Not the text: comments may hold what an audit log should not.
      task => ({
        entityRef: task.entityRef,
        commentCount: task.comments.length,
      }),
    );
    res.status(201).json(commented);
  });
}
