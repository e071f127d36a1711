/** The benchmark's report: the table on stdout and the JSON file. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Options } from './options';
import { SizeResult } from './sizeResult';
import { fmt, formatTable } from './table';

/** The table of every size side by side, then the targets and skipped load tests. */
export function printResults(results: SizeResult[], options: Options) {
  const sizes = results.map(r => r.size);
  const col = (pick: (r: SizeResult) => string) => results.map(pick);
  const rows: string[][] = [
    ['', ...sizes],
    [
      'services / clusters',
      ...col(r => `${fmt.int(r.fleet.services)} / ${r.fleet.clusters}`),
    ],
    [
      'pods / objects',
      ...col(r => `${fmt.int(r.fleet.pods)} / ${fmt.int(r.fleet.objects)}`),
    ],
    ['Meshwise scan: wall time', ...col(r => fmt.ms(r.meshwise.wallMs))],
    ['  (second scan)', ...col(r => fmt.ms(r.meshwise.secondWallMs))],
    [
      'Meshwise scan: peak RSS (both scans)',
      ...col(r => fmt.mb(r.meshwise.peakRssMb)),
    ],
    ['  (first scan)', ...col(r => fmt.mb(r.meshwise.firstScanPeakRssMb))],
    ['  (RSS before scan)', ...col(r => fmt.mb(r.meshwise.rssBeforeScanMb))],
    [
      '  (heap retained after scan)',
      ...col(r => fmt.mb(r.meshwise.retainedHeapMb)),
    ],
    [
      'Meshwise scan: longest event-loop stall',
      ...col(r => fmt.ms(r.meshwise.longestStallMs)),
    ],
    [
      'Meshwise scan: API calls (per scan)',
      ...col(r => fmt.int(r.meshwise.apiCalls)),
    ],
    [
      '  per cluster',
      ...col(r => fmt.int(r.meshwise.apiCalls / r.fleet.clusters)),
    ],
    ['Meshwise scan: bytes read', ...col(r => fmt.bytes(r.meshwise.bytesRead))],
    [
      'fan-out: wall time',
      ...col(r =>
        r.fanOut.sampled
          ? `~${fmt.ms(r.fanOut.estimatedWallMs)} (${
              r.fanOut.entitiesMeasured
            } sampled)`
          : fmt.ms(r.fanOut.wallMs),
      ),
    ],
    [
      'fan-out: API calls',
      ...col(r =>
        r.fanOut.sampled
          ? `~${fmt.int(r.fanOut.estimatedApiCalls)}`
          : fmt.int(r.fanOut.apiCalls),
      ),
    ],
    ['fan-out: peak RSS', ...col(r => fmt.mb(r.fanOut.peakRssMb))],
    [
      'fan-out: same stage+score',
      ...col(r => `${r.fanOut.agreement.same}/${r.fanOut.agreement.compared}`),
    ],
    ['parse floor: wall time', ...col(r => fmt.ms(r.floor.wallMs))],
    ['parse floor: peak RSS', ...col(r => fmt.mb(r.floor.peakRssMb))],
    [
      'ratio fan-out/Meshwise calls',
      ...col(r => fmt.ratio(r.ratios.fanOutToMeshwiseCalls)),
    ],
    [
      'ratio fan-out/Meshwise time',
      ...col(r => fmt.ratio(r.ratios.fanOutToMeshwiseTime)),
    ],
    [
      'ratio Meshwise/floor time',
      ...col(r => fmt.ratio(r.ratios.meshwiseToFloorTime)),
    ],
  ];
  for (const database of options.databases) {
    for (const endpoint of ['assessment', 'scorecard'] as const) {
      const find = (r: SizeResult) =>
        r.load.find(l => l.database === database && l.endpoint === endpoint);
      if (!results.some(find)) continue;
      rows.push(
        [
          `${endpoint} (${database}): req/s`,
          ...col(r => fmt.int(find(r)?.rps)),
        ],
        [
          `${endpoint} (${database}): p50 / p99`,
          ...col(r => {
            const l = find(r);
            return l ? `${l.p50Ms} / ${l.p99Ms} ms` : '-';
          }),
        ],
        [
          `${endpoint} (${database}): errors`,
          ...col(r => {
            const l = find(r);
            return l ? String(l.errors + l.non2xx) : '-';
          }),
        ],
      );
    }
  }
  console.log(
    `\nMeshwise benchmark (seed ${options.seed}${
      options.skipLoad
        ? ', no load tests'
        : `, load: ${options.connections} connections x ${options.durationS} s`
    })\n`,
  );
  console.log(formatTable(rows));
  const targets = results.flatMap(r =>
    r.targets.map(t => [r.size, t.met ? 'met' : 'MISSED', t.target, t.value]),
  );
  if (targets.length > 0) {
    console.log('\nTargets\n');
    console.log(
      formatTable([['size', 'status', 'target', 'value'], ...targets]),
    );
  }
  for (const r of results) {
    for (const reason of r.loadSkipped ?? []) {
      console.log(`\n${r.size}: load skipped (${reason})`);
    }
  }
}

/** The machine the figures come from, for the JSON report. */
function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model?.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
  };
}

/** Writes the JSON report; returns it for the closing line. */
export function writeReport(
  results: object[],
  options: Options,
  started: number,
): { durationS: number } {
  const report = {
    date: new Date().toISOString(),
    machine: machine(),
    options: { ...options, out: undefined },
    durationS: Math.round((Date.now() - started) / 1000),
    results,
  };
  fs.mkdirSync(path.dirname(path.resolve(options.out)), { recursive: true });
  fs.writeFileSync(options.out, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nResults written to ${options.out}`);
  return report;
}
