import { SERVICE_MESH_FACT_RETRIEVER_ID } from './factSchema';
import { startTechInsightsBackend } from './__testUtils__/techInsightsBackend';
import { createTestDatabases } from './__testUtils__/testDatabases';

const { databases } = createTestDatabases();

const start = (config: object) =>
  startTechInsightsBackend({ databases, databaseId: 'SQLITE_3', config });

describe('techInsightsModuleServiceMesh', () => {
  it('is scheduled by Tech Insights at the configured cadence', async () => {
    const backend = await start({
      techInsights: {
        factRetrievers: {
          [SERVICE_MESH_FACT_RETRIEVER_ID]: { cadence: '*/30 * * * *' },
        },
      },
    });
    expect(backend.tasks()).toEqual([
      {
        id: SERVICE_MESH_FACT_RETRIEVER_ID,
        frequency: { cron: '*/30 * * * *' },
      },
    ]);
    expect(backend.logs.filter(log => log.level === 'warn')).toEqual([]);
  });

  it('says which setting is missing when there is no cadence', async () => {
    const backend = await start({});
    expect(backend.tasks()).toEqual([]);
    expect(backend.logs).toContainEqual({
      level: 'warn',
      message:
        "No service mesh facts: Tech Insights runs the serviceMeshFactRetriever only when app-config sets techInsights.factRetrievers.serviceMeshFactRetriever.cadence (for example '*/30 * * * *')",
    });
  });
});
