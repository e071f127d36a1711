/**
 * `npm run bench`: for each fleet size, a full Meshwise scan, the
 * per-entity fan-out, the parse floor and the endpoints under load, each
 * measured in its own child process against one fleet server; a table on
 * stdout and a JSON file.
 *
 *   --sizes small,medium,large   (default: all three)
 *   --out bench/results/<date>.json
 *   --skip-load                  no endpoint load tests
 *   --duration 20 --connections 50
 *   --databases sqlite,postgres
 *   --fanout-sample N|all        entities fanned out per size (default: all,
 *                                1000 for large; the rest is scaled up)
 *   --seed N
 *   --profile                    --cpu-prof every measuring child into
 *                                bench/results/profiles/
 *   --transform                  run the measuring children from their
 *                                TypeScript sources under the development
 *                                transform instead of bundled
 *   --smoke                      small size, 3 s of load, sanity checks
 *                                (exit 1 when one fails), no timing targets
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knexFactory from 'knex';
import { LoadFigures, loadEndpoints } from './apiLoad';
import { DatabaseKind, POSTGRES } from './backend';
import { runMeasurement, startChild, useBuiltScripts } from './child';
import type { FanOutResult } from './fanOut';
import { DEFAULT_SEED, fleetSpec, SizeName, SIZES } from './fleet';
import type { FleetReady } from './fleetServer';
import type { MeshwiseScanResult } from './meshwiseScan';
import type { ParseFloorResult } from './parseFloor';
import { fmt, formatTable } from './table';

interface Options {
  sizes: SizeName[];
  out: string;
  skipLoad: boolean;
  durationS: number;
  connections: number;
  databases: DatabaseKind[];
  fanOutSample?: number | 'all';
  seed: number;
  profile: boolean;
  transform: boolean;
  smoke: boolean;
}

function parseOptions(argv: string[]): Options {
  const value = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    if (i < 0) return undefined;
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) {
      throw new Error(`--${name} needs a value`);
    }
    return v;
  };
  const known = new Set([
    '--sizes',
    '--out',
    '--skip-load',
    '--duration',
    '--connections',
    '--databases',
    '--fanout-sample',
    '--seed',
    '--profile',
    '--transform',
    '--smoke',
  ]);
  for (const arg of argv) {
    if (arg.startsWith('--') && !known.has(arg)) {
      throw new Error(`unknown option ${arg} (see bench/README.md)`);
    }
  }
  const smoke = argv.includes('--smoke');
  const sizes = (value('sizes') ?? (smoke ? 'small' : 'small,medium,large'))
    .split(',')
    .map(s => s.trim()) as SizeName[];
  for (const size of sizes) {
    if (!(size in SIZES)) {
      throw new Error(`--sizes: unknown size "${size}" (small, medium, large)`);
    }
  }
  const databases = (value('databases') ?? 'sqlite,postgres')
    .split(',')
    .map(s => s.trim()) as DatabaseKind[];
  const sample = value('fanout-sample');
  const date = new Date().toISOString().slice(0, 10);
  return {
    sizes,
    // The smoke run (part of npm test) leaves nothing in the work tree.
    out:
      value('out') ??
      (smoke
        ? path.join(os.tmpdir(), 'meshwise-bench-smoke.json')
        : path.join('bench', 'results', `${date}.json`)),
    skipLoad: argv.includes('--skip-load'),
    durationS: Number(value('duration') ?? (smoke ? 3 : 20)),
    connections: Number(value('connections') ?? 50),
    databases,
    fanOutSample:
      sample === undefined
        ? undefined
        : sample === 'all'
        ? 'all'
        : Number(sample),
    seed: Number(value('seed') ?? DEFAULT_SEED),
    profile: argv.includes('--profile'),
    transform: argv.includes('--transform'),
    smoke,
  };
}

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

async function postgresReachable(): Promise<string | undefined> {
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

interface SizeResult {
  size: SizeName;
  fleet: FleetReady['fleet'];
  meshwise: MeshwiseScanResult & { apiCalls: number; bytesRead: number };
  fanOut: Omit<FanOutResult, 'digest'> & {
    apiCalls: number;
    bytesRead: number;
    /** Scaled to every entity when sampled. */
    estimatedWallMs: number;
    estimatedApiCalls: number;
    sampled: boolean;
    /** Entities whose stage and score match the Meshwise scan's. */
    agreement: { same: number; compared: number; examples: string[] };
  };
  floor: ParseFloorResult & { apiCalls: number; bytesRead: number };
  ratios: {
    fanOutToMeshwiseCalls: number;
    fanOutToMeshwiseTime: number;
    meshwiseToFloorTime: number;
  };
  load: LoadFigures[];
  loadServers: {
    database: DatabaseKind;
    description: string;
    scanMs: number;
    peakRssMb: number;
  }[];
  loadSkipped?: string[];
  targets: { target: string; met: boolean; value: string }[];
}

async function measureSize(
  size: SizeName,
  options: Options,
  pgProblem: string | undefined,
): Promise<SizeResult> {
  const spec = fleetSpec(size, options.seed);
  const profileFlags = (name: string) =>
    options.profile
      ? [
          '--cpu-prof',
          // A directory per process: its worker threads write their own files.
          `--cpu-prof-dir=${path.resolve('bench/results/profiles', name)}`,
        ]
      : [];
  const log = (message: string) =>
    process.stderr.write(`[bench ${size}] ${message}\n`);
  log(`generating ${spec.services} services on ${spec.clusters} clusters`);
  const fleet = startChild('fleetServer.ts', [JSON.stringify(spec)], {
    execArgv: ['--max-old-space-size=16384'],
  });
  try {
    const ready = await fleet.next<FleetReady>('ready');
    log(
      `fleet: ${ready.fleet.pods} pods, ${
        ready.fleet.objects
      } objects (${fmt.ms(ready.fleet.generateMs)})`,
    );
    const counters = async () => {
      fleet.send({ type: 'counters' });
      return fleet.next<{ requests: number; bytes: number }>('counters');
    };
    const measured = async <T>(
      script: string,
      extra: object,
      flags: string[] = [],
    ) => {
      const before = await counters();
      const profile = profileFlags(`${size}-${path.basename(script, '.ts')}`);
      const value = await runMeasurement<T>(
        script,
        [
          JSON.stringify({
            spec,
            clusters: ready.clusters,
            token: ready.token,
            ...extra,
          }),
        ],
        { execArgv: [...flags, ...profile] },
      );
      const after = await counters();
      return {
        value,
        apiCalls: after.requests - before.requests,
        bytesRead: after.bytes - before.bytes,
      };
    };

    log('Meshwise scan');
    const meshwise = await measured<MeshwiseScanResult>(
      'meshwiseScan.ts',
      { digest: true },
      ['--expose-gc'],
    );
    // The child scans twice; both read every cluster the same way.
    const perScan = {
      apiCalls: meshwise.apiCalls / meshwise.value.scans,
      bytesRead: meshwise.bytesRead / meshwise.value.scans,
    };
    log(
      `  ${fmt.ms(meshwise.value.wallMs)} (second scan ${fmt.ms(
        meshwise.value.secondWallMs,
      )}), ${perScan.apiCalls} calls per scan`,
    );

    log('parse floor');
    const floor = await measured<ParseFloorResult>('parseFloor.ts', {});
    log(`  ${fmt.ms(floor.value.wallMs)}`);

    const sample =
      options.fanOutSample === 'all'
        ? undefined
        : options.fanOutSample ?? (size === 'large' ? 1000 : undefined);
    log(`per-entity fan-out${sample ? ` (sample of ${sample} entities)` : ''}`);
    const fanOut = await measured<FanOutResult>('fanOut.ts', {
      digest: true,
      sample,
    });
    const f = fanOut.value;
    const scale = f.entityCount / f.entitiesMeasured;
    const estimatedWallMs = f.contextMs + (f.wallMs - f.contextMs) * scale;
    const estimatedApiCalls = Math.round(
      f.contextCalls + (fanOut.apiCalls - f.contextCalls) * scale,
    );
    log(`  ${fmt.ms(f.wallMs)}, ${fanOut.apiCalls} calls`);
    const digest = meshwise.value.digest ?? {};
    const examples: string[] = [];
    let same = 0;
    let compared = 0;
    for (const [ref, value] of Object.entries(f.digest ?? {})) {
      if (!(ref in digest)) continue;
      compared += 1;
      if (digest[ref] === value) same += 1;
      else if (examples.length < 5)
        examples.push(`${ref}: Meshwise ${digest[ref]}, fan-out ${value}`);
    }

    const load: LoadFigures[] = [];
    const loadServers: SizeResult['loadServers'] = [];
    const loadSkipped: string[] = [];
    if (options.skipLoad) {
      loadSkipped.push('--skip-load');
    } else {
      for (const database of options.databases) {
        if (database === 'postgres' && pgProblem) {
          loadSkipped.push(`postgres: ${pgProblem}`);
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
              ...profileFlags(`${size}-serve-${database}`),
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
              `  ${figure.endpoint}: ${figure.rps} req/s, p99 ${
                figure.p99Ms
              } ms, ${figure.errors + figure.non2xx} errors`,
            );
          }
        } finally {
          child.process.kill();
        }
      }
    }

    const result: SizeResult = {
      size,
      fleet: ready.fleet,
      meshwise: {
        ...meshwise.value,
        digest: undefined,
        ...perScan,
      },
      fanOut: {
        ...f,
        digest: undefined,
        apiCalls: fanOut.apiCalls,
        bytesRead: fanOut.bytesRead,
        estimatedWallMs,
        estimatedApiCalls,
        sampled: scale > 1,
        agreement: { same, compared, examples },
      } as SizeResult['fanOut'],
      floor: {
        ...floor.value,
        apiCalls: floor.apiCalls,
        bytesRead: floor.bytesRead,
      },
      ratios: {
        fanOutToMeshwiseCalls: estimatedApiCalls / perScan.apiCalls,
        fanOutToMeshwiseTime: estimatedWallMs / meshwise.value.wallMs,
        meshwiseToFloorTime: meshwise.value.wallMs / floor.value.wallMs,
      },
      load,
      loadServers,
      ...(loadSkipped.length ? { loadSkipped } : {}),
      targets: [],
    };
    result.targets = targetsFor(result);
    return result;
  } finally {
    fleet.send({ type: 'stop' });
    await Promise.race([
      fleet.exited,
      new Promise(resolve => setTimeout(resolve, 5000)),
    ]);
    fleet.process.kill();
  }
}

/** The issue's targets that apply to this size. */
function targetsFor(r: SizeResult): SizeResult['targets'] {
  const targets: SizeResult['targets'] = [];
  const add = (target: string, met: boolean, value: string) =>
    targets.push({ target, met, value });
  const m = r.meshwise;
  if (r.size === 'medium') {
    add('full scan < 15 s', m.wallMs < 15_000, fmt.ms(m.wallMs));
    add(
      'scan peak RSS < 500 MB (over two scans)',
      m.peakRssMb < 500,
      fmt.mb(m.peakRssMb),
    );
    add(
      '>= 20x fewer API calls than the fan-out',
      r.ratios.fanOutToMeshwiseCalls >= 20,
      fmt.ratio(r.ratios.fanOutToMeshwiseCalls),
    );
    add(
      '>= 5x less time than the fan-out',
      r.ratios.fanOutToMeshwiseTime >= 5,
      fmt.ratio(r.ratios.fanOutToMeshwiseTime),
    );
    add(
      'within 4x of the parse floor',
      r.ratios.meshwiseToFloorTime <= 4,
      fmt.ratio(r.ratios.meshwiseToFloorTime),
    );
  }
  if (r.size === 'large') {
    add('large scan completes', m.scanStatus === 'succeeded', m.scanStatus);
  }
  for (const figure of r.load) {
    if (figure.endpoint === 'assessment') {
      add(
        `assessment p99 < 50 ms at ${figure.connections} conn (${figure.database})`,
        figure.p99Ms < 50,
        `${figure.p99Ms} ms`,
      );
    }
    if (figure.endpoint === 'scorecard' && r.size === 'large') {
      add(
        `scorecard first page p99 < 200 ms (${figure.database})`,
        figure.p99Ms < 200,
        `${figure.p99Ms} ms`,
      );
    }
    add(
      `${figure.endpoint} zero errors (${figure.database})`,
      figure.errors + figure.non2xx === 0,
      String(figure.errors + figure.non2xx),
    );
  }
  return targets;
}

function printResults(results: SizeResult[], options: Options) {
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

/** The smoke run's checks: it works end to end. No timing assertions. */
function smokeProblems(results: SizeResult[], options: Options): string[] {
  const problems: string[] = [];
  for (const r of results) {
    const m = r.meshwise;
    if (m.scanStatus !== 'succeeded')
      problems.push(`${r.size}: scan status ${m.scanStatus}`);
    if (m.entityCount !== r.fleet.services)
      problems.push(
        `${r.size}: ${m.entityCount} of ${r.fleet.services} entities assessed`,
      );
    if (!(m.apiCalls > 0) || !(r.floor.items > 0))
      problems.push(`${r.size}: no API calls measured`);
    if (r.fanOut.agreement.compared === 0)
      problems.push(`${r.size}: the fan-out assessed no entity`);
    if (!options.skipLoad) {
      for (const database of options.databases) {
        const skipped = r.loadSkipped?.some(s => s.startsWith(database));
        if (skipped) continue;
        for (const endpoint of ['assessment', 'scorecard']) {
          const l = r.load.find(
            x => x.database === database && x.endpoint === endpoint,
          );
          if (!l)
            problems.push(
              `${r.size}: no load figures for ${endpoint} on ${database}`,
            );
          else if (l.requests === 0 || l.errors + l.non2xx > 0)
            problems.push(
              `${r.size}: ${endpoint} on ${database}: ${l.requests} requests, ${l.errors} errors, ${l.non2xx} non-2xx`,
            );
        }
      }
    }
  }
  return problems;
}

async function main() {
  const options = parseOptions(process.argv.slice(2));
  const started = Date.now();
  if (!options.transform) await useBuiltScripts();
  const pgProblem =
    !options.skipLoad && options.databases.includes('postgres')
      ? await postgresReachable()
      : undefined;
  const results: SizeResult[] = [];
  for (const size of options.sizes) {
    results.push(await measureSize(size, options, pgProblem));
  }
  printResults(results, options);
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
  if (options.smoke) {
    const problems = smokeProblems(results, options);
    if (problems.length > 0) {
      console.log(`\nbench:smoke FAILED:\n- ${problems.join('\n- ')}`);
      process.exit(1);
    }
    console.log(
      `\nbench:smoke OK: ${options.sizes.join(', ')} measured end to end in ${
        report.durationS
      } s`,
    );
  } else {
    console.log(
      `\nbench done: ${options.sizes.join(', ')} in ${report.durationS} s`,
    );
  }
  process.exit(0);
}

main().catch(error => {
  console.error(error);
  console.log(`\nbench FAILED: ${(error as Error).message.split('\n')[0]}`);
  process.exit(1);
});
