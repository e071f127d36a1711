import { HttpAuthService } from '@backstage/backend-plugin-api';
import {
  MIGRATION_TARGETS,
  MigrationTarget,
} from '@meshwise/backstage-plugin-service-mesh-common';
import express from 'express';
import { z } from 'zod';
import { AssessmentService } from './AssessmentService';
import { callerCredentials } from './caller';
import { entityRefOfPath } from './entityRefs';
import { MigrationPlanService } from './MigrationPlanService';
import { parseQuery } from './validation';

const planQuery = z.object({
  target: z.enum(
    MIGRATION_TARGETS.map(t => t.id) as [MigrationTarget, ...MigrationTarget[]],
  ),
});

export interface AssessmentRoutesOptions {
  httpAuth: HttpAuthService;
  assessments: AssessmentService;
  plans: MigrationPlanService;
}

/** `/entities/:kind/:namespace/:name/assessment`, `/migration-plan` and `/refresh`. */
export function addAssessmentRoutes(
  router: express.Router,
  { httpAuth, assessments, plans }: AssessmentRoutesOptions,
) {
  const credentialsOf = callerCredentials(httpAuth);

  router.get(
    '/entities/:kind/:namespace/:name/assessment',
    async (req, res) => {
      const credentials = await credentialsOf(req);
      const ref = entityRefOfPath(req.params);
      const stored = await assessments.assessmentJson(ref, { credentials });
      // Stored as the JSON of the response: sent as is.
      res.type('application/json').send(stored);
    },
  );

  router.get(
    '/entities/:kind/:namespace/:name/migration-plan',
    async (req, res) => {
      const { target } = parseQuery(planQuery, req.query);
      const credentials = await credentialsOf(req);
      const ref = entityRefOfPath(req.params);
      res.json(await plans.plan(ref, target, { credentials }));
    },
  );

  router.post('/entities/:kind/:namespace/:name/refresh', async (req, res) => {
    const credentials = await credentialsOf(req);
    const ref = entityRefOfPath(req.params);
    res.json(await assessments.refresh(ref, { credentials }));
  });
}
