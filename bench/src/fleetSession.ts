/**
 * One fleet server for one size, and the way every measurement runs against
 * it: a child process of its own, with the API calls and bytes it caused
 * read from the fleet server's counters before and after.
 */
import path from 'node:path';
import { runMeasurement, startChild } from './child';
import { FleetSpec } from './fleet';
import type { FleetCounters, FleetReady, FleetTouched } from './fleetServer';
import { Options } from './options';
import { fmt } from './table';

export interface Measured<T> {
  value: T;
  apiCalls: number;
  bytesRead: number;
}

export interface FleetSession {
  ready: FleetReady;
  /** The fleet server's process, for its CPU time. */
  pid: number;
  /** Requests and bytes the fleet server has served so far. */
  counters(): Promise<FleetCounters>;
  /** Changes one pod in each cluster; resolves with the number changed. */
  touch(): Promise<number>;
  measured<T>(
    script: string,
    extra: object,
    flags?: string[],
  ): Promise<Measured<T>>;
}

/** `--cpu-prof` flags for a measuring child when `--profile` is on. */
export function profileFlags(options: Options, name: string): string[] {
  return options.profile
    ? [
        '--cpu-prof',
        // A directory per process: its worker threads write their own files.
        `--cpu-prof-dir=${path.resolve('bench/results/profiles', name)}`,
      ]
    : [];
}

/** Starts the fleet server, runs `body` against it and always stops it. */
export async function withFleet<T>(
  size: string,
  spec: FleetSpec,
  options: Options,
  log: (message: string) => void,
  body: (session: FleetSession) => Promise<T>,
): Promise<T> {
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
      return fleet.next<FleetCounters>('counters');
    };
    const touch = async () => {
      fleet.send({ type: 'touch' });
      return (await fleet.next<FleetTouched>('touched')).objects;
    };
    const measured = async <V>(
      script: string,
      extra: object,
      flags: string[] = [],
    ): Promise<Measured<V>> => {
      const before = await counters();
      const profile = profileFlags(
        options,
        `${size}-${path.basename(script, '.ts')}`,
      );
      const value = await runMeasurement<V>(
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
    return await body({
      ready,
      pid: fleet.process.pid!,
      counters,
      touch,
      measured,
    });
  } finally {
    fleet.send({ type: 'stop' });
    await Promise.race([
      fleet.exited,
      new Promise(resolve => setTimeout(resolve, 5000)),
    ]);
    fleet.process.kill();
  }
}
