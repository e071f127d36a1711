import {
  CAPABILITY_IDS,
  ENTRY_ID_PATTERN,
  PLATFORM_IDS,
  REQUIREMENT_CRITERION_IDS,
  type CapabilityId,
  type MeshRequirements,
  type MeshPlatform,
  type RequirementCriterion,
} from '@meshwise/backstage-plugin-service-mesh-common';

/**
 * The Comparison tab keeps its requirements in the query string, so a
 * reload or a shared link restores the form. Example:
 *
 *   ?platform=ecs,kubernetes&must=mirroring&nice=retries&cp=managed
 *   &lowOverhead=1&oss=1&exp=linkerd&w.mustHave=5&compare=linkerd,cilium
 *
 * Lists may be comma-separated or repeated (`must=a&must=b`). Values that
 * are not valid are dropped, never reported: a stale link still opens.
 */

export type ControlPlanePreference = 'managed' | 'self-hosted' | 'any';

/** The form's state: every field present, lists in catalogue order. */
export interface RequirementsState {
  platforms: MeshPlatform[];
  mustHave: CapabilityId[];
  niceToHave: CapabilityId[];
  controlPlane: ControlPlanePreference;
  lowOverhead: boolean;
  openSourceLicense: boolean;
  experience: string[];
  /** Only the weights the user changed; the rest use the defaults. */
  weights: Partial<Record<RequirementCriterion, number>>;
}

export const EMPTY_REQUIREMENTS: RequirementsState = {
  platforms: [],
  mustHave: [],
  niceToHave: [],
  controlPlane: 'any',
  lowOverhead: false,
  openSourceLicense: false,
  experience: [],
  weights: {},
};

/** Query keys this module owns; others (e.g. `compare`) are left alone. */
export const REQUIREMENT_KEYS = {
  platforms: 'platform',
  mustHave: 'must',
  niceToHave: 'nice',
  controlPlane: 'cp',
  lowOverhead: 'lowOverhead',
  openSourceLicense: 'oss',
  experience: 'exp',
} as const;

export const WEIGHT_KEY_PREFIX = 'w.';
export const COMPARE_KEY = 'compare';

const CONTROL_PLANES: readonly ControlPlanePreference[] = [
  'managed',
  'self-hosted',
  'any',
];

function listValues(params: URLSearchParams, key: string): string[] {
  return params
    .getAll(key)
    .flatMap(value => value.split(','))
    .map(value => value.trim())
    .filter(value => value.length > 0);
}

/** Keeps the known values, de-duplicated, in the order of `order`. */
function inOrder<T extends string>(values: string[], order: readonly T[]): T[] {
  return order.filter(value => values.includes(value));
}

function flag(params: URLSearchParams, key: string): boolean {
  const value = params.get(key);
  return value === '1' || value === 'true';
}

/**
 * Reads the requirements from a query string. `knownEntryIds`, when given,
 * limits team experience to entries of the knowledge base.
 */
export function parseRequirementsQuery(
  params: URLSearchParams,
  knownEntryIds?: readonly string[],
): RequirementsState {
  const mustHave = inOrder(
    listValues(params, REQUIREMENT_KEYS.mustHave),
    CAPABILITY_IDS,
  );
  const niceToHave = inOrder(
    listValues(params, REQUIREMENT_KEYS.niceToHave),
    CAPABILITY_IDS,
  ).filter(id => !mustHave.includes(id));

  const cp = params.get(REQUIREMENT_KEYS.controlPlane);
  const controlPlane = CONTROL_PLANES.find(value => value === cp) ?? 'any';

  const experience = [
    ...new Set(listValues(params, REQUIREMENT_KEYS.experience)),
  ]
    .filter(id => ENTRY_ID_PATTERN.test(id))
    .filter(id => !knownEntryIds || knownEntryIds.includes(id))
    .sort();

  const weights: RequirementsState['weights'] = {};
  for (const criterion of REQUIREMENT_CRITERION_IDS) {
    const raw = params.get(`${WEIGHT_KEY_PREFIX}${criterion}`);
    if (raw === null || raw.trim() === '') continue;
    const value = Number(raw);
    if (Number.isFinite(value) && value >= 0 && value <= 10) {
      weights[criterion] = value;
    }
  }

  return {
    platforms: inOrder(
      listValues(params, REQUIREMENT_KEYS.platforms),
      PLATFORM_IDS,
    ),
    mustHave,
    niceToHave,
    controlPlane,
    lowOverhead: flag(params, REQUIREMENT_KEYS.lowOverhead),
    openSourceLicense: flag(params, REQUIREMENT_KEYS.openSourceLicense),
    experience,
    weights,
  };
}

/**
 * Writes the requirements into a copy of `params`, keeping keys this module
 * does not own. Defaults are left out, so an empty form gives a clean URL.
 */
export function writeRequirementsQuery(
  state: RequirementsState,
  params: URLSearchParams = new URLSearchParams(),
): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const key of Object.values(REQUIREMENT_KEYS)) next.delete(key);
  for (const criterion of REQUIREMENT_CRITERION_IDS) {
    next.delete(`${WEIGHT_KEY_PREFIX}${criterion}`);
  }

  const setList = (key: string, values: readonly string[]) => {
    if (values.length > 0) next.set(key, values.join(','));
  };
  setList(REQUIREMENT_KEYS.platforms, state.platforms);
  setList(REQUIREMENT_KEYS.mustHave, state.mustHave);
  setList(
    REQUIREMENT_KEYS.niceToHave,
    state.niceToHave.filter(id => !state.mustHave.includes(id)),
  );
  if (state.controlPlane !== 'any') {
    next.set(REQUIREMENT_KEYS.controlPlane, state.controlPlane);
  }
  if (state.lowOverhead) next.set(REQUIREMENT_KEYS.lowOverhead, '1');
  if (state.openSourceLicense) {
    next.set(REQUIREMENT_KEYS.openSourceLicense, '1');
  }
  setList(REQUIREMENT_KEYS.experience, state.experience);
  for (const criterion of REQUIREMENT_CRITERION_IDS) {
    const weight = state.weights[criterion];
    if (weight !== undefined) {
      next.set(`${WEIGHT_KEY_PREFIX}${criterion}`, String(weight));
    }
  }
  return next;
}

/** The request body for `recommendMeshes`. */
export function toMeshRequirements(state: RequirementsState): MeshRequirements {
  return {
    platforms: state.platforms,
    mustHave: state.mustHave,
    niceToHave: state.niceToHave.filter(id => !state.mustHave.includes(id)),
    preferences: {
      controlPlane: state.controlPlane,
      lowOverhead: state.lowOverhead,
      openSourceLicense: state.openSourceLicense,
      experience: state.experience,
    },
    weights: state.weights,
  };
}

/**
 * The entries to show as matrix columns, from `?compare=`; undefined when
 * the parameter is absent (the caller then shows its default).
 */
export function parseComparedEntries(
  params: URLSearchParams,
  knownEntryIds: readonly string[],
): string[] | undefined {
  if (!params.has(COMPARE_KEY)) return undefined;
  const wanted = listValues(params, COMPARE_KEY);
  return knownEntryIds.filter(id => wanted.includes(id));
}

export function writeComparedEntries(
  entryIds: readonly string[] | undefined,
  params: URLSearchParams,
): URLSearchParams {
  const next = new URLSearchParams(params);
  next.delete(COMPARE_KEY);
  if (entryIds !== undefined) next.set(COMPARE_KEY, entryIds.join(','));
  return next;
}
