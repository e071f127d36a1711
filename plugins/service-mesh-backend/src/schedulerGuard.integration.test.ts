import { createServiceFactory } from '@backstage/backend-plugin-api';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { serviceMeshPlugin } from './plugin';
import {
  createStoreTestDatabases,
  reportSkippedDatabases,
} from './__testUtils__/testDatabases';

jest.setTimeout(60_000);

const { databases, ids, skipped } = createStoreTestDatabases();

const ADMIN = 'user:default/admin';
const TASK_ROUTES = '/api/service-mesh/.backstage/scheduler/v1/tasks';

/**
 * The scheduler's trigger and cancel routes of the scan task, through HTTP
 * with Backstage's real scheduler service: a user needs
 * `service-mesh.scan.trigger` / `.cancel`; service principals pass.
 */
describe("the scheduler's task routes", () => {
  reportSkippedDatabases(skipped);

  async function start(id: (typeof ids)[number]) {
    const knex = await databases.init(id);
    const asked: { name: string; principal: string }[] = [];
    // The policy: only ADMIN may. Service principals are allowed as the
    // real permissions service allows them (ServerPermissionClient decides
    // them itself, within their access restrictions).
    const permissions = mockServices.permissions.mock({
      authorize: jest.fn(async (requests, options) => {
        const { principal } = (options as any).credentials;
        return requests.map((r: unknown) => {
          const name = (r as any).permission.name as string;
          const who =
            principal.type === 'user' ? principal.userEntityRef : 'service';
          asked.push({ name, principal: who });
          return {
            result:
              who === 'service' || who === ADMIN
                ? AuthorizeResult.ALLOW
                : AuthorizeResult.DENY,
          };
        });
      }) as any,
    });
    const { server } = await startTestBackend({
      features: [
        serviceMeshPlugin,
        schedulerServiceFactory,
        permissions.factory,
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({
          data: {
            serviceMesh: {
              schedule: {
                frequency: { trigger: 'manual' },
                timeout: { minutes: 5 },
              },
            },
          },
        }),
        createServiceFactory({
          service: catalogServiceRef,
          deps: {},
          factory: () => catalogServiceMock({ entities: [] }),
        }),
      ],
    });
    const post = (action: string, header: string) =>
      request(server)
        .post(`${TASK_ROUTES}/service-mesh-scan/${action}`)
        .set('Authorization', header);
    return { server, post, asked };
  }

  it.each(ids)(
    'a user without the permission gets 403 on trigger and cancel (%s)',
    async id => {
      const { post, asked } = await start(id);

      const trigger = await post('trigger', mockCredentials.user.header());
      const cancel = await post('cancel', mockCredentials.user.header());

      expect(trigger.status).toBe(403);
      expect(trigger.body.error.message).toContain(
        'permission service-mesh.scan.trigger is required',
      );
      expect(cancel.status).toBe(403);
      expect(asked).toEqual([
        { name: 'service-mesh.scan.trigger', principal: 'user:default/mock' },
        { name: 'service-mesh.scan.cancel', principal: 'user:default/mock' },
      ]);
    },
  );

  it.each(ids)(
    'a service principal and an allowed user can trigger; reading the tasks stays open (%s)',
    async id => {
      const { server, post } = await start(id);

      const byService = await post('trigger', mockCredentials.service.header());
      expect(byService.status).toBe(200);
      const byAdmin = await post('trigger', mockCredentials.user.header(ADMIN));
      // 409 when the service's trigger already started the scan.
      expect([200, 409]).toContain(byAdmin.status);

      const tasks = await request(server)
        .get(TASK_ROUTES)
        .set('Authorization', mockCredentials.user.header());
      expect(tasks.status).toBe(200);
      expect(tasks.body.tasks.map((t: { taskId: string }) => t.taskId)).toEqual(
        ['service-mesh-scan'],
      );
    },
  );
});
