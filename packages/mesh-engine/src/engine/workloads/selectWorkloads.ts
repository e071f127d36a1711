import { ClusterIndex, narrowestPosting, push } from '../cluster/clusterIndex';
import {
  LabelSelector,
  LabelSelectorObject,
  labelSelectorFromObject,
  matchesLabelSelector,
  parseLabelSelector,
} from '../cluster/labelSelector';
import { memoInSteps, Steps } from '../cluster/steps';
import { listWorkloads, listWorkloadsInSteps } from './listWorkloads';
import { Workload } from './workload';

export interface WorkloadQuery {
  /**
   * The string form (`app=reviews,tier in (web)`, as in Backstage's
   * `backstage.io/kubernetes-label-selector`), an API selector object
   * (`matchLabels`/`matchExpressions`) or an already parsed `LabelSelector`.
   */
  labelSelector?: string | LabelSelectorObject | LabelSelector;
  namespace?: string;
}

interface WorkloadLookup {
  byLabel: Map<string, Workload[]>;
  byNamespace: Map<string, Workload[]>;
}

/**
 * Workloads matching a query. A workload matches when its own labels or its
 * pod-template labels satisfy the selector: Backstage's Kubernetes plugin
 * applies the selector to each object's own labels, and pods carry the
 * template labels. Throws `LabelSelectorSyntaxError` for a malformed string.
 */
export function selectWorkloads(
  index: ClusterIndex,
  query: WorkloadQuery = {},
): Workload[] {
  const lookup = workloadLookup(index);
  const selector = toLabelSelector(query.labelSelector);
  const { namespace } = query;
  const candidates =
    (selector && narrowestPosting(selector, lookup.byLabel)) ??
    (namespace === undefined
      ? listWorkloads(index)
      : lookup.byNamespace.get(namespace) ?? []);
  return candidates.filter(
    workload =>
      (namespace === undefined || workload.namespace === namespace) &&
      (!selector ||
        matchesLabelSelector(selector, workload.labels) ||
        matchesLabelSelector(selector, workload.template.labels)),
  );
}

/**
 * Builds what `selectWorkloads` needs (the workloads and their label index)
 * now rather than at the first query, e.g. right after a cluster is read.
 */
export function prepareWorkloadSelection(index: ClusterIndex): void {
  workloadLookup(index);
}

/**
 * `prepareWorkloadSelection` in steps (see `Steps`): the workloads are built
 * a controller or pod at a time, so a server prepares a cluster of
 * thousands of pods between requests.
 */
export function* prepareWorkloadSelectionInSteps(
  index: ClusterIndex,
): Steps<void> {
  yield* memoisedLookup(index).steps();
}

function workloadLookup(index: ClusterIndex): WorkloadLookup {
  return memoisedLookup(index).value();
}

function memoisedLookup(index: ClusterIndex) {
  return memoInSteps(index, 'engine:workload-lookup', () => buildLookup(index));
}

/** Workloads added to the lookup between two steps. */
const WORKLOADS_PER_STEP = 64;

function toLabelSelector(
  value: WorkloadQuery['labelSelector'],
): LabelSelector | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return parseLabelSelector(value);
  if ('requirements' in value) return value;
  return labelSelectorFromObject(value);
}

function* buildLookup(index: ClusterIndex): Steps<WorkloadLookup> {
  const byLabel = new Map<string, Workload[]>();
  const byNamespace = new Map<string, Workload[]>();
  const workloads = yield* listWorkloadsInSteps(index);
  for (let at = 0; at < workloads.length; at++) {
    const workload = workloads[at];
    push(byNamespace, workload.namespace, workload);
    const pairs = new Set<string>();
    for (const labels of [workload.labels, workload.template.labels]) {
      for (const [key, value] of Object.entries(labels))
        pairs.add(`${key}=${value}`);
    }
    for (const pair of pairs) push(byLabel, pair, workload);
    if ((at + 1) % WORKLOADS_PER_STEP === 0) yield;
  }
  return { byLabel, byNamespace };
}
