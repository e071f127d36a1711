import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import express from 'express';
import request from 'supertest';
import { AssessmentService } from './AssessmentService';
import { createRouter, RouterOptions } from './router';

// Each test builds the router, whose OpenAPI validators compile on first use:
// seconds of CPU on a busy two-core machine.
jest.setTimeout(30_000);

/** The router over a mocked assessment service. */
async function startApp() {
  const assessments: jest.Mocked<AssessmentService> = {
    assessmentJson: jest.fn(),
    refresh: jest.fn(),
    scorecard: jest.fn(),
    history: jest.fn(),
  };
  const router = await createRouter({
    logger: mockServices.logger.mock(),
    httpAuth: mockServices.httpAuth(),
    auditor: mockServices.auditor.mock(),
    assessments,
  } as Partial<RouterOptions> as RouterOptions);
  const app = express().use(router).use(mockErrorHandler());
  return { app, assessments };
}

describe('scorecard routes', () => {
  it('passes the query as the spec types it, lists repeated or comma-separated', async () => {
    const { app, assessments } = await startApp();
    assessments.scorecard.mockResolvedValue({
      items: [],
      totalCount: 0,
      totals: {},
    });

    const res = await request(app).get(
      '/scorecard?stage=blocked,ready&mesh=none&mesh=linkerd&owner=group:default/a&sort=score&limit=10',
    );

    expect(res.status).toBe(200);
    expect(assessments.scorecard).toHaveBeenCalledWith(
      {
        stage: ['blocked', 'ready'],
        mesh: ['none', 'linkerd'],
        owner: ['group:default/a'],
        sort: 'score',
        offset: 0,
        limit: 10,
      },
      { credentials: mockCredentials.user() },
    );
  });

  it.each([
    ['/scorecard?mesh=nginx', 'Invalid query: mesh.0: must be equal to one of'],
    ['/scorecard?q=', 'Invalid query: q: must not be empty'],
    [
      '/scorecard/history?owner=group:default/a&system=system:default/b',
      'Invalid query: system: filter by owner or by system, not both',
    ],
    [
      '/scorecard/history?from=2026-03-02&to=2026-03-01',
      'Invalid query: from: must not be after to',
    ],
  ])('refuses %s naming the field', async (url, message) => {
    const { app, assessments } = await startApp();

    const res = await request(app).get(url);

    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(message);
    expect(assessments.scorecard).not.toHaveBeenCalled();
    expect(assessments.history).not.toHaveBeenCalled();
  });
});
