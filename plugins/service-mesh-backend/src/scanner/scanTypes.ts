import { Entity } from '@backstage/catalog-model';
import { EntityWorkloadSelector } from '@meshwise/backstage-plugin-service-mesh-common';

/** Entities whose stored parts are looked up (and merged) together. */
export const LOOKUP_BATCH = 200;

/**
 * Entities assessed and stored together, at most, and their workloads
 * (`MeshScanner` picks it for the database).
 */
export interface StoreBatch {
  entities: number;
  workloads: number;
}

/** What a run did, as it goes. */
export interface Progress {
  entityCount: number;
  assessedCount: number;
  skippedCount: number;
  /** Cluster parts assessed (or removed), and found unchanged. */
  partsAssessed: number;
  partsUnchanged: number;
}

/** A catalog entity as the scan sees it. */
export interface ScannedEntity {
  entity: Entity;
  ref: string;
  selector: EntityWorkloadSelector;
}

/** Stopped on purpose (the scheduler's abort): how far the run got. */
export class ScanStopped extends Error {}
