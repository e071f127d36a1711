import { SERVICE_MESH_FACT_RETRIEVER_ID } from './factSchema';
import { fakeServiceMeshApi } from './__testUtils__/fakeServiceMeshApi';
import { startTechInsightsBackend } from './__testUtils__/techInsightsBackend';
import { createTestDatabases } from './__testUtils__/testDatabases';

jest.setTimeout(60_000);

// The database is not the subject here: the fact retriever's reads are.
const { databases } = createTestDatabases();

const config = {
  techInsights: {
    factRetrievers: {
      [SERVICE_MESH_FACT_RETRIEVER_ID]: { cadence: '*/30 * * * *' },
    },
  },
};

const names = (count: number) =>
  Array.from({ length: count }, (_, i) => `svc-${String(i).padStart(4, '0')}`);

async function start(api?: ReturnType<typeof fakeServiceMeshApi>) {
  return startTechInsightsBackend({
    databases,
    databaseId: 'SQLITE_3',
    serviceMesh: api?.plugin,
    config,
  });
}

describe('the service mesh fact retriever', () => {
  it('reads every page of a large scorecard, a few assessments at a time', async () => {
    const api = fakeServiceMeshApi({ services: names(1201) });
    const backend = await start(api);
    await backend.retrieveFacts();

    expect(api.requests.filter(url => url.startsWith('/scorecard'))).toEqual([
      '/scorecard?sort=name&order=asc&offset=0&limit=500',
      '/scorecard?sort=name&order=asc&offset=500&limit=500',
      '/scorecard?sort=name&order=asc&offset=1000&limit=500',
    ]);
    expect(
      api.requests.filter(url => url.endsWith('/assessment')),
    ).toHaveLength(1201);
    expect(api.maxInFlight()).toBeGreaterThan(1);
    expect(api.maxInFlight()).toBeLessThanOrEqual(8);
    for (const name of ['svc-0000', 'svc-1200']) {
      const response = await backend.latestFacts(`component:default/${name}`);
      expect(
        response.body[SERVICE_MESH_FACT_RETRIEVER_ID].facts.adoptionStage,
      ).toBe('secured');
    }
  });

  it('publishes the others when some assessments cannot be read', async () => {
    const api = fakeServiceMeshApi({
      services: names(4),
      failing: ['svc-0001'],
      gone: ['svc-0002'],
    });
    const backend = await start(api);
    await backend.retrieveFacts();

    const published = async (name: string) =>
      (await backend.latestFacts(`component:default/${name}`)).body[
        SERVICE_MESH_FACT_RETRIEVER_ID
      ] !== undefined;
    expect(await published('svc-0000')).toBe(true);
    expect(await published('svc-0001')).toBe(false);
    expect(await published('svc-0002')).toBe(false);
    expect(await published('svc-0003')).toBe(true);
    // The failure is named; an entity gone since the scorecard is not one.
    expect(backend.logs.filter(log => log.level === 'warn')).toEqual([
      {
        level: 'warn',
        message: expect.stringMatching(
          /^No facts this run for 1 of 4 services whose assessment could not be read; first: component:default\/svc-0001: Error: GET \/entities\/Component\/default\/svc-0001\/assessment answered 500: database is locked$/,
        ),
      },
    ]);
  });

  it('fails the run, with the first reason, when no assessment can be read', async () => {
    const api = fakeServiceMeshApi({
      services: names(2),
      failing: names(2),
    });
    const backend = await start(api);
    await backend.retrieveFacts();

    expect(backend.logs).toContainEqual({
      level: 'error',
      message: `Failed to retrieve facts for retriever ${SERVICE_MESH_FACT_RETRIEVER_ID}`,
      error: expect.stringMatching(
        /^Could not read any of 2 assessments; first: component:default\/svc-0000: Error: GET \/entities\/Component\/default\/svc-0000\/assessment answered 500: database is locked$/,
      ),
    });
  });

  it('says what to install when the service-mesh backend is missing', async () => {
    const backend = await start();
    await backend.retrieveFacts();

    expect(backend.logs).toContainEqual({
      level: 'error',
      message: `Failed to retrieve facts for retriever ${SERVICE_MESH_FACT_RETRIEVER_ID}`,
      error: expect.stringMatching(
        /^Could not read the service-mesh API \(.*404.*\): is @meshwise\/backstage-plugin-service-mesh-backend installed and reachable through discovery\?$/,
      ),
    });
  });
});
