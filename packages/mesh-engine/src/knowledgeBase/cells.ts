import {
  CAPABILITY_IDS,
  type CapabilityId,
} from '@meshwise/backstage-plugin-service-mesh-common';
import type {
  KnowledgeCell,
  KnowledgeFact,
  KnowledgeSource,
  SupportValue,
} from '@meshwise/backstage-plugin-service-mesh-common';

/** The date of the research the built-in data comes from. */
export const RESEARCH_CHECKED_ON = '2026-11-22';

/** The day issue 12's corrections were read from their sources. */
export const ISSUE_12_CHECKED_ON = '2026-12-02';

/** A cell or fact whose source was read on another day than the research's. */
export function readOn<T extends { checkedOn: string }>(
  item: T,
  checkedOn: string,
): T {
  return { ...item, checkedOn };
}

/** Note used for rows the research matrix does not have at all. */
export const NOT_IN_RESEARCH = 'Not covered by the research; not verified.';

function cell(
  value: SupportValue,
  note: string,
  source: KnowledgeSource,
): KnowledgeCell {
  return { value, note, source, checkedOn: RESEARCH_CHECKED_ON };
}

export const supported = (note: string, source: KnowledgeSource) =>
  cell('supported', note, source);

export const partial = (note: string, source: KnowledgeSource) =>
  cell('partial', note, source);

export const notSupported = (note: string, source: KnowledgeSource) =>
  cell('not-supported', note, source);

/**
 * A cell the research marked "?" or did not cover. The source is where the
 * claim can be verified, not proof of it.
 */
export const unknown = (note: string, source: KnowledgeSource) =>
  cell('unknown', note, source);

export function fact<T>(
  value: T,
  note: string,
  source: KnowledgeSource,
): KnowledgeFact<T> {
  return { value, note, source, checkedOn: RESEARCH_CHECKED_ON };
}

/**
 * Every capability row as `unknown`, for entries the research covers only
 * in part; the caller then sets the rows the research does state.
 */
export function allUnknown(
  note: string,
  source: KnowledgeSource,
): Record<CapabilityId, KnowledgeCell> {
  return Object.fromEntries(
    CAPABILITY_IDS.map(id => [id, unknown(note, source)]),
  ) as Record<CapabilityId, KnowledgeCell>;
}
