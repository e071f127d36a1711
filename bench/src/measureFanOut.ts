/**
 * The per-entity fan-out (what a plugin calling the Kubernetes API per
 * entity would do), scaled up when sampled, and how often it agrees with the
 * Meshwise scan on stage and score.
 */
import type { FanOutResult } from './fanOut';
import { SizeName } from './fleet';
import { FleetSession } from './fleetSession';
import { Options } from './options';
import { SizeResult } from './sizeResult';
import { fmt } from './table';

export async function measureFanOut(
  session: FleetSession,
  size: SizeName,
  options: Options,
  meshwiseDigest: Record<string, string>,
  log: (message: string) => void,
): Promise<SizeResult['fanOut']> {
  const sample =
    options.fanOutSample === 'all'
      ? undefined
      : options.fanOutSample ?? (size === 'large' ? 1000 : undefined);
  log(`per-entity fan-out${sample ? ` (sample of ${sample} entities)` : ''}`);
  const fanOut = await session.measured<FanOutResult>('fanOut.ts', {
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
  const examples: string[] = [];
  let same = 0;
  let compared = 0;
  for (const [ref, value] of Object.entries(f.digest ?? {})) {
    if (!(ref in meshwiseDigest)) continue;
    compared += 1;
    if (meshwiseDigest[ref] === value) same += 1;
    else if (examples.length < 5)
      examples.push(
        `${ref}: Meshwise ${meshwiseDigest[ref]}, fan-out ${value}`,
      );
  }
  return {
    ...f,
    digest: undefined,
    apiCalls: fanOut.apiCalls,
    bytesRead: fanOut.bytesRead,
    estimatedWallMs,
    estimatedApiCalls,
    sampled: scale > 1,
    agreement: { same, compared, examples },
  } as SizeResult['fanOut'];
}
