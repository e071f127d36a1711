/** What one fleet size measured on the real path (`--real-path`). */
import type { LatencyFigures } from './apiLoad';
import type { SizeName } from './fleet';

export interface RealPathFigures extends LatencyFigures {
  endpoint: 'catalog' | 'assessment' | 'scorecard';
  /**
   * CPU time of the backend process per request during the measured run
   * (PostgreSQL's and the load generator's apart).
   */
  backendCpuMsPerRequest?: number;
  /**
   * The machine's 1-minute load average (`uptime`) before and after the
   * measured run: on a shared machine, how busy it was with other work.
   */
  loadAverage: [number, number];
  /**
   * The longest the backend's event loop was blocked during the run
   * (`monitorEventLoopDelay`): a pause of the backend itself, or not.
   */
  longestStallMs?: number;
}

export interface RealPathRatios {
  assessmentToCatalogP50: number;
  assessmentToCatalogP99: number;
  scorecardToCatalogP99: number;
}

/** One round: each endpoint loaded alone, back to back. */
export interface RealPathRound {
  figures: RealPathFigures[];
  ratios: RealPathRatios;
}

export interface RealPathResult {
  size: SizeName;
  fleet: { services: number; clusters: number };
  backend: {
    database: string;
    /** From the process start to the backend serving. */
    startMs: number;
    /** Until the catalog served every service of the fleet. */
    ingestMs: number;
    /** The triggered scan, until its run was no longer running. */
    scanMs: number;
    scanStatus: string;
    entityCount: number;
    assessedCount: number;
    /** The permission policy (`--policy`). */
    policy: string;
    /** After the scan and a full GC, before the load. */
    rssBeforeLoadMb: number;
    peakRssMb: number;
  };
  /**
   * Before the load, the catalog lookup and the assessment of a sample of
   * entities, as the guest: both must answer 200, or both 404.
   */
  visibility: {
    checked: number;
    /** Found by the catalog lookup. */
    visible: number;
    /** The services the policy lets the guest see (the load's entities). */
    expectedVisible: number;
    mismatches: string[];
    mismatchCount: number;
  };
  /**
   * Per endpoint over the rounds: requests and errors summed, req/s, p50,
   * p99 and CPU per request the median of the rounds', max the highest.
   */
  load: RealPathFigures[];
  /** The median of the rounds' ratios. */
  ratios: RealPathRatios;
  rounds: RealPathRound[];
  targets: { target: string; met: boolean; value: string }[];
}
