import { JsonRulesEngineFactChecker } from '@backstage-community/plugin-tech-insights-backend-module-jsonfc';
import { TechInsightsStore } from '@backstage-community/plugin-tech-insights-node';
import { mockServices } from '@backstage/backend-test-utils';
import { serviceMeshTechInsightsChecks } from './checks';
import { serviceMeshFactSchema } from './factSchema';
import { demoAppConfig } from './__testUtils__/demo';

/** The real jsonfc checker, over a store that only knows this schema. */
function factChecker() {
  const store = {
    getLatestSchemas: async () => [serviceMeshFactSchema],
  } as unknown as TechInsightsStore;
  return new JsonRulesEngineFactChecker({
    checks: [],
    repository: store,
    logger: mockServices.logger.mock(),
  });
}

describe('serviceMeshTechInsightsChecks', () => {
  it('are valid checks for the JSON rules engine, on facts of the schema', async () => {
    const checker = factChecker();
    for (const check of serviceMeshTechInsightsChecks) {
      expect(await checker.validate(check)).toEqual({ valid: true });
    }
    // What an invalid one looks like, so the loop above can fail.
    expect(
      await checker.validate({
        ...serviceMeshTechInsightsChecks[0],
        rule: {
          conditions: {
            all: [{ fact: 'mtls', operator: 'equal', value: 'strict' }],
          },
        },
      }),
    ).toMatchObject({ valid: false });
  });

  it('are the checks of the demo app-config, keyed by id', () => {
    expect(demoAppConfig.techInsights.factChecker.checks).toEqual(
      Object.fromEntries(
        serviceMeshTechInsightsChecks.map(({ id, ...check }) => [id, check]),
      ),
    );
  });
});
