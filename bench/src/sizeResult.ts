/** What one fleet size measured: the rows of the table and of the JSON report. */
import type { LoadFigures } from './apiLoad';
import type { DatabaseKind } from './backend';
import type { FanOutResult } from './fanOut';
import type { SizeName } from './fleet';
import type { FleetReady } from './fleetServer';
import type { MeshwiseScanResult } from './meshwiseScan';
import type { ParseFloorResult } from './parseFloor';

export interface SizeResult {
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
