import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// The host plugin, started with the module, serves the API tasks are filed through.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import serviceMeshBackend from '@meshwise/backstage-plugin-service-mesh-backend';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import githubModule from './index';

// The first start loads the whole backend; the machine may be busy.
jest.setTimeout(60_000);

const GITHUB_TOKEN = 'ghp_test_token';

/** Speaks the one GitHub endpoint the sink uses: POST /repos/:o/:r/issues. */
async function fakeGithub(answer: 'created' | 'fail') {
  const received: { path: string; auth?: string; body: any }[] = [];
  const server = createServer((req, res) => {
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

function orders(sourceLocation?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'orders',
      namespace: 'default',
      annotations: {
        'backstage.io/kubernetes-id': 'orders',
        ...(sourceLocation
          ? { 'backstage.io/source-location': sourceLocation }
          : {}),
      },
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/backoffice',
    },
  };
}

/**
 * The service-mesh backend with this module, the catalog in memory and no
 * cluster: a task is filed through the HTTP API as the portal files it.
 */
async function fileTask(options: {
  githubUrl: string;
  withModule?: boolean;
  sinkConfig?: object;
  entity?: Entity;
}) {
  const { server } = await startTestBackend({
    features: [
      serviceMeshBackend,
      ...(options.withModule === false ? [] : [githubModule]),
      catalogServiceMock.factory({
        entities: [
          options.entity ??
            orders('url:https://github.test/acme/orders/tree/main/'),
        ],
      }),
      // No scan runs in these tests.
      mockServices.scheduler.mock().factory,
      mockServices.rootConfig.factory({
        data: {
          integrations: {
            github: [
              {
                host: 'github.test',
                apiBaseUrl: options.githubUrl,
                token: GITHUB_TOKEN,
              },
            ],
          },
          serviceMesh: options.sinkConfig ?? {
            tasks: { github: { enabled: true, labels: ['mesh'] } },
          },
        },
      }),
    ],
  });
  return request(server)
    .post('/api/service-mesh/tasks')
    .set('Authorization', mockCredentials.user.header())
    .send({ entityRef: 'component:default/orders', target: 'linkerd' });
}

describe('the GitHub task sink module', () => {
  let github: Awaited<ReturnType<typeof fakeGithub>>;

  afterEach(() => github.stop());

  it('opens an issue in the entity repository and keeps its URL on the task', async () => {
    github = await fakeGithub('created');

    const response = await fileTask({ githubUrl: github.url });

    expect(response.status).toBe(201);
    expect(response.body.externalUrl).toBe(
      'https://github.test/acme/orders/issues/7',
    );
    expect(response.body.externalError).toBeUndefined();
    expect(github.received).toEqual([
      {
        path: '/repos/acme/orders/issues',
        auth: expect.stringContaining(GITHUB_TOKEN),
        body: {
          title: 'Move orders to Linkerd',
          body: expect.stringContaining(
            `Filed from the Meshwise portal (task ${response.body.id})`,
          ),
          labels: ['mesh'],
        },
      },
    ]);
    expect(JSON.stringify(response.body)).not.toContain(GITHUB_TOKEN);
  });

  it('keeps the task and reports the failure when GitHub fails', async () => {
    github = await fakeGithub('fail');

    const response = await fileTask({ githubUrl: github.url });

    expect(response.status).toBe(201);
    expect(response.body.status).toBe('open');
    expect(response.body.externalUrl).toBeUndefined();
    expect(response.body.externalError).toBe(
      'GitHub answered 503 when opening an issue in acme/orders: {"message":"Service Unavailable"}',
    );
  });

  it('says why when the entity has no source location', async () => {
    github = await fakeGithub('created');

    const response = await fileTask({
      githubUrl: github.url,
      entity: orders(),
    });

    expect(response.status).toBe(201);
    expect(response.body.externalError).toBe(
      'No GitHub issue: the entity has no backstage.io/source-location annotation',
    );
    expect(github.received).toEqual([]);
  });

  it('says why when no GitHub integration serves the repository', async () => {
    github = await fakeGithub('created');

    const response = await fileTask({
      githubUrl: github.url,
      entity: orders('url:https://gitlab.test/acme/orders/-/tree/main/'),
    });

    expect(response.body.externalError).toBe(
      'No GitHub issue: no GitHub integration for https://gitlab.test/acme/orders/-/tree/main/',
    );
    expect(github.received).toEqual([]);
  });

  it.each([
    [
      'serviceMesh.tasks.github is not set',
      { withModule: true, sinkConfig: {} },
    ],
    [
      'it is disabled',
      {
        withModule: true,
        sinkConfig: { tasks: { github: { enabled: false } } },
      },
    ],
    ['the module is not installed', { withModule: false }],
  ])('files tasks with no issue when %s', async (_, options) => {
    github = await fakeGithub('created');

    const response = await fileTask({ githubUrl: github.url, ...options });

    expect(response.status).toBe(201);
    expect(response.body.externalUrl).toBeUndefined();
    expect(response.body.externalError).toBeUndefined();
    expect(github.received).toEqual([]);
  });
});
