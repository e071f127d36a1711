import { HttpAuthService } from '@backstage/backend-plugin-api';
import { AssessmentService } from './AssessmentService';
import { callerCredentials } from './caller';
import { ServiceMeshRouter } from './openApiRouter';
import { invalidInput } from './validationMessages';

export interface ScorecardRoutesOptions {
  httpAuth: HttpAuthService;
  assessments: AssessmentService;
}

/** `/scorecard` and `/scorecard/history`, served from the store. */
export function addScorecardRoutes(
  router: ServiceMeshRouter,
  { httpAuth, assessments }: ScorecardRoutesOptions,
) {
  const credentialsOf = callerCredentials(httpAuth);

  router.get('/scorecard', async (req, res) => {
    const credentials = await credentialsOf(req);
    res.json(await assessments.scorecard(req.query, { credentials }));
  });

  router.get('/scorecard/history', async (req, res) => {
    const query = req.query;
    // Rules across fields, which the spec states in words only.
    if (query.owner && query.system) {
      throw invalidInput(
        'query',
        'system',
        'filter by owner or by system, not both',
      );
    }
    if (query.from && query.to && query.from > query.to) {
      throw invalidInput('query', 'from', 'must not be after to');
    }
    const credentials = await credentialsOf(req);
    res.json(await assessments.history(query, { credentials }));
  });
}
