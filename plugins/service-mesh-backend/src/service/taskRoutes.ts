import { HttpAuthService } from '@backstage/backend-plugin-api';
import {
  MIGRATION_TASK_STATUSES,
  TASK_TARGETS,
} from '@meshwise/backstage-plugin-service-mesh-common';
import express from 'express';
import { z } from 'zod';
import { callerCredentials } from './caller';
import { entityRefField } from './entityRefs';
import { idempotencyKeyOf } from './idempotency';
import { MigrationTaskService } from './MigrationTaskService';
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
  httpAuth: HttpAuthService;
  tasks: MigrationTaskService;
}

/** `/tasks`: migration tasks filed from the portal. */
export function addTaskRoutes(
  router: express.Router,
  { httpAuth, tasks }: TaskRoutesOptions,
) {
  const credentialsOf = callerCredentials(httpAuth);

  router.post('/tasks', async (req, res) => {
    const credentials = await credentialsOf(req);
    const body = parseBody(createTaskBody, req.body);
    const idempotencyKey = idempotencyKeyOf(req);
    const { task, created } = await tasks.create(body, {
      credentials,
      idempotencyKey,
    });
    res.status(created ? 201 : 200).json(task);
  });

  router.post('/tasks/bulk', async (req, res) => {
    const credentials = await credentialsOf(req);
    const body = parseBody(bulkBody, req.body);
    const result = await tasks.bulkCreate(body, { credentials });
    res.status(result.created.length ? 201 : 200).json(result);
  });

  router.get('/tasks', async (req, res) => {
    const credentials = await credentialsOf(req);
    const query = parseQuery(listQuery, req.query);
    res.json(await tasks.list(query, { credentials }));
  });

  router.get('/tasks/:id', async (req, res) => {
    const credentials = await credentialsOf(req);
    res.json(await tasks.get(req.params.id, { credentials }));
  });

  router.patch('/tasks/:id', async (req, res) => {
    const credentials = await credentialsOf(req);
    const body = parseBody(updateTaskBody, req.body);
    res.json(await tasks.update(req.params.id, body, { credentials }));
  });

  router.post('/tasks/:id/comments', async (req, res) => {
    const credentials = await credentialsOf(req);
    const { body } = parseBody(commentBody, req.body);
    res
      .status(201)
      .json(await tasks.comment(req.params.id, body, { credentials }));
  });
}
