import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import express from 'express';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import request from 'supertest';
import { parse } from 'yaml';
import { FakeKubernetesApi } from '../__testUtils__/fakeKubernetesApi';
import { startScanBackend, TOKEN } from '../__testUtils__/scanBackend';
import { clusterObjects, serviceEntity } from '../__testUtils__/scanFixtures';
import {
  createStoreTestDatabases,
  reportSkippedDatabases,
} from '../__testUtils__/testDatabases';
import { serviceMeshPlugin } from '../plugin';
import { spec } from '../schema/openapi.generated';
import { createRouter, RouterOptions } from './router';

jest.setTimeout(60_000);

type Method = 'get' | 'post' | 'patch';

type Layer = {
  route?: { path: string; methods: Record<string, boolean> };
};

/** Backstage's validated router serves the spec itself there. */
const SPEC_ROUTE = 'GET /openapi.json';

describe('openapi.yaml', () => {
  it('documents exactly the routes the router serves', async () => {
    const source = parse(
      readFileSync(resolve(__dirname, '../../openapi.yaml'), 'utf8'),
    );
    const documented = Object.entries(
      source.paths as Record<string, Record<string, unknown>>,
    )
      .flatMap(([path, methods]) =>
        Object.keys(methods).map(
          method =>
            `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`,
        ),
      )
      .sort();

    // Registering routes touches none of the services.
    const router = await createRouter({} as RouterOptions);
    const served = (router.stack as Layer[])
      .filter(layer => layer.route)
      .flatMap(layer =>
        Object.keys(layer.route!.methods).map(
          method => `${method.toUpperCase()} ${layer.route!.path}`,
        ),
      )
      .filter(route => route !== SPEC_ROUTE)
      .sort();

    expect(documented).toEqual(served);
  });

  it('is a valid OpenAPI 3.1 document (the router does not check it at start)', async () => {
    /** Answers GET /health through a validator that checks the document first. */
    const healthThrough = async (document: object) => {
      const router = createValidatedOpenApiRouter<typeof spec>(
        document as typeof spec,
        {
          validatorOptions: { validateApiSpec: true, validateSecurity: false },
        },
      );
      router.get('/health', (_req, res) => {
        res.json({
          status: 'ok',
          version: '0',
          database: 'sqlite',
          schemaVersion: null,
        });
      });
      return request(express().use(router).use(mockErrorHandler())).get(
        '/health',
      );
    };
    const broken = structuredClone(spec) as any;
    broken.paths['/scans'].get.responses = 'none';
    const error = jest.spyOn(console, 'error').mockImplementation(() => {});

    const valid = await healthThrough(structuredClone(spec));
    const invalid = await healthThrough(broken);

    expect(valid.status).toBe(200);
    expect(invalid.status).toBe(400);
    expect(invalid.text).toContain('apiDoc was invalid');
    error.mockRestore();
  });
});

/** Validates bodies against the spec's response schemas. */
function responseValidator() {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(structuredClone(spec) as object, 'openapi');
  const pointer = (...parts: string[]) =>
    parts.map(p => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

  return (method: string, path: string, status: number, body: unknown) => {
    const operation = (
      spec.paths as Record<string, Record<string, { responses: object }>>
    )[path]?.[method];
    const response = (
      operation?.responses as Record<string, { $ref?: string }> | undefined
    )?.[String(status)];
    if (!response) {
      return [`${method.toUpperCase()} ${path} does not document ${status}`];
    }
    const where = response.$ref
      ? response.$ref.slice(1)
      : `/${pointer('paths', path, method, 'responses', String(status))}`;
    const validate = ajv.getSchema(
      `openapi#${where}/${pointer('content', 'application/json', 'schema')}`,
    );
    if (!validate) return [`no schema for ${status} at ${where}`];
    return validate(body)
      ? []
      : validate.errors!.map(
          e => `${status} ${e.instancePath || '(root)'} ${e.message}`,
        );
  };
}

const { databases, ids, skipped } = createStoreTestDatabases();

const entities = [
  serviceEntity('cart', {
    id: 'cart',
    owner: 'group:default/shop-team',
    system: 'shop',
  }),
  serviceEntity('orders', { id: 'orders', owner: 'group:default/backoffice' }),
  serviceEntity('billing', {
    id: 'billing',
    owner: 'group:default/backoffice',
  }),
  serviceEntity('legacy-batch'),
];

describe('what the API answers', () => {
  let api: FakeKubernetesApi;
  const problemsOf = responseValidator();

  beforeEach(async () => {
    api = await new FakeKubernetesApi({
      token: TOKEN,
      objects: clusterObjects(),
    }).start();
  });

  afterEach(() => api.stop());

  reportSkippedDatabases(skipped);

  it('finds a body that breaks its schema', () => {
    const task = {
      id: '1',
      entityRef: 'component:default/cart',
      target: 'linkerd',
      title: 'Move cart',
      description: '',
      status: 'open',
      version: 1,
      createdBy: 'user:default/mock',
      createdAt: '2026-12-01T00:00:00.000Z',
      updatedAt: '2026-12-01T00:00:00.000Z',
      comments: [],
    };
    expect(problemsOf('get', '/tasks/{id}', 200, task)).toEqual([]);
    expect(
      problemsOf('get', '/tasks/{id}', 200, { ...task, target: 'nginx' }),
    ).toEqual([expect.stringContaining('/target must be equal to one of')]);
    expect(
      problemsOf('get', '/tasks/{id}', 200, { ...task, extra: true }),
    ).toEqual([expect.stringContaining('must NOT have additional properties')]);
    expect(problemsOf('get', '/tasks/{id}', 418, task)).toEqual([
      'GET /tasks/{id} does not document 418',
    ]);
  });

  it('serves a knowledge base changed from app-config as its schema says', async () => {
    const { server } = await startTestBackend({
      features: [
        serviceMeshPlugin,
        mockServices.rootConfig.factory({
          data: {
            serviceMesh: {
              knowledgeBase: {
                overrides: [
                  {
                    mesh: 'linkerd',
                    capability: 'mirroring',
                    value: 'supported',
                    note: 'Our distribution ships mirroring',
                    source: {
                      title: 'Internal ADR 12',
                      url: 'https://wiki.example/adr/12',
                    },
                    checkedOn: '2026-11-20',
                  },
                ],
              },
            },
          },
        }),
      ],
    });

    const response = await request(server)
      .get('/api/service-mesh/meshes')
      .set('Authorization', mockCredentials.user.header());

    const linkerd = response.body.entries.find(
      (e: { id: string }) => e.id === 'linkerd',
    );
    expect(linkerd.capabilities.mirroring.overridden.previous).toBeDefined();
    expect(
      problemsOf('get', '/meshes', response.status, response.body),
    ).toEqual([]);
  });

  it.each(ids)(
    'answers every call with a body its schema allows (%s)',
    async id => {
      const { server, scan } = await startScanBackend({
        knex: await databases.init(id),
        api,
        entities,
      });
      await scan();

      const problems: string[] = [];
      /** Calls the API, checks the status and the body against the spec. */
      const call = async (
        [method, template]: [Method, string],
        url: string,
        status: number,
        body?: object,
      ) => {
        const req = request(server)
          [method](`/api/service-mesh${url}`)
          .set('Authorization', mockCredentials.user.header());
        const response = await (body ? req.send(body) : req);
        expect([url, response.status]).toEqual([url, status]);
        problems.push(
          ...problemsOf(method, template, response.status, response.body).map(
            p => `${method.toUpperCase()} ${url}: ${p}`,
          ),
        );
        return response;
      };
      const entity = '/entities/{kind}/{namespace}/{name}';

      await call(['get', '/health'], '/health', 200);
      // Backstage's router serves the spec, its paths under the plugin's base.
      const served = await request(server)
        .get('/api/service-mesh/openapi.json')
        .set('Authorization', mockCredentials.user.header());
      expect(Object.keys(served.body.paths)).toContain(
        '/api/service-mesh/health',
      );
      await call(['get', '/meshes'], '/meshes', 200);
      await call(['post', '/recommendations'], '/recommendations', 200, {
        platforms: ['kubernetes', 'multi-cluster'],
        mustHave: ['mirroring', 'automatic-mtls'],
        niceToHave: ['tracing'],
        preferences: { controlPlane: 'self-hosted', experience: ['linkerd'] },
        weights: { overhead: 2 },
      });
      await call(['post', '/recommendations'], '/recommendations', 200, {
        platforms: ['ecs'],
      });
      for (const name of ['cart', 'orders', 'billing', 'legacy-batch']) {
        await call(
          ['get', `${entity}/assessment`],
          `/entities/component/default/${name}/assessment`,
          200,
        );
      }
      await call(
        ['post', `${entity}/refresh`],
        '/entities/component/default/orders/refresh',
        200,
      );
      const plan = await call(
        ['get', `${entity}/migration-plan`],
        '/entities/component/default/cart/migration-plan?target=linkerd',
        200,
      );
      expect(plan.body.steps.length).toBeGreaterThan(0);
      await call(
        ['get', `${entity}/migration-plan`],
        '/entities/component/default/nope/migration-plan?target=linkerd',
        404,
      );
      await call(
        ['get', '/scorecard'],
        '/scorecard?sort=score&order=desc',
        200,
      );
      await call(
        ['get', '/scorecard/history'],
        '/scorecard/history?groupBy=owner',
        200,
      );
      await call(['get', '/scans'], '/scans', 200);
      await call(['get', '/clusters'], '/clusters', 200);

      const created = await call(['post', '/tasks'], '/tasks', 201, {
        entityRef: 'component:default/orders',
        target: 'istio-sidecar',
        dueDate: '2027-01-31',
      });
      await call(['post', '/tasks'], '/tasks', 200, {
        entityRef: 'component:default/orders',
        target: 'istio-sidecar',
      });
      const bulk = await call(['post', '/tasks/bulk'], '/tasks/bulk', 201, {
        target: 'istio-sidecar',
        owner: 'group:default/backoffice',
        stages: ['blocked', 'ready'],
      });
      expect(bulk.body.skipped).toEqual([
        expect.objectContaining({ taskId: created.body.id }),
      ]);
      const task = `/tasks/${created.body.id}`;
      await call(['patch', '/tasks/{id}'], task, 200, {
        version: 1,
        status: 'in-progress',
        assignee: null,
      });
      await call(['post', '/tasks/{id}/comments'], `${task}/comments`, 201, {
        body: 'Started',
      });
      await call(['get', '/tasks/{id}'], task, 200);
      await call(['get', '/tasks'], '/tasks?status=open,in-progress', 200);
      // Errors answer the documented error body.
      await call(['get', '/tasks'], '/tasks?limit=0', 400);
      await call(['get', '/tasks/{id}'], '/tasks/no-such-task', 404);

      expect(problems).toEqual([]);
    },
  );
});
