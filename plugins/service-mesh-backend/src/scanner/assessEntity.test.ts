import { Entity } from '@backstage/catalog-model';
import {
  buildClusterIndex,
  KubeObject,
  parseManifests,
} from '@meshwise/mesh-engine';
import {
  assessEntity,
  assessEntityParts,
  assessEntityPartsInSlices,
} from './assessEntity';
import { ClusterState } from './ClusterStateCache';

// One unmeshed workload whose app container runs as UID 1337, the UID of
// Istio's proxy: blocking for Istio (sidecar), irrelevant to Linkerd.
const MANIFESTS = `
apiVersion: v1
kind: Namespace
metadata: {name: analytics}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: events-ingest
  namespace: analytics
  labels: {backstage.io/kubernetes-id: events-ingest, app: events-ingest}
spec:
  replicas: 1
  selector: {matchLabels: {app: events-ingest}}
  template:
    metadata:
      labels: {backstage.io/kubernetes-id: events-ingest, app: events-ingest}
    spec:
      containers:
      - name: ingest
        image: acme/events-ingest:4.2.0
        securityContext: {runAsUser: 1337}
        ports: [{containerPort: 8080}]
`;

function clusterState(): ClusterState {
  const { objects } = parseManifests([
    { path: 'demo.yaml', content: MANIFESTS },
  ]);
  return {
    source: {
      name: 'demo',
      type: 'manifests',
      read: () => Promise.reject(new Error('not read in this test')),
    },
    index: buildClusterIndex(objects),
    readAt: new Date('2026-11-22T08:00:00Z'),
  };
}

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'events-ingest',
    annotations: { 'backstage.io/kubernetes-id': 'events-ingest' },
  },
  spec: { type: 'service', owner: 'group:default/analytics' },
};

describe('assessEntity', () => {
  const response = assessEntity(entity, {
    clusters: [clusterState()],
    recommendation: [],
    now: new Date('2026-11-22T08:30:00Z'),
  })!;

  it('answers readiness for every scored target mesh, so the browser only renders', () => {
    const assessment = response.assessment!;
    expect(response.readiness?.map(target => target.mesh)).toEqual(
      assessment.scores.map(score => score.mesh),
    );
    for (const target of response.readiness!) {
      const score = assessment.scores.find(s => s.mesh === target.mesh)!;
      expect(target).toMatchObject(score);
    }
  });

  it('counts a finding only for the meshes it concerns, with its severity there', () => {
    const assessment = response.assessment!;
    const uid = assessment.findings.findIndex(
      finding => finding.checkId === 'MR-UID-1337',
    );
    expect(uid).toBeGreaterThanOrEqual(0);
    const of = (mesh: string) =>
      response.readiness!.find(target => target.mesh === mesh)!;

    expect(of('istio-sidecar').findings).toContainEqual({
      index: uid,
      severity: 'error',
    });
    expect(of('linkerd').findings.map(ref => ref.index)).not.toContain(uid);
    expect(of('linkerd').passedChecks).not.toContain('MR-UID-1337');
    // Every failing `error` finding of a mesh is one of its blocking ones.
    for (const target of response.readiness!) {
      const failingErrors = target.findings.filter(
        ref =>
          ref.severity === 'error' &&
          assessment.findings[ref.index].status === 'fail',
      );
      expect(failingErrors.length > 0).toBe(target.blocking > 0);
    }
  });

  it('names every check of the assessment, without its code', () => {
    const assessment = response.assessment!;
    const named = [
      ...assessment.findings.map(finding => finding.checkId),
      ...assessment.passedChecks,
    ];
    expect(Object.keys(response.checks!).sort()).toEqual(
      [...new Set(named)].sort(),
    );
    expect(response.checks!['MR-UID-1337']).toEqual({
      id: 'MR-UID-1337',
      title: expect.any(String),
      why: expect.any(String),
      category: 'readiness',
    });
    // The stored JSON carries it as it is.
    expect(JSON.parse(JSON.stringify(response)).readiness).toEqual(
      response.readiness,
    );
  });

  it('leaves it out when there is nothing assessed', () => {
    const unconfigured = assessEntity(
      { ...entity, metadata: { name: 'docs' } },
      { clusters: [clusterState()], recommendation: [], now: new Date() },
    )!;
    expect(unconfigured.assessment).toBeNull();
    expect(unconfigured.readiness).toBeUndefined();
  });
});

describe('assessEntityPartsInSlices', () => {
  const WORKERS = 40;
  /** A cluster of `WORKERS` Deployments of two pods each, one entity selecting them all. */
  function workers(cluster: string): ClusterState {
    const objects: KubeObject[] = [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'batch' } },
    ];
    for (let i = 0; i < WORKERS; i++) {
      const name = `worker-${i}`;
      const labels = { app: name, 'app.kubernetes.io/part-of': 'batch' };
      objects.push({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name, namespace: 'batch', labels },
        spec: {
          selector: { matchLabels: { app: name } },
          template: {
            metadata: { labels },
            spec: { containers: [{ name: 'app', image: 'acme/worker:1' }] },
          },
        },
      });
      for (const pod of [0, 1]) {
        objects.push({
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: `${name}-${pod}`, namespace: 'batch', labels },
          spec: { containers: [{ name: 'app', image: 'acme/worker:1' }] },
          status: { phase: 'Running' },
        });
      }
    }
    return {
      source: {
        name: cluster,
        type: 'manifests',
        read: () => Promise.reject(new Error('not read in this test')),
      },
      index: buildClusterIndex(objects),
      readAt: new Date('2026-11-22T08:00:00Z'),
    };
  }
  const batch: Entity = {
    ...entity,
    metadata: {
      name: 'batch',
      annotations: {
        'backstage.io/kubernetes-label-selector':
          'app.kubernetes.io/part-of=batch',
      },
    },
  };

  it('pauses after every workload and builds released workloads in slices, with the result of assessEntityParts', async () => {
    const clusters = [workers('eu'), workers('us')];
    const context = {
      clusters,
      recommendation: [],
      now: new Date('2026-11-22T08:30:00Z'),
    };
    const whole = assessEntityParts(batch, context)!;
    expect(whole.response.assessment?.coverage.totalWorkloads).toBe(
      2 * WORKERS,
    );

    let pauses = 0;
    const pause = async () => {
      pauses++;
    };
    const sliced = await assessEntityPartsInSlices(batch, context, pause);
    expect(sliced).toEqual(whole);
    expect(pauses).toBeGreaterThanOrEqual(2 * WORKERS);

    // After a scan released the workloads, they are built again in slices
    // too: a pause at least per pod.
    clusters.forEach(state => state.index!.clearMemos());
    pauses = 0;
    await assessEntityPartsInSlices(batch, context, pause);
    expect(pauses).toBeGreaterThanOrEqual(2 * (WORKERS + 2 * WORKERS));
  });
});
