/** The command line of `npm run bench` (see run.ts and bench/README.md). */
import os from 'node:os';
import path from 'node:path';
import { DatabaseKind } from './backend';
import { DEFAULT_SEED, SizeName, SIZES } from './fleet';

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
