import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { serviceMeshPlugin } from '../plugin';

// Each test builds the router, whose OpenAPI validators compile on first use:
// seconds of CPU on a busy two-core machine.
jest.setTimeout(30_000);

async function startBackend(config: object = {}) {
  const { server } = await startTestBackend({
    features: [
      serviceMeshPlugin,
      mockServices.rootConfig.factory({ data: config }),
    ],
  });
  return server;
}

describe('knowledge base routes', () => {
  it('serves every mesh with sourced cells', async () => {
    const server = await startBackend();

    const response = await request(server)
      .get('/api/service-mesh/meshes')
      .set('Authorization', mockCredentials.user.header());

    expect(response.status).toBe(200);
    const ids = response.body.entries.map((e: { id: string }) => e.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'istio-sidecar',
        'istio-ambient',
        'linkerd',
        'consul',
        'kuma',
        'cilium',
        'aws-app-mesh',
        'osm',
      ]),
    );
  });

  it('applies and marks app-config overrides', async () => {
    const server = await startBackend({
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
    });

    const response = await request(server)
      .get('/api/service-mesh/meshes')
      .set('Authorization', mockCredentials.user.header());

    const linkerd = response.body.entries.find(
      (e: { id: string }) => e.id === 'linkerd',
    );
    expect(linkerd.capabilities.mirroring).toEqual(
      expect.objectContaining({
        value: 'supported',
        overridden: expect.objectContaining({ by: 'app-config' }),
      }),
    );
  });

  it('ranks meshes for requirements and never recommends App Mesh', async () => {
    const server = await startBackend();

    const response = await request(server)
      .post('/api/service-mesh/recommendations')
      .set('Authorization', mockCredentials.user.header())
      .send({ platforms: ['ecs'], mustHave: ['mirroring'] });

    expect(response.status).toBe(200);
    expect(response.body.ranked[0].id).not.toBe('aws-app-mesh');
    expect(response.body.excluded.map((e: { id: string }) => e.id)).toEqual(
      expect.arrayContaining(['aws-app-mesh', 'osm']),
    );
  });

  it.each([
    [{ mustHave: ['teleportation'] }, 'Invalid request body: mustHave.0: '],
    [
      { preferences: { speed: 'fast' } },
      'Invalid request body: preferences: "speed" is not a field of the API',
    ],
    [{ weights: { overhead: 11 } }, 'Invalid request body: weights.overhead: '],
  ])('answers %j with 400 naming the bad field', async (body, message) => {
    const server = await startBackend();

    const response = await request(server)
      .post('/api/service-mesh/recommendations')
      .set('Authorization', mockCredentials.user.header())
      .send(body);

    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain(message);
  });

  it('ranks at the bounds of every weight the spec allows', async () => {
    const server = await startBackend();

    const response = await request(server)
      .post('/api/service-mesh/recommendations')
      .set('Authorization', mockCredentials.user.header())
      .send({
        weights: { platforms: 0, featureCoverage: 10 },
        preferences: { experience: ['my-own-mesh'] },
      });

    expect(response.status).toBe(200);
    expect(response.body.weights).toMatchObject({
      platforms: 0,
      featureCoverage: 10,
    });
  });

  it.each([
    ['get', '/api/service-mesh/meshes'],
    ['post', '/api/service-mesh/recommendations'],
  ] as const)('rejects %s %s without credentials', async (method, path) => {
    const server = await startBackend();

    const response = await request(server)
      [method](path)
      .set('Authorization', mockCredentials.none.header());

    expect(response.status).toBe(401);
  });
});
