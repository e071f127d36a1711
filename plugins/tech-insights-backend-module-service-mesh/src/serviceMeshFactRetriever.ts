import {
  FactRetriever,
  TechInsightFact,
} from '@backstage-community/plugin-tech-insights-node';
import { stringifyError } from '@backstage/errors';
import { ScorecardRow } from '@meshwise/backstage-plugin-service-mesh-common';
import {
  SERVICE_MESH_FACT_RETRIEVER_ID,
  serviceMeshFactSchema,
} from './factSchema';
import { ServiceMeshApiReader } from './ServiceMeshApiReader';
import { discontinuedMeshes, toServiceMeshFacts } from './toServiceMeshFacts';

/**
 * Assessments read at once. The scorecard lacks mTLS, stale proxies and
 * per-target readiness, so each row costs one request: a few at a time
 * keep a large fleet from flooding the service-mesh backend.
 */
const CONCURRENCY = 8;

/** Runs `work` over `items`, at most `limit` at a time. */
async function eachLimited<T>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index], index);
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, worker),
  );
}

/**
 * Publishes, per assessed service, what Meshwise knows of its mesh
 * adoption (see `serviceMeshFactSchema`), read over HTTP from the
 * service-mesh backend: the scorecard for the fleet, then each service's
 * stored assessment and the knowledge base's lifecycles.
 *
 * @public
 */
export const serviceMeshFactRetriever: FactRetriever = {
  id: SERVICE_MESH_FACT_RETRIEVER_ID,
  version: '0.1.0',
  title: 'Service mesh adoption',
  description:
    'Meshwise: adoption stage, mesh, data-plane mode, mTLS, stale proxies and readiness per target mesh, per service',
  schema: serviceMeshFactSchema,
  handler: async ({ discovery, auth, logger }) => {
    const api = new ServiceMeshApiReader({ discovery, auth });
    let rows: ScorecardRow[];
    let discontinued: ReadonlySet<string>;
    try {
      [rows, discontinued] = await Promise.all([
        api.scorecardRows(),
        api.knowledgeBase().then(discontinuedMeshes),
      ]);
    } catch (error) {
      throw new Error(
        `Could not read the service-mesh API (${stringifyError(
          error,
        )}): is @meshwise/backstage-plugin-service-mesh-backend installed and reachable through discovery?`,
      );
    }

    const facts: (TechInsightFact | undefined)[] = [];
    const failures: string[] = [];
    await eachLimited(rows, CONCURRENCY, async (row, index) => {
      try {
        const response = await api.assessment(row);
        // Gone since the scorecard was read: nothing to say about it.
        if (!response) return;
        const values = toServiceMeshFacts(response, discontinued);
        if (values) {
          const { kind, namespace, name } = row;
          facts[index] = { entity: { kind, namespace, name }, facts: values };
        }
      } catch (error) {
        failures.push(`${row.entityRef}: ${stringifyError(error)}`);
      }
    });
    if (failures.length > 0 && failures.length === rows.length) {
      throw new Error(
        `Could not read any of ${rows.length} assessments; first: ${failures[0]}`,
      );
    }
    if (failures.length > 0) {
      logger.warn(
        `No facts this run for ${failures.length} of ${rows.length} services whose assessment could not be read; first: ${failures[0]}`,
      );
    }
    const published = facts.filter((fact): fact is TechInsightFact => !!fact);
    logger.info(
      `Service mesh facts for ${published.length} of ${rows.length} services on the scorecard`,
    );
    return published;
  },
};
