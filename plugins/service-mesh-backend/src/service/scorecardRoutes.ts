import { HttpAuthService } from '@backstage/backend-plugin-api';
import { SCORECARD_SORT_FIELDS } from '@meshwise/backstage-plugin-service-mesh-common';
import express from 'express';
import { z } from 'zod';
import { AssessmentService } from './AssessmentService';
import { callerCredentials } from './caller';
import { isoDay, listParam, pageOffset } from './queryParams';
import { parseQuery } from './validation';

const STAGES = [
  'not-applicable',
  'not-assessed',
  'blocked',
  'ready',
  'onboarding',
  'meshed',
  'secured',
  'must-migrate',
] as const;

const scorecardQuery = z.object({
  owner: listParam(z.string().min(1)),
  system: listParam(z.string().min(1)),
  stage: listParam(z.enum(STAGES)),
  mesh: listParam(z.string().min(1)),
  q: z.string().max(200).optional(),
  sort: z.enum(SCORECARD_SORT_FIELDS).optional(),
  order: z.enum(['asc', 'desc']).optional(),
  offset: pageOffset,
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

const historyQuery = z
  .object({
    from: isoDay.optional(),
    to: isoDay.optional(),
    groupBy: z.enum(['owner', 'system']).optional(),
    owner: z.string().min(1).optional(),
    system: z.string().min(1).optional(),
  })
  .refine(q => !(q.owner && q.system), {
    message: 'filter by owner or by system, not both',
    path: ['system'],
  })
  .refine(q => !q.from || !q.to || q.from <= q.to, {
    message: 'must not be after to',
    path: ['from'],
  });

export interface ScorecardRoutesOptions {
  httpAuth: HttpAuthService;
  assessments: AssessmentService;
}

/** `/scorecard` and `/scorecard/history`, served from the store. */
export function addScorecardRoutes(
  router: express.Router,
  { httpAuth, assessments }: ScorecardRoutesOptions,
) {
  const credentialsOf = callerCredentials(httpAuth);

  router.get('/scorecard', async (req, res) => {
    const query = parseQuery(scorecardQuery, req.query);
    const credentials = await credentialsOf(req);
    res.json(await assessments.scorecard(query, { credentials }));
  });

  router.get('/scorecard/history', async (req, res) => {
    const query = parseQuery(historyQuery, req.query);
    const credentials = await credentialsOf(req);
    res.json(await assessments.history(query, { credentials }));
  });
}
