/**
 * The real path's load: the catalog's entity lookup, the Meshwise assessment
 * of the same entities and the scorecard's first page, each alone against
 * the backend (autocannon, `apiLoad.ts`), back to back, in rounds. On a
 * shared machine the background load drifts over minutes; each round
 * measures the three endpoints within seconds of one another, and the
 * ratios are the median of the rounds' ratios.
 */
import os from 'node:os';
import path from 'node:path';
import { load } from './apiLoad';
import {
  RealPathFigures,
  RealPathResult,
  RealPathRound,
} from './realPathResult';

/** The endpoints, in the order each round loads them. */
export const REAL_PATH_ENDPOINTS = [
  'catalog',
  'assessment',
  'scorecard',
] as const;

export type RealPathEndpoint = (typeof REAL_PATH_ENDPOINTS)[number];

/** What the load asks of the backend process (see `realPathBackend.ts`). */
export type AskBackend = <T = unknown>(
  type: string,
  answer: string,
  extra?: object,
) => Promise<T>;

interface CpuAnswer {
  usage: NodeJS.CpuUsage;
  longestStallMs: number;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Each entity in turn, in a fixed shuffled order (as `apiLoad.ts`). */
function spread(names: string[], pathOf: (name: string) => string) {
  return names.map((_, i) => pathOf(names[(i * 7919) % names.length]));
}

export function realPathPaths(
  names: string[],
): Record<RealPathEndpoint, string[]> {
  return {
    catalog: spread(
      names,
      name => `/catalog/entities/by-name/component/default/${name}`,
    ),
    assessment: spread(
      names,
      name => `/service-mesh/entities/component/default/${name}/assessment`,
    ),
    scorecard: ['/service-mesh/scorecard?limit=50'],
  };
}

export async function loadRealPath(options: {
  baseUrl: string;
  token: string;
  /** The entities looked up and assessed (those the guest may see). */
  names: string[];
  connections: number;
  /** Seconds of load per endpoint, over all rounds. */
  durationS: number;
  rounds: number;
  /** Where the CPU profiles of the measured runs go, when profiling. */
  profileDir?: string;
  ask: AskBackend;
  log: (message: string) => void;
}): Promise<Pick<RealPathResult, 'load' | 'rounds' | 'ratios'>> {
  const { ask, log } = options;
  const paths = realPathPaths(options.names);
  const durationS = Math.max(3, Math.round(options.durationS / options.rounds));
  const run = (endpoint: RealPathEndpoint, seconds: number) =>
    load({
      baseUrl: `${options.baseUrl}/api`,
      authorization: `Bearer ${options.token}`,
      paths: paths[endpoint],
      connections: options.connections,
      durationS: seconds,
    });

  for (const endpoint of REAL_PATH_ENDPOINTS) {
    await run(endpoint, Math.min(3, Math.max(1, Math.round(durationS / 3))));
  }

  const rounds: RealPathRound[] = [];
  for (let round = 1; round <= options.rounds; round++) {
    const figures: RealPathFigures[] = [];
    for (const endpoint of REAL_PATH_ENDPOINTS) {
      if (options.profileDir) await ask('profile-start', 'profile-started');
      const loadBefore = os.loadavg()[0];
      const before = await ask<CpuAnswer>('cpu', 'cpu');
      const measured = await run(endpoint, durationS);
      const after = await ask<CpuAnswer>('cpu', 'cpu');
      const loadAfter = os.loadavg()[0];
      if (options.profileDir) {
        await ask('profile-stop', 'profile-done', {
          file: path.join(
            options.profileDir,
            `${endpoint}-round${round}.cpuprofile`,
          ),
        });
      }
      const cpuMs =
        (after.usage.user +
          after.usage.system -
          before.usage.user -
          before.usage.system) /
        1000;
      const figure: RealPathFigures = {
        endpoint,
        connections: options.connections,
        durationS,
        ...measured,
        backendCpuMsPerRequest:
          measured.requests > 0 ? round2(cpuMs / measured.requests) : undefined,
        loadAverage: [round2(loadBefore), round2(loadAfter)],
        longestStallMs: after.longestStallMs,
      };
      figures.push(figure);
      log(
        `  round ${round} ${endpoint}: ${figure.rps} req/s, p50 ${
          figure.p50Ms
        } / p99 ${figure.p99Ms} ms, ${figure.errors + figure.non2xx} errors, ${
          figure.backendCpuMsPerRequest
        } ms backend CPU per request, longest event-loop stall ${
          figure.longestStallMs
        } ms, load average ${loadBefore.toFixed(1)} -> ${loadAfter.toFixed(1)}`,
      );
    }
    const of = (e: RealPathEndpoint) => figures.find(f => f.endpoint === e)!;
    rounds.push({
      figures,
      ratios: {
        assessmentToCatalogP50: of('assessment').p50Ms / of('catalog').p50Ms,
        assessmentToCatalogP99: of('assessment').p99Ms / of('catalog').p99Ms,
        scorecardToCatalogP99: of('scorecard').p99Ms / of('catalog').p99Ms,
      },
    });
  }

  const loadFigures = REAL_PATH_ENDPOINTS.map(endpoint => {
    const all = rounds.map(r => r.figures.find(f => f.endpoint === endpoint)!);
    const cpu = all.flatMap(f =>
      f.backendCpuMsPerRequest === undefined ? [] : [f.backendCpuMsPerRequest],
    );
    return {
      endpoint,
      connections: options.connections,
      durationS: durationS * rounds.length,
      requests: all.reduce((n, f) => n + f.requests, 0),
      rps: Math.round(median(all.map(f => f.rps))),
      p50Ms: median(all.map(f => f.p50Ms)),
      p99Ms: median(all.map(f => f.p99Ms)),
      maxMs: Math.max(...all.map(f => f.maxMs)),
      errors: all.reduce((n, f) => n + f.errors, 0),
      non2xx: all.reduce((n, f) => n + f.non2xx, 0),
      backendCpuMsPerRequest: cpu.length ? round2(median(cpu)) : undefined,
      loadAverage: [all[0].loadAverage[0], all[all.length - 1].loadAverage[1]],
      longestStallMs: Math.max(...all.map(f => f.longestStallMs ?? 0)),
    } as RealPathFigures;
  });
  const ratio = (key: keyof RealPathRound['ratios']) =>
    round2(median(rounds.map(r => r.ratios[key])));
  return {
    load: loadFigures,
    rounds,
    ratios: {
      assessmentToCatalogP50: ratio('assessmentToCatalogP50'),
      assessmentToCatalogP99: ratio('assessmentToCatalogP99'),
      scorecardToCatalogP99: ratio('scorecardToCatalogP99'),
    },
  };
}
