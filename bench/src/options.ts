/** The command line of `npm run bench` (see run.ts and bench/README.md). */
import os from 'node:os';
import path from 'node:path';
import { DatabaseKind } from './backend';
import { DEFAULT_SEED, SizeName, SIZES } from './fleet';

/** The real path's permission policies (see `realPathPolicy.ts`). */
export const REAL_PATH_POLICIES = ['demo', 'owner'] as const;

export type RealPathPolicy = (typeof REAL_PATH_POLICIES)[number];

export interface Options {
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
  /** The real backend's endpoints against the catalog's (`--real-path`). */
  realPath: boolean;
  /** Rounds of the real path's load (each endpoint once per round). */
  rounds: number;
  /** The real path's permission policy (`realPathPolicy.ts`). */
  policy: RealPathPolicy;
  /** The scan across replicas and of an unchanged fleet (`--replicas`). */
  replicas: boolean;
  /** `serviceMesh.scan.shards` of the replicas. */
  shards: number;
  /** Each replica's `--max-old-space-size`. */
  heapMb: number;
  /** Each replica's `--max-semi-space-size`, when set (V8's default: 16). */
  semiSpaceMb?: number;
  /** The fleet's objects carry the managedFields of a real API server (`--managed-fields`). */
  managedFields: boolean;
}

export function parseOptions(argv: string[]): Options {
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
    '--real-path',
    '--rounds',
    '--policy',
    '--replicas',
    '--shards',
    '--heap-mb',
    '--semi-space-mb',
    '--managed-fields',
  ]);
  for (const arg of argv) {
    if (arg.startsWith('--') && !known.has(arg)) {
      throw new Error(`unknown option ${arg} (see bench/README.md)`);
    }
  }
  const smoke = argv.includes('--smoke');
  const realPath = argv.includes('--real-path');
  const replicas = argv.includes('--replicas');
  const sizes = (
    value('sizes') ??
    (smoke ? 'small' : replicas ? 'large' : 'small,medium,large')
  )
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
  const policy = (value('policy') ?? 'demo') as RealPathPolicy;
  if (!REAL_PATH_POLICIES.includes(policy)) {
    throw new Error(
      `--policy: unknown policy "${policy}" (${REAL_PATH_POLICIES.join(', ')})`,
    );
  }
  const date = new Date().toISOString().slice(0, 10);
  // Per endpoint (and database); with --real-path, over all its rounds.
  let defaultDurationS = realPath ? 60 : 20;
  if (smoke) defaultDurationS = 3;
  return {
    sizes,
    // The smoke run (part of npm test) leaves nothing in the work tree.
    out:
      value('out') ??
      (smoke
        ? path.join(os.tmpdir(), 'meshwise-bench-smoke.json')
        : path.join(
            'bench',
            'results',
            `${date}${realPath ? '-real-path' : ''}${
              replicas ? '-replicas' : ''
            }${realPath && policy !== 'demo' ? `-${policy}` : ''}.json`,
          )),
    skipLoad: argv.includes('--skip-load'),
    durationS: Number(value('duration') ?? defaultDurationS),
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
    realPath,
    rounds: Math.max(1, Number(value('rounds') ?? (realPath ? 3 : 1))),
    policy,
    replicas,
    shards: Number(value('shards') ?? 20),
    heapMb: Number(value('heap-mb') ?? 320),
    ...(value('semi-space-mb')
      ? { semiSpaceMb: Number(value('semi-space-mb')) }
      : {}),
    managedFields: argv.includes('--managed-fields'),
  };
}
