import { FleetSpec } from './fleet';

/** What the parent passes to every measuring child (as one JSON argument). */
export interface MeasureArgs {
  spec: FleetSpec;
  clusters: { name: string; url: string }[];
  token: string;
  /** Entity refs -> `stage/score`, returned so the parent can compare paths. */
  digest?: boolean;
}

export function readArgs<T = MeasureArgs>(): T {
  return JSON.parse(process.argv[2]) as T;
}

/** Sends the result to the parent and exits once it is delivered. */
export function finish(value: unknown): void {
  process.send!({ type: 'result', value }, () => process.exit(0));
}

export function fail(error: unknown): never {
  console.error(error);
  process.exit(1);
}

export const mb = (bytes: number) =>
  Math.round((bytes / 1024 / 1024) * 10) / 10;

/** Peak RSS of this process, MB (maxRSS is in KiB on Linux). */
export const peakRssMb = () =>
  Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;
