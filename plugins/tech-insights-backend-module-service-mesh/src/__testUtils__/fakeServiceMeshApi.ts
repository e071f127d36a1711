/* eslint-disable jest/no-export -- shared test helpers, not a test file */
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  MeshEntry,
  ScorecardResponse,
  ScorecardRow,
} from '@meshwise/backstage-plugin-service-mesh-common';
import { assessmentResponse } from './assessmentFixtures';

/**
 * A stand-in for the service-mesh plugin's API under `/api/service-mesh`,
 * behind the backend's real auth, for what the real plugin cannot be made
 * to do: thousands of rows, an assessment that fails or vanishes. Errors
 * come in Backstage's error body, as the real plugin answers them.
 */
export function fakeServiceMeshApi(options: {
  services: string[];
  /** Answer 500 for these services' assessments. */
  failing?: string[];
  /** Answer 404 for these (deleted since the scorecard was read). */
  gone?: string[];
}) {
  const requests: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const rows: ScorecardRow[] = options.services.map(name => ({
    entityRef: `component:default/${name}`,
    kind: 'Component',
    namespace: 'default',
    name,
    stage: 'secured',
    mesh: 'istio-sidecar',
    score: 100,
    blockingCount: 0,
    assessedAt: '2026-11-22T10:00:00.000Z',
  }));
  const meshes = {
    capabilities: [],
    entries: [
      { id: 'istio-sidecar', lifecycle: { status: 'active' } },
      { id: 'aws-app-mesh', lifecycle: { status: 'discontinued' } },
    ] as unknown as MeshEntry[],
  };

  const plugin = createBackendPlugin({
    pluginId: 'service-mesh',
    register(env) {
      env.registerInit({
        deps: { httpRouter: coreServices.httpRouter },
        async init({ httpRouter }) {
          httpRouter.use(async (req, res, next) => {
            requests.push(req.url);
            if (req.path === '/scorecard') {
              const offset = Number(req.query.offset ?? 0);
              const limit = Number(req.query.limit ?? 50);
              const body: ScorecardResponse = {
                items: rows.slice(offset, offset + limit),
                totalCount: rows.length,
                totals: {} as ScorecardResponse['totals'],
              };
              res.json(body);
              return;
            }
            if (req.path === '/meshes') {
              res.json(meshes);
              return;
            }
            const match = req.path.match(
              /^\/entities\/Component\/default\/([^/]+)\/assessment$/,
            );
            if (!match) {
              next();
              return;
            }
            const name = match[1];
            inFlight += 1;
            maxInFlight = Math.max(maxInFlight, inFlight);
            // Long enough for concurrent requests to overlap.
            await new Promise(resolve => setTimeout(resolve, 2));
            inFlight -= 1;
            if (options.failing?.includes(name)) {
              res.status(500).json({
                error: { name: 'Error', message: 'database is locked' },
                response: { statusCode: 500 },
              });
            } else if (options.gone?.includes(name)) {
              res.status(404).json({
                error: { name: 'NotFoundError', message: 'not assessed' },
                response: { statusCode: 404 },
              });
            } else {
              res.json(
                assessmentResponse({
                  entity: {
                    entityRef: `component:default/${name}`,
                    kind: 'Component',
                    namespace: 'default',
                    name,
                  },
                }),
              );
            }
          });
        },
      });
    },
  });
  return { plugin, requests, maxInFlight: () => maxInFlight };
}
