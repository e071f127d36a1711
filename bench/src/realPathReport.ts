/** The real path's table on stdout (`--real-path`). */
import { Options } from './options';
import { REAL_PATH_ENDPOINTS } from './realPathLoad';
import { RealPathResult } from './realPathResult';
import { fmt, formatTable } from './table';

const LABELS = {
  catalog: 'catalog entity lookup',
  assessment: 'Meshwise assessment',
  scorecard: 'scorecard first page',
};

export function printRealPath(results: RealPathResult[], options: Options) {
  const col = (pick: (r: RealPathResult) => string) => results.map(pick);
  const rows: string[][] = [
    ['', ...results.map(r => r.size)],
    [
      'services / clusters',
      ...col(r => `${fmt.int(r.fleet.services)} / ${r.fleet.clusters}`),
    ],
    ['backend start', ...col(r => fmt.ms(r.backend.startMs))],
    ['catalog ingestion', ...col(r => fmt.ms(r.backend.ingestMs))],
    [
      'Meshwise scan (triggered)',
      ...col(r => `${fmt.ms(r.backend.scanMs)} ${r.backend.scanStatus}`),
    ],
    [
      'RSS before load / peak',
      ...col(
        r =>
          `${fmt.mb(r.backend.rssBeforeLoadMb)} / ${fmt.mb(
            r.backend.peakRssMb,
          )}`,
      ),
    ],
  ];
  for (const endpoint of REAL_PATH_ENDPOINTS) {
    const find = (r: RealPathResult) =>
      r.load.find(l => l.endpoint === endpoint);
    rows.push(
      [`${LABELS[endpoint]}: req/s`, ...col(r => fmt.int(find(r)?.rps))],
      [
        `${LABELS[endpoint]}: p50 / p99`,
        ...col(r => {
          const l = find(r);
          return l ? `${l.p50Ms} / ${l.p99Ms} ms` : '-';
        }),
      ],
      [
        `${LABELS[endpoint]}: errors`,
        ...col(r => {
          const l = find(r);
          return l ? String(l.errors + l.non2xx) : '-';
        }),
      ],
      [
        `${LABELS[endpoint]}: load average`,
        ...col(r => {
          const load = find(r)?.loadAverage;
          return load ? `${load[0].toFixed(1)} -> ${load[1].toFixed(1)}` : '-';
        }),
      ],
      [
        `${LABELS[endpoint]}: longest event-loop stall`,
        ...col(r => fmt.ms(find(r)?.longestStallMs)),
      ],
      [
        `${LABELS[endpoint]}: backend CPU / req`,
        ...col(r => {
          const cpu = find(r)?.backendCpuMsPerRequest;
          return cpu === undefined ? '-' : `${cpu.toFixed(2)} ms`;
        }),
      ],
    );
  }
  rows.push(
    [
      'assessment / catalog p50 (median of rounds)',
      ...col(r => fmt.ratio(r.ratios.assessmentToCatalogP50)),
    ],
    [
      'assessment / catalog p99',
      ...col(r => fmt.ratio(r.ratios.assessmentToCatalogP99)),
    ],
    [
      'scorecard / catalog p99',
      ...col(r => fmt.ratio(r.ratios.scorecardToCatalogP99)),
    ],
  );
  console.log(
    `\nMeshwise real path (seed ${options.seed}, ${
      results[0]?.backend.database ?? 'PostgreSQL'
    }, load: ${options.connections} connections, ${
      options.rounds
    } rounds of ${Math.max(
      3,
      Math.round(options.durationS / options.rounds),
    )} s per endpoint, back to back; medians of the rounds)\n`,
  );
  console.log(formatTable(rows));
  const targets = results.flatMap(r =>
    r.targets.map(t => [r.size, t.met ? 'met' : 'MISSED', t.target, t.value]),
  );
  console.log('\nTargets\n');
  console.log(formatTable([['size', 'status', 'target', 'value'], ...targets]));
}
