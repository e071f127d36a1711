import {
  AdoptionStage,
  DetectedMesh,
  MESH_IDS,
  SCORECARD_SORT_FIELDS,
  ScorecardQuery,
  ScorecardSortField,
} from '@meshwise/backstage-plugin-service-mesh-common';
import { STAGE_ORDER } from '../common/StageChip';

/**
 * The Scorecard keeps its view in the query string, so a reload or a shared
 * link opens the same view. Example:
 *
 *   ?owner=group:default/data-team&stage=blocked&stage=ready&mesh=none
 *   &q=cart&sort=score&order=desc&page=2&pageSize=50
 *
 * Lists are repeated keys, as in the API (an entity ref may hold a comma).
 * Defaults are left out. Invalid values are dropped, never reported: a
 * stale or hand-edited link still opens.
 */

export interface ScorecardFilterState {
  owner: string[];
  system: string[];
  stage: AdoptionStage[];
  /** Mesh ids, or `none`. */
  mesh: DetectedMesh[];
  q: string;
  sort: ScorecardSortField;
  order: 'asc' | 'desc';
}

export interface ScorecardViewState {
  filters: ScorecardFilterState;
  /** Zero-based; one-based in the URL. */
  page: number;
  pageSize: number;
}

export const INITIAL_FILTERS: ScorecardFilterState = {
  owner: [],
  system: [],
  stage: [],
  mesh: [],
  q: '',
  sort: 'name',
  order: 'asc',
};

export const PAGE_SIZES: readonly number[] = [20, 50, 100];

export const INITIAL_VIEW: ScorecardViewState = {
  filters: INITIAL_FILTERS,
  page: 0,
  pageSize: PAGE_SIZES[0],
};

/** The mesh filter's values: no mesh, or a mesh id. */
export const MESH_FILTER_VALUES: readonly DetectedMesh[] = [
  'none',
  ...MESH_IDS,
];

/** The backend's limit on the text search. */
export const SEARCH_MAX_LENGTH = 200;

/** Query keys this module owns; other keys are kept as they are. */
export const SCORECARD_URL_KEYS = {
  owner: 'owner',
  system: 'system',
  stage: 'stage',
  mesh: 'mesh',
  q: 'q',
  sort: 'sort',
  order: 'order',
  page: 'page',
  pageSize: 'pageSize',
} as const;

const ORDERS = ['asc', 'desc'] as const;

// The backend refuses NUL; no control character belongs in a ref or search.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

/** Non-empty values without control characters, first occurrence kept. */
function textList(params: URLSearchParams, key: string): string[] {
  const values = params
    .getAll(key)
    .map(value => value.trim())
    .filter(value => value.length > 0 && !CONTROL_CHARACTER.test(value));
  return [...new Set(values)];
}

/** The values among `known`, in the URL's order, without duplicates. */
function knownList<T extends string>(
  params: URLSearchParams,
  key: string,
  known: readonly T[],
): T[] {
  return textList(params, key).filter((value): value is T =>
    (known as readonly string[]).includes(value),
  );
}

function oneOf<T extends string>(
  value: string | null,
  known: readonly T[],
  fallback: T,
): T {
  return known.find(candidate => candidate === value) ?? fallback;
}

/** A positive integer written in decimal digits, or undefined. */
function positiveInteger(value: string | null): number | undefined {
  if (value === null || !/^\d{1,6}$/.test(value)) return undefined;
  const number = Number(value);
  return number >= 1 ? number : undefined;
}

/** Reads the view from a query string; anything invalid is the default. */
export function parseScorecardUrlState(
  params: URLSearchParams,
): ScorecardViewState {
  const keys = SCORECARD_URL_KEYS;
  const q = params.get(keys.q) ?? '';
  const pageSize = positiveInteger(params.get(keys.pageSize));
  return {
    filters: {
      owner: textList(params, keys.owner),
      system: textList(params, keys.system),
      stage: knownList(params, keys.stage, STAGE_ORDER),
      mesh: knownList(params, keys.mesh, MESH_FILTER_VALUES),
      q:
        q.length <= SEARCH_MAX_LENGTH && !CONTROL_CHARACTER.test(q)
          ? q
          : INITIAL_FILTERS.q,
      sort: oneOf(params.get(keys.sort), SCORECARD_SORT_FIELDS, 'name'),
      order: oneOf(params.get(keys.order), ORDERS, 'asc'),
    },
    page: (positiveInteger(params.get(keys.page)) ?? 1) - 1,
    pageSize:
      pageSize !== undefined && PAGE_SIZES.includes(pageSize)
        ? pageSize
        : INITIAL_VIEW.pageSize,
  };
}

/**
 * Writes the view into a copy of `current`, leaving its other keys alone;
 * defaults are left out so that the plain view keeps a plain URL.
 */
export function writeScorecardUrlState(
  view: ScorecardViewState,
  current: URLSearchParams = new URLSearchParams(),
): URLSearchParams {
  const keys = SCORECARD_URL_KEYS;
  const next = new URLSearchParams(current);
  Object.values(keys).forEach(key => next.delete(key));
  const { filters } = view;
  filters.owner.forEach(owner => next.append(keys.owner, owner));
  filters.system.forEach(system => next.append(keys.system, system));
  filters.stage.forEach(stage => next.append(keys.stage, stage));
  filters.mesh.forEach(mesh => next.append(keys.mesh, mesh));
  if (filters.q) next.set(keys.q, filters.q);
  if (filters.sort !== INITIAL_FILTERS.sort) next.set(keys.sort, filters.sort);
  if (filters.order !== INITIAL_FILTERS.order) {
    next.set(keys.order, filters.order);
  }
  if (view.page > 0) next.set(keys.page, String(view.page + 1));
  if (view.pageSize !== INITIAL_VIEW.pageSize) {
    next.set(keys.pageSize, String(view.pageSize));
  }
  return next;
}

/** The API query of a filter state, without paging. */
export function scorecardQueryOf(
  filters: ScorecardFilterState,
): ScorecardQuery {
  const query: ScorecardQuery = { sort: filters.sort, order: filters.order };
  if (filters.owner.length) query.owner = filters.owner;
  if (filters.system.length) query.system = filters.system;
  if (filters.stage.length) query.stage = filters.stage;
  if (filters.mesh.length) query.mesh = filters.mesh;
  if (filters.q.trim()) query.q = filters.q.trim();
  return query;
}

/** The last page that has rows, zero-based. */
export function lastPageOf(totalCount: number, pageSize: number): number {
  return Math.max(0, Math.ceil(totalCount / pageSize) - 1);
}
