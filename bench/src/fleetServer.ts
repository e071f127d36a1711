/**
 * Child process: generates the fleet of a size and serves each cluster from
 * its own loopback Kubernetes-API-shaped server (the backend tests'
 * `FakeKubernetesApi`: real HTTP, discovery, pagination, label and field
 * selectors, items without apiVersion and kind).
 *
 * Parent protocol (IPC): it sends `{ type: 'ready', clusters, token, fleet }`
 * once listening; it answers `{ type: 'counters' }` with the requests and
 * bytes served so far; `{ type: 'stop' }` ends it.
 */
import { FakeKubernetesApi } from '../../plugins/service-mesh-backend/src/__testUtils__/fakeKubernetesApi';
import { clusterObjects, describeFleet, FleetSpec, planFleet } from './fleet';

export const FLEET_TOKEN = 'meshwise-bench-reader-token';

export interface FleetReady {
  type: 'ready';
  token: string;
  clusters: { name: string; url: string }[];
  fleet: ReturnType<typeof describeFleet> & { generateMs: number };
}

async function main() {
  const spec = JSON.parse(process.argv[2]) as FleetSpec;
  const started = Date.now();
  const plan = planFleet(spec);
  const objectsByCluster = new Map(
    plan.clusterNames.map(name => [name, clusterObjects(plan, name)]),
  );
  const apis: { name: string; api: FakeKubernetesApi }[] = [];
  for (const [name, objects] of objectsByCluster) {
    const api = await new FakeKubernetesApi({
      token: FLEET_TOKEN,
      objects,
      recordRequests: false,
    }).start();
    // Index and serialise now, not during the first measurement.
    await fetch(`${api.url}/api/v1/namespaces?limit=1`, {
      headers: { authorization: `Bearer ${FLEET_TOKEN}` },
    }).then(r => r.text());
    apis.push({ name, api });
  }
  const fleet = {
    ...describeFleet(plan, objectsByCluster),
    generateMs: Date.now() - started,
  };
  const counters = () => {
    const total = { requests: 0, bytes: 0 };
    for (const { api } of apis) {
      total.requests += api.counters.requests;
      total.bytes += api.counters.bytes;
    }
    return total;
  };
  const warmup = counters();
  process.on('message', async (message: { type: string }) => {
    if (message.type === 'counters') {
      const now = counters();
      process.send!({
        type: 'counters',
        requests: now.requests - warmup.requests,
        bytes: now.bytes - warmup.bytes,
      });
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
