/**
 * Every measurement of one fleet size against one fleet server, in order:
 * the Meshwise scan, the parse floor, the per-entity fan-out, the endpoints
 * under load; then the ratios and the targets.
 */
import { fleetSpec, SizeName } from './fleet';
import { withFleet } from './fleetSession';
import { measureFanOut } from './measureFanOut';
import { measureLoad } from './measureLoad';
import type { MeshwiseScanResult } from './meshwiseScan';
import { Options } from './options';
import type { ParseFloorResult } from './parseFloor';
import { SizeResult } from './sizeResult';
import { fmt } from './table';
import { targetsFor } from './targets';

export async function measureSize(
  size: SizeName,
  options: Options,
  pgProblem: string | undefined,
): Promise<SizeResult> {
  const spec = fleetSpec(size, options.seed);
  const log = (message: string) =>
    process.stderr.write(`[bench ${size}] ${message}\n`);
  log(`generating ${spec.services} services on ${spec.clusters} clusters`);
  return withFleet(size, spec, options, log, async session => {
    log('Meshwise scan');
    const meshwise = await session.measured<MeshwiseScanResult>(
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
    const floor = await session.measured<ParseFloorResult>('parseFloor.ts', {});
    log(`  ${fmt.ms(floor.value.wallMs)}`);

    const fanOut = await measureFanOut(
      session,
      size,
      options,
      meshwise.value.digest ?? {},
      log,
    );
    const { load, loadServers, skipped } = await measureLoad(
      size,
      spec,
      session.ready,
      options,
      pgProblem,
      log,
    );

    const result: SizeResult = {
      size,
      fleet: session.ready.fleet,
      meshwise: {
        ...meshwise.value,
        digest: undefined,
        ...perScan,
      },
      fanOut,
      floor: {
        ...floor.value,
        apiCalls: floor.apiCalls,
        bytesRead: floor.bytesRead,
      },
      ratios: {
        fanOutToMeshwiseCalls: fanOut.estimatedApiCalls / perScan.apiCalls,
        fanOutToMeshwiseTime: fanOut.estimatedWallMs / meshwise.value.wallMs,
        meshwiseToFloorTime: meshwise.value.wallMs / floor.value.wallMs,
      },
      load,
      loadServers,
      ...(skipped.length ? { loadSkipped: skipped } : {}),
      targets: [],
    };
    result.targets = targetsFor(result);
    return result;
  });
}
