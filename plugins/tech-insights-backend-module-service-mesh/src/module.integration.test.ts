import { TestDatabaseId } from '@backstage/backend-test-utils';
// The plugin the retriever reads, started as the demo starts it.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import serviceMeshBackend from '@meshwise/backstage-plugin-service-mesh-backend';
import { READINESS_TARGET_MESHES } from '@meshwise/backstage-plugin-service-mesh-common';
import {
  READINESS_FACTS,
  SERVICE_MESH_FACT_RETRIEVER_ID,
  serviceMeshFactSchema,
} from './factSchema';
import {
  DEMO_MANIFESTS,
  demoAppConfig,
  demoService,
} from './__testUtils__/demo';
import { startTechInsightsBackend } from './__testUtils__/techInsightsBackend';
import { createTestDatabases } from './__testUtils__/testDatabases';

jest.setTimeout(60_000);

const { databases, ids, reportSkipped } = createTestDatabases();

// Services of the demo catalog, assessed against the demo's manifests
// (examples/clusters/README.md says what each should come out as).
const entities = [
  demoService('web-frontend', 'web-frontend'), // Istio, strict mTLS
  demoService('cart-api', 'cart-api'), // Istio, a proxy older than istiod
  demoService('forecast-api', 'forecast-api'), // no mesh, ready for Istio
  demoService('shipping', 'shipping'), // AWS App Mesh, discontinued
  demoService('tracking', 'tracking'),
  demoService('warehouse', 'warehouse'),
  demoService('feature-flags', 'feature-flags'), // nothing deployed
  demoService('notification-service'), // no Kubernetes annotation
];

/** The demo's Tech Insights settings and target mesh, on its manifests. */
const config = {
  techInsights: demoAppConfig.techInsights,
  serviceMesh: {
    targetMesh: demoAppConfig.serviceMesh.targetMesh,
    manifestSources: [{ name: 'demo', directory: DEMO_MANIFESTS }],
  },
};

/** The real service-mesh plugin scans; then Tech Insights runs the retriever. */
async function start(databaseId: TestDatabaseId) {
  const backend = await startTechInsightsBackend({
    databases,
    databaseId,
    serviceMesh: serviceMeshBackend,
    config,
    entities,
  });
  await backend.runTask('service-mesh-scan');
  await backend.retrieveFacts();
  return backend;
}

type Backend = Awaited<ReturnType<typeof start>>;

async function factsOf(backend: Backend, name: string) {
  const response = await backend.latestFacts(`component:default/${name}`);
  expect(response.status).toBe(200);
  return response.body[SERVICE_MESH_FACT_RETRIEVER_ID]?.facts;
}

/** Check id → result, as a scorecard shows them. */
async function checksOf(backend: Backend, name: string) {
  const response = await backend.runChecks('component', 'default', name);
  expect(response.status).toBe(200);
  return Object.fromEntries(
    response.body.map((result: { check: { id: string }; result: boolean }) => [
      result.check.id,
      result.result,
    ]),
  );
}

describe('the Tech Insights module with the service-mesh backend', () => {
  reportSkipped();

  it.each(ids)(
    'publishes the facts of a secured and a not-yet-meshed service (%s)',
    async databaseId => {
      const backend = await start(databaseId);

      const secured = await factsOf(backend, 'web-frontend');
      expect(secured).toMatchObject({
        adoptionStage: 'secured',
        mesh: 'istio-sidecar',
        dataPlaneMode: 'native-sidecar',
        mtlsMode: 'strict',
        staleProxies: 0,
        blockingFindings: 0,
        readinessScore: 100,
        onDiscontinuedMesh: false,
        readinessIstioSidecar: 100,
        targetMesh: 'istio-sidecar',
        targetMeshReadiness: 100,
        readyForTargetMesh: true,
      });
      // One integer score per target mesh, and nothing outside the schema.
      for (const mesh of READINESS_TARGET_MESHES) {
        expect(secured[READINESS_FACTS[mesh]]).toEqual(expect.any(Number));
      }
      expect(Object.keys(secured).sort()).toEqual(
        Object.keys(serviceMeshFactSchema).sort(),
      );

      expect(await factsOf(backend, 'forecast-api')).toMatchObject({
        adoptionStage: 'ready',
        mesh: 'none',
        dataPlaneMode: 'none',
        mtlsMode: 'off',
        staleProxies: 0,
        onDiscontinuedMesh: false,
        targetMesh: 'istio-sidecar',
        readyForTargetMesh: true,
      });
      expect(await factsOf(backend, 'cart-api')).toMatchObject({
        adoptionStage: 'secured',
        dataPlaneMode: 'sidecar',
        staleProxies: 1,
      });
      expect(await factsOf(backend, 'shipping')).toMatchObject({
        adoptionStage: 'must-migrate',
        mesh: 'aws-app-mesh',
        onDiscontinuedMesh: true,
        readyForTargetMesh: false,
      });
    },
  );

  it.each(ids)(
    'publishes no invented values for services without an assessment (%s)',
    async databaseId => {
      const backend = await start(databaseId);
      // Not configured: no facts at all.
      expect(await factsOf(backend, 'notification-service')).toBeUndefined();
      // No workload found: only the stage that says so.
      expect(await factsOf(backend, 'feature-flags')).toEqual({
        adoptionStage: 'not-assessed',
      });
    },
  );

  it.each(ids)(
    "runs the demo's mesh checks on the facts (%s)",
    async databaseId => {
      const backend = await start(databaseId);

      expect(await checksOf(backend, 'web-frontend')).toEqual({
        'meshwise-strict-mtls': true,
        'meshwise-not-discontinued': true,
        'meshwise-ready-for-target': true,
        'meshwise-no-stale-proxies': true,
      });
      expect(await checksOf(backend, 'forecast-api')).toEqual({
        'meshwise-strict-mtls': false,
        'meshwise-not-discontinued': true,
        'meshwise-ready-for-target': true,
        'meshwise-no-stale-proxies': true,
      });
      expect(await checksOf(backend, 'cart-api')).toMatchObject({
        'meshwise-strict-mtls': true,
        'meshwise-no-stale-proxies': false,
      });
      for (const appMeshService of ['shipping', 'tracking', 'warehouse']) {
        expect(await checksOf(backend, appMeshService)).toEqual({
          'meshwise-strict-mtls': false,
          'meshwise-not-discontinued': false,
          'meshwise-ready-for-target': false,
          'meshwise-no-stale-proxies': true,
        });
      }
      // Checks whose facts a service lacks are not run, rather than failed.
      expect(await checksOf(backend, 'feature-flags')).toEqual({});
      expect(await checksOf(backend, 'notification-service')).toEqual({});
    },
  );

  it.each(ids)(
    'registers its fact schema and logs what it published (%s)',
    async databaseId => {
      const backend = await start(databaseId);
      const schemas = await backend.get(
        `/api/tech-insights/fact-schemas?ids[]=${SERVICE_MESH_FACT_RETRIEVER_ID}`,
      );
      expect(schemas.status).toBe(200);
      expect(schemas.body).toEqual([
        {
          ...serviceMeshFactSchema,
          id: SERVICE_MESH_FACT_RETRIEVER_ID,
          version: '0.1.0',
          entityFilter: null,
        },
      ]);
      expect(backend.logs).toContainEqual({
        level: 'info',
        message: 'Service mesh facts for 7 of 8 services on the scorecard',
      });
      expect(backend.logs.filter(log => log.level === 'warn')).toEqual([]);
    },
  );
});
