import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import { NotFoundError } from '@backstage/errors';
import { MigrationTask } from '@meshwise/backstage-plugin-service-mesh-common';
import express from 'express';
import request from 'supertest';
import { MigrationTaskService } from './MigrationTaskService';
import { createRouter, RouterOptions } from './router';

// Each test builds the router, whose OpenAPI validators compile on first use:
// seconds of CPU on a busy two-core machine.
jest.setTimeout(30_000);

const task: MigrationTask = {
  id: '1',
  entityRef: 'component:default/cart',
  target: 'linkerd',
  title: 'Move cart to Linkerd',
  description: '',
  status: 'open',
  version: 1,
  createdBy: 'user:default/mock',
  createdAt: '2026-12-01T00:00:00.000Z',
  updatedAt: '2026-12-01T00:00:00.000Z',
  comments: [],
};

/** The router over a mocked task service: it parses, calls and answers. */
async function startApp() {
  const tasks: jest.Mocked<MigrationTaskService> = {
    create: jest.fn(),
    bulkCreate: jest.fn(),
    list: jest.fn(),
    get: jest.fn(),
    update: jest.fn(),
    comment: jest.fn(),
  };
  const router = await createRouter({
    logger: mockServices.logger.mock(),
    httpAuth: mockServices.httpAuth(),
    auditor: mockServices.auditor.mock(),
    tasks,
  } as Partial<RouterOptions> as RouterOptions);
  const app = express().use(router).use(mockErrorHandler());
  return { app, tasks };
}

describe('task routes', () => {
  it('files a task with the validated body, the caller and the Idempotency-Key', async () => {
    const { app, tasks } = await startApp();
    tasks.create.mockResolvedValue({ task, created: true });

    const res = await request(app)
      .post('/tasks')
      .set('Idempotency-Key', 'k1')
      .send({ entityRef: 'Component:default/cart', target: 'linkerd' });

    expect(res.status).toBe(201);
    expect(res.body).toEqual(task);
    expect(tasks.create).toHaveBeenCalledWith(
      // The ref in its canonical form.
      { entityRef: 'component:default/cart', target: 'linkerd' },
      { credentials: mockCredentials.user(), idempotencyKey: 'k1' },
    );
  });

  it('answers 200 when the service replays an earlier create', async () => {
    const { app, tasks } = await startApp();
    tasks.create.mockResolvedValue({ task, created: false });

    const res = await request(app)
      .post('/tasks')
      .send({ entityRef: 'component:default/cart', target: 'vpc-lattice' });

    expect(res.status).toBe(200);
  });

  it('refuses a target that is not a task target before calling the service', async () => {
    const { app, tasks } = await startApp();

    const res = await request(app)
      .post('/tasks')
      .send({ entityRef: 'component:default/cart', target: 'aws-app-mesh' });

    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^Invalid request body: target:/);
    expect(tasks.create).not.toHaveBeenCalled();
  });

  it('answers the bulk result 201 when it filed tasks, 200 when it filed none', async () => {
    const { app, tasks } = await startApp();
    tasks.bulkCreate.mockResolvedValueOnce({ created: [task], skipped: [] });
    tasks.bulkCreate.mockResolvedValueOnce({ created: [], skipped: [] });
    const body = { target: 'gateway-api', owner: 'group:default/team-a' };

    expect((await request(app).post('/tasks/bulk').send(body)).status).toBe(
      201,
    );
    expect((await request(app).post('/tasks/bulk').send(body)).status).toBe(
      200,
    );
    expect(tasks.bulkCreate).toHaveBeenCalledWith(body, {
      credentials: mockCredentials.user(),
    });
  });

  it("answers the service's errors with their status and message", async () => {
    const { app, tasks } = await startApp();
    tasks.update.mockRejectedValue(
      new NotFoundError('Task 9 does not exist, or you may not see it'),
    );

    const res = await request(app)
      .patch('/tasks/9')
      .send({ version: 1, status: 'done' });

    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe(
      'Task 9 does not exist, or you may not see it',
    );
    expect(tasks.update).toHaveBeenCalledWith(
      '9',
      { version: 1, status: 'done' },
      { credentials: mockCredentials.user() },
    );
  });

  it('names an unknown body field, an unknown query parameter and the header as spelled', async () => {
    const { app, tasks } = await startApp();

    const field = await request(app).post('/tasks').send({
      entityRef: 'component:default/cart',
      target: 'linkerd',
      colour: 'red',
    });
    const parameter = await request(app).get('/tasks?colour=red');
    const header = await request(app)
      .post('/tasks')
      .set('Idempotency-Key', 'k'.repeat(256))
      .send({ entityRef: 'component:default/cart', target: 'linkerd' });

    expect([field.status, field.body.error.message]).toEqual([
      400,
      'Invalid request body: "colour" is not a field of the API',
    ]);
    expect([parameter.status, parameter.body.error.message]).toEqual([
      400,
      'Invalid query: colour: not a parameter of the API',
    ]);
    expect([header.status, header.body.error.message]).toEqual([
      400,
      'Invalid header: Idempotency-Key: must NOT have more than 255 characters',
    ]);
    expect(tasks.create).not.toHaveBeenCalled();
    expect(tasks.list).not.toHaveBeenCalled();
  });

  it('says what a pattern of the spec means', async () => {
    const { app, tasks } = await startApp();

    const ref = await request(app)
      .post('/tasks')
      .send({ entityRef: 'cart', target: 'linkerd' });
    const id = await request(app).get('/tasks/a%01b');

    expect(ref.body.error.message).toBe(
      'Invalid request body: entityRef: must be an entity ref like component:default/cart',
    );
    expect(id.body.error.message).toBe(
      'Invalid path: id: must not contain control characters',
    );
    expect(tasks.create).not.toHaveBeenCalled();
    expect(tasks.get).not.toHaveBeenCalled();
  });

  it('lists with the query typed and defaulted by the spec, lists repeated or comma-separated', async () => {
    const { app, tasks } = await startApp();
    tasks.list.mockResolvedValue({ items: [], totalCount: 0 });

    await request(app).get(
      '/tasks?status=open,blocked&assignee=group:default/a&assignee=group:default/b&entityRef=Component:default/Cart&offset=5',
    );

    expect(tasks.list).toHaveBeenCalledWith(
      {
        status: ['open', 'blocked'],
        assignee: ['group:default/a', 'group:default/b'],
        entityRef: 'component:default/cart',
        offset: 5,
        limit: 50,
      },
      { credentials: mockCredentials.user() },
    );
  });

  it('keeps a comment trimmed, refuses a blank one, and a bulk filing for nobody', async () => {
    const { app, tasks } = await startApp();
    tasks.comment.mockResolvedValue(task);

    const blank = await request(app)
      .post('/tasks/1/comments')
      .send({ body: ' \n ' });
    const kept = await request(app)
      .post('/tasks/1/comments')
      .send({ body: '  On it. ' });
    const nobody = await request(app)
      .post('/tasks/bulk')
      .send({ target: 'linkerd', stages: ['ready'] });

    expect([blank.status, blank.body.error.message]).toEqual([
      400,
      'Invalid request body: body: must not be blank',
    ]);
    expect(kept.status).toBe(201);
    expect(tasks.comment).toHaveBeenCalledWith('1', 'On it.', {
      credentials: mockCredentials.user(),
    });
    expect([nobody.status, nobody.body.error.message]).toEqual([
      400,
      'Invalid request body: owner: name an owner or a system to file tasks for',
    ]);
    expect(tasks.bulkCreate).not.toHaveBeenCalled();
  });

  it('asks for credentials before anything else', async () => {
    const { app, tasks } = await startApp();

    const res = await request(app)
      .get('/tasks')
      .set('Authorization', mockCredentials.none.header());

    expect(res.status).toBe(401);
    expect(tasks.list).not.toHaveBeenCalled();
  });
});
