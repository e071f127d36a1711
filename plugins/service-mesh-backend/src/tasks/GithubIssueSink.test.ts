import { mockCredentials } from '@backstage/backend-test-utils';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { FakeKubernetesApi } from '../__testUtils__/fakeKubernetesApi';
import { startScanBackend, TOKEN } from '../__testUtils__/scanBackend';
import { clusterObjects, serviceEntity } from '../__testUtils__/scanFixtures';
import { createStoreTestDatabases } from '../__testUtils__/testDatabases';

const { databases } = createStoreTestDatabases();
const GITHUB_TOKEN = 'ghp_test_token';

/** Speaks the one GitHub endpoint the sink uses: POST /repos/:o/:r/issues. */
async function fakeGithub(answer: 'created' | 'fail') {
  const received: { path: string; auth?: string; body: any }[] = [];
  const server: Server = createServer((req, res) => {
    let text = '';
    req.on('data', chunk => (text += chunk));
    req.on('end', () => {
      received.push({
        path: req.url ?? '',
        auth: req.headers.authorization,
        body: JSON.parse(text || '{}'),
      });
      if (answer === 'fail') {
        res.writeHead(503, { 'Content-Type': 'application/json' });
        res.end('{"message":"Service Unavailable"}');
        return;
      }
      res.writeHead(201, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({
          html_url: 'https://github.test/acme/orders/issues/7',
        }),
      );
    });
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    stop: () => new Promise<void>(r => server.close(() => r())),
  };
}

describe('GitHub issue sink', () => {
  let api: FakeKubernetesApi;

  beforeEach(async () => {
    api = await new FakeKubernetesApi({
      token: TOKEN,
      objects: clusterObjects(),
    }).start();
  });
  afterEach(() => api.stop());

  async function fileTask(github: { url: string }) {
    const orders = serviceEntity('orders', {
      id: 'orders',
      owner: 'group:default/backoffice',
    });
    orders.metadata.annotations!['backstage.io/source-location'] =
      'url:https://github.test/acme/orders/tree/main/';
    const { server } = await startScanBackend({
      knex: await databases.init('SQLITE_3'),
      api,
      entities: [orders],
      config: {
        integrations: {
          github: [
            {
              host: 'github.test',
              apiBaseUrl: github.url,
              token: GITHUB_TOKEN,
            },
          ],
        },
        serviceMesh: { tasks: { github: { enabled: true, labels: ['mesh'] } } },
      },
    });
    return request(server)
      .post('/api/service-mesh/tasks')
      .set('Authorization', mockCredentials.user.header())
      .send({ entityRef: 'component:default/orders', target: 'linkerd' });
  }

  it('opens an issue in the entity repository and keeps its URL', async () => {
    const github = await fakeGithub('created');
    try {
      const response = await fileTask(github);

      expect(response.status).toBe(201);
      expect(response.body.externalUrl).toBe(
        'https://github.test/acme/orders/issues/7',
      );
      expect(github.received).toEqual([
        {
          path: '/repos/acme/orders/issues',
          auth: expect.stringContaining(GITHUB_TOKEN),
          body: expect.objectContaining({
            title: 'Move orders to Linkerd',
            labels: ['mesh'],
          }),
        },
      ]);
      expect(JSON.stringify(response.body)).not.toContain(GITHUB_TOKEN);
    } finally {
      await github.stop();
    }
  });

  it('keeps the task and reports the failure when GitHub fails', async () => {
    const github = await fakeGithub('fail');
    try {
      const response = await fileTask(github);

      expect(response.status).toBe(201);
      expect(response.body.status).toBe('open');
      expect(response.body.externalUrl).toBeUndefined();
      expect(response.body.externalError).toContain('GitHub answered 503');
    } finally {
      await github.stop();
    }
  });
});
