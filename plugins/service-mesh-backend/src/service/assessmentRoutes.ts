import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import { Response } from 'express';
import { AssessmentService } from './AssessmentService';
import { audited } from './auditEvents';
import { callerCredentials } from './caller';
import { entityRefOfPath } from './entityRefs';
import { MigrationPlanService } from './MigrationPlanService';
import { ServiceMeshRouter } from './openApiRouter';

export interface AssessmentRoutesOptions {
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  assessments: AssessmentService;
  plans: MigrationPlanService;
}

/**
 * The assessment is stored as the JSON of the response and sent as is: text,
 * which the router's response type (the parsed body) does not describe.
 */
function sendJsonText(res: Response, json: string) {
  res.type('application/json').send(json);
}

/** `/entities/:kind/:namespace/:name/assessment`, `/migration-plan` and `/refresh`. */
export function addAssessmentRoutes(
  router: ServiceMeshRouter,
  { httpAuth, auditor, assessments, plans }: AssessmentRoutesOptions,
) {
  const credentialsOf = callerCredentials(httpAuth);

  router.get(
    '/entities/:kind/:namespace/:name/assessment',
    async (req, res) => {
      const credentials = await credentialsOf(req);
      const ref = entityRefOfPath(req.params);
      sendJsonText(res, await assessments.assessmentJson(ref, { credentials }));
    },
  );

  router.get(
    '/entities/:kind/:namespace/:name/migration-plan',
    async (req, res) => {
      const credentials = await credentialsOf(req);
      const ref = entityRefOfPath(req.params);
      res.json(await plans.plan(ref, req.query.target, { credentials }));
    },
  );

  router.post('/entities/:kind/:namespace/:name/refresh', async (req, res) => {
    const credentials = await credentialsOf(req);
    const ref = entityRefOfPath(req.params);
    const refreshed = await audited(
      auditor,
      { eventId: 'entity-refresh', request: req, meta: { entityRef: ref } },
      () => assessments.refresh(ref, { credentials }),
      assessment => ({ stage: assessment.stage }),
    );
    res.json(refreshed);
  });
}
