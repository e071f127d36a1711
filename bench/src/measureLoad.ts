/**
 * The endpoints under load: per database, a backend serving the fleet's
 * assessments in a child process, with autocannon-style figures per endpoint.
 */
import knexFactory from 'knex';
import { LoadFigures, loadEndpoints } from './apiLoad';
import { POSTGRES } from './backend';
import { startChild } from './child';
import { FleetSpec } from './fleet';
import type { FleetReady } from './fleetServer';
import { profileFlags } from './fleetSession';
import { Options } from './options';
import { SizeResult } from './sizeResult';

/** Why the PostgreSQL load tests cannot run, or undefined when they can. */
export async function postgresReachable(): Promise<string | undefined> {
  const knex = knexFactory({
    client: 'pg',
    connection: { ...POSTGRES, database: 'postgres' },
    acquireConnectionTimeout: 3000,
  });
  try {
    await knex.raw('select 1');
    return undefined;
  } catch (error) {
    return `PostgreSQL at ${POSTGRES.host}:${POSTGRES.port} is not reachable: ${
      (error as Error).message
    }`;
  } finally {
    await knex.destroy();
  }
}

export async function measureLoad(
  size: string,
  spec: FleetSpec,
  ready: FleetReady,
  options: Options,
  pgProblem: string | undefined,
  log: (message: string) => void,
): Promise<Pick<SizeResult, 'load' | 'loadServers'> & { skipped: string[] }> {
  const load: LoadFigures[] = [];
  const loadServers: SizeResult['loadServers'] = [];
  const skipped: string[] = [];
  if (options.skipLoad) {
    skipped.push('--skip-load');
    return { load, loadServers, skipped };
  }
  for (const database of options.databases) {
    if (database === 'postgres' && pgProblem) {
      skipped.push(`postgres: ${pgProblem}`);
      log(`load on postgres skipped: ${pgProblem}`);
      continue;
    }
    log(
      `load on ${database}: ${options.connections} connections, ${options.durationS} s per endpoint`,
    );
    const child = startChild(
      'apiLoad.ts',
      [
        JSON.stringify({
          spec,
          clusters: ready.clusters,
          token: ready.token,
          database,
        }),
      ],
      {
        execArgv: [
          '--expose-gc',
          ...profileFlags(options, `${size}-serve-${database}`),
        ],
      },
    );
    try {
      const { ready: server, figures } = await loadEndpoints({
        child,
        database,
        connections: options.connections,
        durationS: options.durationS,
      });
      child.send({ type: 'stop' });
      const stopped = await child.next<{ value: { peakRssMb: number } }>(
        'result',
      );
      load.push(...figures);
      loadServers.push({
        database,
        description: server.database,
        scanMs: server.scanMs,
        peakRssMb: stopped.value.peakRssMb,
      });
      for (const figure of figures) {
        log(
          `  ${figure.endpoint}: ${figure.rps} req/s, p99 ${figure.p99Ms} ms, ${
            figure.errors + figure.non2xx
          } errors`,
        );
      }
    } finally {
      child.process.kill();
    }
  }
  return { load, loadServers, skipped };
}
