import { HttpAuthService } from '@backstage/backend-plugin-api';
import { callerCredentials } from './caller';
import { canonicalEntityRef } from './entityRefs';
import { idempotencyKeyOf } from './idempotency';
import { MigrationTaskService } from './MigrationTaskService';
import { ServiceMeshRouter } from './openApiRouter';
import { invalidInput } from './validationMessages';

export interface TaskRoutesOptions {
  httpAuth: HttpAuthService;
  tasks: MigrationTaskService;
}

/** `/tasks`: migration tasks filed from the portal. */
export function addTaskRoutes(
  router: ServiceMeshRouter,
  { httpAuth, tasks }: TaskRoutesOptions,
) {
  const credentialsOf = callerCredentials(httpAuth);

  router.post('/tasks', async (req, res) => {
    const credentials = await credentialsOf(req);
    const body = {
      ...req.body,
      entityRef: canonicalEntityRef(req.body.entityRef, 'body', 'entityRef'),
    };
    const idempotencyKey = idempotencyKeyOf(req);
    const { task, created } = await tasks.create(body, {
      credentials,
      idempotencyKey,
    });
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
    const result = await tasks.bulkCreate(req.body, { credentials });
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
    res.json(await tasks.update(req.params.id, req.body, { credentials }));
  });

  router.post('/tasks/:id/comments', async (req, res) => {
    const credentials = await credentialsOf(req);
    // The spec refuses a blank comment; what is kept is trimmed.
    const body = req.body.body.trim();
    res
      .status(201)
      .json(await tasks.comment(req.params.id, body, { credentials }));
  });
}
