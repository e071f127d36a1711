import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { serviceMeshPlugin } from './plugin';

describe('serviceMeshPlugin', () => {
  async function startBackend() {
    const { server } = await startTestBackend({
      features: [serviceMeshPlugin],
    });
    return server;
  }

  it('answers /health without credentials', async () => {
    const server = await startBackend();

    const response = await request(server).get('/api/service-mesh/health');

    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      status: 'ok',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      database: 'sqlite',
      schemaVersion: '20261203100000',
    });
  });

  it('rejects other routes without credentials', async () => {
    const server = await startBackend();

    const response = await request(server)
      .get('/api/service-mesh/scans')
      .set('Authorization', mockCredentials.none.header());

    expect(response.status).toBe(401);
  });

  it('serves scan runs to a signed-in user', async () => {
    const server = await startBackend();

    const response = await request(server)
      .get('/api/service-mesh/scans')
      .set('Authorization', mockCredentials.user.header());

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ items: [] });
  });

  it('names the bad field of an invalid query', async () => {
    const server = await startBackend();

    const response = await request(server)
      .get('/api/service-mesh/scans?limit=0')
      .set('Authorization', mockCredentials.user.header());

    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/limit/);
  });
});
