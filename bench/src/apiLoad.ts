/**
 * Measurement 4: the entity assessment endpoint and the scorecard endpoint
 * under concurrent load, on SQLite and on PostgreSQL.
 *
 * The backend runs in a child process (`serve` below): the real plugin, a
 * fresh database, one full scan to fill it, then it serves on 127.0.0.1
 * until told to stop. The load generator (autocannon) runs in the parent, so
 * the two share the machine's cores but not an event loop. A full GC after
 * the scan leaves its garbage out of the measurement.
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import { createDatabase, DatabaseKind, startBenchBackend } from './backend';
import { Child } from './child';
import { fleetEntities, planFleet } from './fleet';
import { fail, MeasureArgs, mb, peakRssMb, readArgs } from './measureArgs';

// autocannon ships no types.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const autocannon = require('autocannon');

export interface ServeArgs extends MeasureArgs {
  database: DatabaseKind;
}

export interface ServeReady {
  type: 'ready';
  baseUrl: string;
  authorization: string;
  entityNames: string[];
  database: string;
  scanMs: number;
}

/** What one run of autocannon against one endpoint measured. */
export interface LatencyFigures {
  connections: number;
  durationS: number;
  requests: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  errors: number;
  non2xx: number;
}

export interface LoadFigures extends LatencyFigures {
  endpoint: 'assessment' | 'scorecard';
  database: DatabaseKind;
}

async function serve() {
  const args = readArgs<ServeArgs>();
  const entities = fleetEntities(planFleet(args.spec));
  const db = await createDatabase(args.database);
  const backend = await startBenchBackend({
    knex: db.knex,
    entities,
    clusters: args.clusters,
    token: args.token,
  });
  const started = process.hrtime.bigint();
  await backend.scan();
  const scanMs = Number(process.hrtime.bigint() - started) / 1e6;
  // The load measures serving between scans, not collecting the scan's
  // garbage (a scheduled scan runs a few seconds out of 30 minutes).
  global.gc?.();
  const ready: ServeReady = {
    type: 'ready',
    baseUrl: backend.baseUrl,
    authorization: mockCredentials.user.header(),
    entityNames: entities.map(e => e.metadata.name),
    database: db.description,
    scanMs,
  };
  process.on('message', async (message: { type: string }) => {
    if (message.type !== 'stop') return;
    const peak = peakRssMb();
    const rss = mb(process.memoryUsage().rss);
    // Let the requests still in flight when the load stopped finish.
    await new Promise(resolve => setTimeout(resolve, 1000));
    await backend.stop();
    await db.drop();
    process.send!(
      { type: 'result', value: { peakRssMb: peak, rssMb: rss } },
      () => process.exit(0),
    );
  });
  process.send!(ready);
}

/** One autocannon run; paths are taken in turn from `paths`. */
export async function load(options: {
  baseUrl: string;
  authorization: string;
  paths: string[];
  connections: number;
  durationS: number;
}): Promise<{
  requests: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  errors: number;
  non2xx: number;
}> {
  let next = 0;
  const result = await autocannon({
    url: options.baseUrl,
    connections: options.connections,
    duration: options.durationS,
    headers: { authorization: options.authorization },
    requests: [
      {
        method: 'GET',
        setupRequest: (request: { path: string }) => ({
          ...request,
          path:
            new URL(options.baseUrl).pathname +
            options.paths[next++ % options.paths.length],
        }),
      },
    ],
  });
  return {
    requests: result.requests.total,
    rps: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

/** Warm-up, then the measured runs against both endpoints. */
export async function loadEndpoints(options: {
  child: Child;
  database: DatabaseKind;
  connections: number;
  durationS: number;
}): Promise<{ ready: ServeReady; figures: LoadFigures[] }> {
  const ready = await options.child.next<ServeReady>('ready');
  // Spread over the catalog, in a fixed shuffled order.
  const names = ready.entityNames;
  const entityPaths = names.map(
    (_, i) =>
      `/entities/component/default/${
        names[(i * 7919) % names.length]
      }/assessment`,
  );
  const endpoints = [
    { endpoint: 'assessment' as const, paths: entityPaths },
    { endpoint: 'scorecard' as const, paths: ['/scorecard?limit=50'] },
  ];
  const figures: LoadFigures[] = [];
  for (const { endpoint, paths } of endpoints) {
    await load({
      baseUrl: ready.baseUrl,
      authorization: ready.authorization,
      paths,
      connections: options.connections,
      durationS: Math.min(2, Math.max(1, Math.round(options.durationS / 5))),
    });
    const measured = await load({
      baseUrl: ready.baseUrl,
      authorization: ready.authorization,
      paths,
      connections: options.connections,
      durationS: options.durationS,
    });
    figures.push({
      endpoint,
      database: options.database,
      connections: options.connections,
      durationS: options.durationS,
      ...measured,
    });
  }
  return { ready, figures };
}

if (require.main === module) serve().catch(fail);
