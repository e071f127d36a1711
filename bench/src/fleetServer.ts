/**
 * Child process: generates the fleet of a size and serves each cluster from
 * its own loopback Kubernetes-API-shaped server (the backend tests'
 * `FakeKubernetesApi`: real HTTP, discovery, pagination, label and field
 * selectors, items without apiVersion and kind).
 *
 * Parent protocol (IPC): it sends `{ type: 'ready', clusters, token, fleet }`
 * once listening; it answers `{ type: 'counters' }` with the requests and
 * bytes served so far (`FleetCounters`); it answers `{ type: 'touch' }` by
 * changing one pod in each cluster (`withRestart`) and sending
 * `{ type: 'touched', objects }`, the number changed; `{ type: 'stop' }`
 * ends it.
 */
import type { KubeObject } from '@meshwise/mesh-engine';
import { FakeKubernetesApi } from '../../plugins/service-mesh-backend/src/__testUtils__/fakeKubernetesApi';
import { clusterObjects, describeFleet, FleetSpec, planFleet } from './fleet';

export const FLEET_TOKEN = 'meshwise-bench-reader-token';

export interface FleetReady {
  type: 'ready';
  token: string;
  clusters: { name: string; url: string }[];
  fleet: ReturnType<typeof describeFleet> & { generateMs: number };
}

/** Requests answered and response bytes sent by every cluster's server. */
export interface FleetCounters {
  requests: number;
  bytes: number;
}

export interface FleetTouched {
  type: 'touched';
  /** The objects changed: one pod in each cluster that has one. */
  objects: number;
}

/**
 * Indexes and serialises a cluster's objects now, not during a measurement;
 * returns what that request added to the server's counters, which are the
 * fleet server's own and not its clients'.
 */
async function warmIndex(api: FakeKubernetesApi): Promise<FleetCounters> {
  const before = { ...api.counters };
  await fetch(`${api.url}/api/v1/namespaces?limit=1`, {
    headers: { authorization: `Bearer ${FLEET_TOKEN}` },
  }).then(r => r.text());
  return {
    requests: api.counters.requests - before.requests,
    bytes: api.counters.bytes - before.bytes,
  };
}

function addTo(total: FleetCounters, more: FleetCounters) {
  total.requests += more.requests;
  total.bytes += more.bytes;
}

/**
 * A copy of a pod whose first container has restarted once more: what a
 * steady cluster changes between two scans. The engine reads no restart
 * count, so the assessments stay those of the unchanged fleet.
 */
function withRestart(pod: KubeObject): KubeObject {
  const copy = structuredClone(pod);
  const status = (copy.status ?? {}) as {
    containerStatuses?: { name?: string; restartCount?: number }[];
  };
  const [first] = status.containerStatuses ?? [];
  if (first) first.restartCount = (first.restartCount ?? 0) + 1;
  else status.containerStatuses = [{ restartCount: 1 }];
  copy.status = status;
  return copy;
}

/**
 * Replaces the first pod of each cluster with `withRestart` of it, in a new
 * objects array: the fake re-indexes on a new array, and gives the pod a new
 * resourceVersion. The same pods every time, so the fleet stays
 * deterministic.
 */
async function touchFleet(
  apis: { api: FakeKubernetesApi }[],
  own: FleetCounters,
) {
  let touched = 0;
  for (const { api } of apis) {
    const objects = api.options.objects;
    const at = objects.findIndex(o => o.kind === 'Pod');
    if (at < 0) continue;
    const changed = [...objects];
    changed[at] = withRestart(objects[at]);
    api.options.objects = changed;
    addTo(own, await warmIndex(api));
    touched += 1;
  }
  return touched;
}

async function main() {
  const spec = JSON.parse(process.argv[2]) as FleetSpec;
  const started = Date.now();
  const plan = planFleet(spec);
  const objectsByCluster = new Map(
    plan.clusterNames.map(name => [name, clusterObjects(plan, name)]),
  );
  const apis: { name: string; api: FakeKubernetesApi }[] = [];
  /** The warm-up requests: not counted as served. */
  const own: FleetCounters = { requests: 0, bytes: 0 };
  for (const [name, objects] of objectsByCluster) {
    const api = await new FakeKubernetesApi({
      token: FLEET_TOKEN,
      objects,
      recordRequests: false,
    }).start();
    addTo(own, await warmIndex(api));
    apis.push({ name, api });
  }
  const fleet = {
    ...describeFleet(plan, objectsByCluster),
    generateMs: Date.now() - started,
  };
  const served = (): FleetCounters => {
    const total = { requests: -own.requests, bytes: -own.bytes };
    for (const { api } of apis) addTo(total, api.counters);
    return total;
  };
  process.on('message', async (message: { type: string }) => {
    if (message.type === 'counters') {
      process.send!({ type: 'counters', ...served() });
    } else if (message.type === 'touch') {
      const touched: FleetTouched = {
        type: 'touched',
        objects: await touchFleet(apis, own),
      };
      process.send!(touched);
    } else if (message.type === 'stop') {
      await Promise.all(apis.map(({ api }) => api.stop()));
      process.exit(0);
    }
  });
  process.on('disconnect', () => process.exit(0));
  const ready: FleetReady = {
    type: 'ready',
    token: FLEET_TOKEN,
    clusters: apis.map(({ name, api }) => ({ name, url: api.url })),
    fleet,
  };
  process.send!(ready);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
