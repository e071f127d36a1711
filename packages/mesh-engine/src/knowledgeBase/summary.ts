import { SUPPORT_VALUES } from '@meshwise/backstage-plugin-service-mesh-common';
import {
  type MeshKnowledgeBase,
  type SupportValue,
} from '@meshwise/backstage-plugin-service-mesh-common';

export interface KnowledgeBaseSummary {
  entries: number;
  capabilities: number;
  /** Entry × capability cells. */
  cells: number;
  byValue: Record<SupportValue, number>;
  /** Cells whose source has both a title and a URL. */
  sourcedCells: number;
  overriddenCells: number;
  measurements: number;
  verifiedMeasurements: number;
}

/** Counts for dashboards, docs and tests; pure, so cheap to call per request. */
export function summarizeKnowledgeBase(
  kb: MeshKnowledgeBase,
): KnowledgeBaseSummary {
  const byValue = Object.fromEntries(
    SUPPORT_VALUES.map(value => [value, 0]),
  ) as Record<SupportValue, number>;
  let cells = 0;
  let sourcedCells = 0;
  let overriddenCells = 0;
  let measurements = 0;
  let verifiedMeasurements = 0;

  for (const entry of kb.entries) {
    for (const cell of Object.values(entry.capabilities)) {
      cells += 1;
      byValue[cell.value] += 1;
      if (cell.source.title.trim() && cell.source.url.trim()) {
        sourcedCells += 1;
      }
      if (cell.overridden) {
        overriddenCells += 1;
      }
    }
    measurements += entry.overhead.length;
    verifiedMeasurements += entry.overhead.filter(m => m.verified).length;
  }

  return {
    entries: kb.entries.length,
    capabilities: kb.capabilities.length,
    cells,
    byValue,
    sourcedCells,
    overriddenCells,
    measurements,
    verifiedMeasurements,
  };
}
