import { Entity } from '@backstage/catalog-model';
import {
  assessWorkload,
  buildClusterIndex,
  ClusterIndex,
  groupKindOfObject,
  KubeObject,
  listWorkloads,
  loadMeshKnowledgeBase,
  runSteps,
  Workload,
} from '@meshwise/mesh-engine';
import { demoObjects } from '../__testUtils__/demoCluster';
import { clusterObjects, serviceEntity } from '../__testUtils__/scanFixtures';
import {
  candidateNamespaces,
  ClusterFingerprints,
  clusterFingerprintsInSteps,
  entityConfigFingerprint,
  isNamespaceLocal,
  parseClusterFingerprints,
  partFingerprint,
  scannerFingerprint,
  serializeClusterFingerprints,
  workloadInputsDigest,
  workloadPartFingerprint,
} from './inputFingerprints';

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value));

function fingerprintsOf(objects: KubeObject[]): {
  index: ClusterIndex;
  fingerprints: ClusterFingerprints;
} {
  const index = buildClusterIndex(copy(objects));
  return { index, fingerprints: runSteps(clusterFingerprintsInSteps(index)) };
}

/** The objects with `change` applied to those `which` selects (copies). */
function changed(
  objects: KubeObject[],
  which: (object: KubeObject) => boolean,
  change: (object: KubeObject) => KubeObject,
): KubeObject[] {
  return objects.map(object => (which(object) ? change(copy(object)) : object));
}

const named =
  (kind: string, name: string, namespace?: string) => (o: KubeObject) =>
    o.kind === kind &&
    o.metadata.name === name &&
    (namespace === undefined || o.metadata.namespace === namespace);

/** What a workload's assessment says, without the objects it was made of. */
function resultOf(workload: Workload, index: ClusterIndex) {
  const { detection, results } = assessWorkload(workload, index);
  return JSON.stringify({ detection, results });
}

function resultsByWorkload(index: ClusterIndex): Map<string, string> {
  return new Map(listWorkloads(index).map(w => [w.id, resultOf(w, index)]));
}

describe('clusterFingerprintsInSteps', () => {
  const objects = clusterObjects();
  const before = fingerprintsOf(objects).fingerprints;

  it('is the same for the same objects, read again', () => {
    const again = fingerprintsOf(objects).fingerprints;
    expect(again.global).toBe(before.global);
    expect(again.namespaces).toEqual(before.namespaces);
    expect([...before.namespaces.keys()].sort()).toEqual([
      'backoffice',
      'shop',
    ]);
  });

  it("changes a namespace's fingerprint, and nothing else, when a pod's labels change", () => {
    const after = fingerprintsOf(
      changed(objects, named('Pod', 'cart-7d9f-abcde'), pod => ({
        ...pod,
        metadata: {
          ...pod.metadata,
          labels: { ...pod.metadata.labels, version: 'v2' },
        },
      })),
    ).fingerprints;
    expect(after.namespaces.get('shop')).not.toBe(
      before.namespaces.get('shop'),
    );
    expect(after.namespaces.get('backoffice')).toBe(
      before.namespaces.get('backoffice'),
    );
    expect(after.global).toBe(before.global);
  });

  it.each([
    [
      'an annotation of a Deployment',
      named('Deployment', 'orders'),
      (o: KubeObject) => ({
        ...o,
        metadata: { ...o.metadata, annotations: { team: 'b' } },
      }),
      'backoffice',
    ],
    [
      'the pod template of a Deployment',
      named('Deployment', 'billing'),
      (o: KubeObject) => {
        (o.spec as any).template.spec.containers[0].image = 'acme/app:2';
        return o;
      },
      'backoffice',
    ],
    [
      'the ports of a Service',
      named('Service', 'cart'),
      (o: KubeObject) => {
        (o.spec as any).ports[0].name = 'tcp';
        return o;
      },
      'shop',
    ],
    [
      'the labels of a Namespace',
      named('Namespace', 'shop'),
      (o: KubeObject) => ({ ...o, metadata: { ...o.metadata, labels: {} } }),
      'shop',
    ],
  ])('changes the namespace when %s changes', (_what, which, change, ns) => {
    const after = fingerprintsOf(changed(objects, which, change)).fingerprints;
    expect(after.namespaces.get(ns)).not.toBe(before.namespaces.get(ns));
    expect(after.global).toBe(before.global);
  });

  it('changes the global fingerprint, and no namespace, when a PeerAuthentication changes', () => {
    const after = fingerprintsOf(
      changed(objects, named('PeerAuthentication', 'default'), o => ({
        ...o,
        spec: { mtls: { mode: 'PERMISSIVE' } },
      })),
    ).fingerprints;
    expect(after.global).not.toBe(before.global);
    expect(after.namespaces).toEqual(before.namespaces);
  });

  it('changes the global fingerprint when a kind could not be listed', () => {
    const index = buildClusterIndex(copy(objects), {
      unreadableKinds: ['PeerAuthentication.security.istio.io'],
    });
    const after = runSteps(clusterFingerprintsInSteps(index));
    expect(after.global).not.toBe(before.global);
  });

  it('ignores what the engine never reads: a new resourceVersion', () => {
    for (const cluster of [objects, demoObjects()]) {
      const was = fingerprintsOf(cluster).fingerprints;
      const now = fingerprintsOf(
        cluster.map(o => ({
          ...o,
          metadata: { ...o.metadata, resourceVersion: '4711' },
        })),
      ).fingerprints;
      expect(now.global).toBe(was.global);
      expect(now.namespaces).toEqual(was.namespaces);
    }
  });

  it("changes the global fingerprint when the control plane's version changes", () => {
    const demo = demoObjects();
    const istiod = named('Deployment', 'istiod', 'istio-system');
    expect(demo.some(istiod)).toBe(true);
    const { fingerprints: was } = fingerprintsOf(demo);
    const { fingerprints: now } = fingerprintsOf(
      changed(demo, istiod, o => {
        (o.spec as any).template.spec.containers[0].image =
          'docker.io/istio/pilot:1.99.0';
        return o;
      }),
    );
    expect(now.global).not.toBe(was.global);
  });
});

describe('scannerFingerprint', () => {
  const knowledgeBase = loadMeshKnowledgeBase(undefined);
  const base = {
    targetMesh: 'istio-sidecar' as const,
    recommendation: [],
    knowledgeBase,
    version: '1.0.0',
  };

  it('changes with the target mesh, the knowledge base, the recommendation and the version', () => {
    const fingerprint = scannerFingerprint(base);
    expect(scannerFingerprint({ ...base })).toBe(fingerprint);
    for (const other of [
      { ...base, targetMesh: 'linkerd' as const },
      { ...base, targetMesh: undefined },
      { ...base, version: '1.0.1' },
      {
        ...base,
        knowledgeBase: loadMeshKnowledgeBase({
          overrides: [
            {
              mesh: 'linkerd',
              capability: 'mirroring',
              value: 'supported',
              note: 'Our vendor distribution ships it',
              source: { title: 'ADR 12', url: 'https://wiki.example.com/12' },
              checkedOn: '2026-11-20',
            },
          ],
        }),
      },
      {
        ...base,
        recommendation: [
          {
            id: 'linkerd',
            name: 'Linkerd',
            rank: 1,
            total: 80,
            standing: 'active',
            reasons: [],
          } as any,
        ],
      },
    ]) {
      expect(scannerFingerprint(other)).not.toBe(fingerprint);
    }
  });

  it("changes with the engine's version", () => {
    const fingerprint = scannerFingerprint(base);
    let other: string | undefined;
    jest.isolateModules(() => {
      jest.doMock('@meshwise/mesh-engine', () => ({
        ...jest.requireActual('@meshwise/mesh-engine'),
        ENGINE_VERSION: '99.0.0',
      }));
      // eslint-disable-next-line @typescript-eslint/no-var-requires
      const isolated = require('./inputFingerprints');
      other = isolated.scannerFingerprint(base);
    });
    jest.dontMock('@meshwise/mesh-engine');
    expect(other).toBeDefined();
    expect(other).not.toBe(fingerprint);
  });
});

describe('entityConfigFingerprint', () => {
  const entity = serviceEntity('cart', {
    id: 'cart',
    owner: 'group:default/shop',
    system: 'shop',
  });
  const fingerprint = entityConfigFingerprint(entity);
  const withAnnotation = (key: string, value: string): Entity => ({
    ...entity,
    metadata: {
      ...entity.metadata,
      annotations: { ...entity.metadata.annotations, [key]: value },
    },
  });

  it('changes with what the scanner reads of the entity', () => {
    for (const other of [
      withAnnotation('backstage.io/kubernetes-id', 'cart-v2'),
      withAnnotation('backstage.io/kubernetes-label-selector', 'app=cart'),
      withAnnotation('backstage.io/kubernetes-namespace', 'shop'),
      withAnnotation('backstage.io/kubernetes-cluster', 'prod'),
      serviceEntity('cart', {
        id: 'cart',
        owner: 'group:default/other',
        system: 'shop',
      }),
      serviceEntity('cart', {
        id: 'cart',
        owner: 'group:default/shop',
        system: 'checkout',
      }),
      { ...entity, metadata: { ...entity.metadata, title: 'Cart' } },
      { ...entity, spec: { ...entity.spec, lifecycle: 'deprecated' } },
      {
        ...entity,
        relations: [{ type: 'ownedBy', targetRef: 'group:default/platform' }],
      },
    ]) {
      expect(entityConfigFingerprint(other)).not.toBe(fingerprint);
    }
  });

  it('ignores what it does not read', () => {
    for (const other of [
      {
        ...entity,
        metadata: {
          ...entity.metadata,
          description: 'The cart',
          tags: ['java'],
          links: [{ url: 'https://example.com' }],
        },
      },
      withAnnotation('github.com/project-slug', 'acme/cart'),
    ]) {
      expect(entityConfigFingerprint(other)).toBe(fingerprint);
    }
  });
});

describe('partFingerprint and workloadPartFingerprint', () => {
  const objects = clusterObjects();
  const of = (
    objects_: KubeObject[],
    labelSelector: string,
    namespace?: string,
  ) => {
    const { index, fingerprints } = fingerprintsOf(objects_);
    const options = {
      scanner: 's',
      cluster: 'prod',
      index,
      fingerprints,
      labelSelector,
      namespace,
    };
    return {
      byNamespace: partFingerprint(options),
      byWorkload: workloadPartFingerprint(options),
    };
  };
  const orders = 'backstage.io/kubernetes-id=orders';
  const before = of(objects, orders);

  it('is undefined where nothing is selected, whatever else the cluster holds', () => {
    expect(of(objects, 'backstage.io/kubernetes-id=ghost')).toEqual({
      byNamespace: undefined,
      byWorkload: undefined,
    });
    expect(of(objects, orders, 'shop')).toEqual({
      byNamespace: undefined,
      byWorkload: undefined,
    });
    expect(before.byNamespace).toBeDefined();
    expect(before.byWorkload).toBeDefined();
  });

  it('changes by namespace, but not by workload, when another service of the namespace changes', () => {
    const after = of(
      changed(objects, named('Deployment', 'billing'), o => {
        (o.spec as any).template.spec.containers[0].image = 'acme/app:2';
        return o;
      }),
      orders,
    );
    expect(after.byNamespace).not.toBe(before.byNamespace);
    expect(after.byWorkload).toBe(before.byWorkload);
  });

  it('changes at both levels when its own workload changes, or its namespace gets a Service', () => {
    const own = of(
      changed(objects, named('Deployment', 'orders'), o => ({
        ...o,
        metadata: { ...o.metadata, annotations: { note: 'x' } },
      })),
      orders,
    );
    expect(own.byNamespace).not.toBe(before.byNamespace);
    expect(own.byWorkload).not.toBe(before.byWorkload);
    const service = of(
      [
        ...objects,
        {
          apiVersion: 'v1',
          kind: 'Service',
          metadata: { name: 'legacy', namespace: 'backoffice' },
          spec: { type: 'ExternalName', externalName: 'legacy.example.com' },
        },
      ],
      orders,
    );
    expect(service.byNamespace).not.toBe(before.byNamespace);
    expect(service.byWorkload).not.toBe(before.byWorkload);
  });

  it('changes when a workload it selects appears in another namespace, and not for one it does not select', () => {
    const elsewhere = (labels: Record<string, string>): KubeObject[] => [
      ...objects,
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'orders-eu', namespace: 'eu' },
        spec: {
          selector: { matchLabels: { app: 'orders-eu' } },
          template: {
            metadata: { labels: { app: 'orders-eu', ...labels } },
            spec: { containers: [{ name: 'app', image: 'acme/app:1' }] },
          },
        },
      },
    ];
    const selected = of(
      elsewhere({ 'backstage.io/kubernetes-id': 'orders' }),
      orders,
    );
    expect(selected.byNamespace).not.toBe(before.byNamespace);
    expect(selected.byWorkload).not.toBe(before.byWorkload);
    const unselected = of(elsewhere({ team: 'eu' }), orders);
    expect(unselected).toEqual(before);
  });

  it('changes when a mesh policy of any namespace changes', () => {
    const after = of(
      changed(objects, named('PeerAuthentication', 'default'), o => ({
        ...o,
        spec: { mtls: { mode: 'DISABLE' } },
      })),
      orders,
    );
    expect(after.byNamespace).not.toBe(before.byNamespace);
    expect(after.byWorkload).not.toBe(before.byWorkload);
  });

  it('throws on a malformed selector, as the assessment does', () => {
    expect(() => of(objects, 'app in (')).toThrow('Invalid label selector');
  });
});

describe('candidateNamespaces', () => {
  it("includes the namespace of every workload any of its label sets selects (the demo cluster's)", () => {
    const { index, fingerprints } = fingerprintsOf(demoObjects());
    const workloads = listWorkloads(index);
    expect(workloads.length).toBeGreaterThan(20);
    for (const workload of workloads) {
      for (const labels of [workload.labels, workload.template.labels]) {
        const pairs = Object.entries(labels).map(([k, v]) => `${k}=${v}`);
        for (const selector of [...pairs, pairs.join(',')].filter(Boolean)) {
          expect({
            workload: workload.id,
            selector,
            namespaces: candidateNamespaces(fingerprints.labels, selector),
          }).toEqual(
            expect.objectContaining({
              namespaces: expect.arrayContaining([workload.namespace]),
            }),
          );
        }
      }
    }
    // Selectors without an `In` requirement scan every label set.
    expect(
      candidateNamespaces(fingerprints.labels, '!nothing-has-this'),
    ).toEqual([...new Set(workloads.map(w => w.namespace))].sort());
  });
});

describe('serializeClusterFingerprints', () => {
  it('stores what comparing parts needs: the same fingerprints and candidates once parsed, label sets once each', () => {
    const { index, fingerprints } = fingerprintsOf(demoObjects());
    const text = serializeClusterFingerprints(fingerprints);
    const parsed = parseClusterFingerprints(text);
    expect(parsed.global).toBe(fingerprints.global);
    expect(parsed.namespaces).toEqual(fingerprints.namespaces);
    const selectors = [
      '!nothing-has-this',
      'app=payments-api',
      'app in (cart-api, payments-api),version',
      ...listWorkloads(index).map(w =>
        Object.entries(w.template.labels)
          .map(([k, v]) => `${k}=${v}`)
          .join(','),
      ),
    ].filter(Boolean);
    for (const labelSelector of selectors) {
      const part = (f: ClusterFingerprints) =>
        partFingerprint({
          scanner: 's',
          cluster: 'c',
          fingerprints: f,
          labelSelector,
        });
      expect({ labelSelector, part: part(parsed) }).toEqual({
        labelSelector,
        part: part(fingerprints),
      });
    }
    // Identical label sets (a Deployment's and its template's) once.
    expect(parsed.labels.all.length).toBeLessThan(
      fingerprints.labels.all.length,
    );
  });
});

/**
 * The partition the fingerprints rest on, held against the engine itself on
 * the demo cluster: changing the objects of one namespace (kinds hashed per
 * namespace) never changes the assessment of a workload of another
 * namespace as long as the global fingerprint is the same; and changing
 * another workload of the same namespace never changes one whose own
 * inputs digest is the same.
 */
describe('what the engine reads, against the fingerprints', () => {
  const demo = demoObjects();
  const base = fingerprintsOf(demo);
  const baseResults = resultsByWorkload(base.index);
  const baseDigests = new Map(
    listWorkloads(base.index).map(w => [
      w.id,
      workloadInputsDigest(base.index, w),
    ]),
  );
  const namespaces = [
    ...new Set(listWorkloads(base.index).map(w => w.namespace)),
  ].sort();

  /** Ways to change every namespace-local object of one namespace. */
  const mutations: [string, (o: KubeObject) => KubeObject | undefined][] = [
    ['drop its pods', o => (o.kind === 'Pod' ? undefined : o)],
    ['drop its Services', o => (o.kind === 'Service' ? undefined : o)],
    [
      'relabel everything',
      o => ({
        ...o,
        metadata: {
          ...o.metadata,
          labels: { ...o.metadata.labels, relabelled: 'yes' },
        },
      }),
    ],
    [
      'change every image',
      o => {
        const text = JSON.stringify(o).replace(
          /"image":"([^"]*)"/g,
          '"image":"$1-changed"',
        );
        return JSON.parse(text);
      },
    ],
    [
      'enrol the namespace in Istio',
      o =>
        o.kind === 'Namespace'
          ? {
              ...o,
              metadata: {
                ...o.metadata,
                labels: { 'istio-injection': 'enabled' },
              },
            }
          : o,
    ],
  ];

  it.each(namespaces)(
    'a change to namespace %s changes no workload elsewhere (global fingerprint unchanged)',
    namespace => {
      let compared = 0;
      for (const [, mutate] of mutations) {
        const objects = demo.flatMap(object => {
          const inNamespace =
            isNamespaceLocal(groupKindOfObject(object)) &&
            (object.kind === 'Namespace'
              ? object.metadata.name === namespace
              : object.metadata.namespace === namespace);
          if (!inNamespace) return [object];
          const result = mutate(copy(object));
          return result ? [result] : [];
        });
        const after = fingerprintsOf(objects);
        if (after.fingerprints.global !== base.fingerprints.global) continue;
        const results = resultsByWorkload(after.index);
        for (const [id, result] of baseResults) {
          const other = listWorkloads(after.index).find(w => w.id === id);
          if (!other || other.namespace === namespace) continue;
          expect(after.fingerprints.namespaces.get(other.namespace)).toBe(
            base.fingerprints.namespaces.get(other.namespace),
          );
          expect({ id, result: results.get(id) }).toEqual({ id, result });
          compared++;
        }
      }
      expect(compared).toBeGreaterThan(0);
    },
  );

  it('a change to one workload changes no other workload whose inputs digest is the same', () => {
    let compared = 0;
    for (const target of listWorkloads(base.index)) {
      const objects = demo.map(object => {
        const ofTarget =
          object.metadata.namespace === target.namespace &&
          (object === target.object ||
            target.pods.some(pod => pod.object === object) ||
            JSON.stringify(object.metadata.ownerReferences ?? []).includes(
              `"name":"${target.name}"`,
            ));
        if (!ofTarget) return object;
        const text = JSON.stringify(object).replace(
          /"image":"([^"]*)"/g,
          '"image":"$1-changed"',
        );
        return JSON.parse(text);
      });
      const after = fingerprintsOf(objects);
      const results = resultsByWorkload(after.index);
      for (const workload of listWorkloads(after.index)) {
        if (workload.id === target.id) continue;
        if (
          workloadInputsDigest(after.index, workload) !==
          baseDigests.get(workload.id)
        )
          continue;
        compared++;
        expect({ id: workload.id, result: results.get(workload.id) }).toEqual({
          id: workload.id,
          result: baseResults.get(workload.id),
        });
      }
    }
    expect(compared).toBeGreaterThan(100);
  });

  /**
   * Reads of the index while the engine detects and checks each workload
   * (its construction, `engine:workloads`, and the control-plane facts,
   * hashed whole into the global part, aside): a namespace-local kind is
   * only ever read in the workload's own namespace.
   */
  it('reads namespace-local kinds only in the workload namespace', () => {
    const index = buildClusterIndex(copy(demo));
    const reads: {
      kind: string;
      namespace?: string;
      name?: unknown;
      memos: string[];
    }[] = [];
    const memos = new Map<string, unknown>();
    const stack: string[] = [];
    const traced: ClusterIndex = new Proxy(index, {
      get(target, field, receiver) {
        if (field === 'memo') {
          return (key: string, compute: () => unknown) => {
            if (!memos.has(key)) {
              stack.push(key);
              try {
                memos.set(key, compute());
              } finally {
                stack.pop();
              }
            }
            return memos.get(key);
          };
        }
        if (field === 'objects' || field === 'namespaces') {
          reads.push({ kind: `*${String(field)}`, memos: [...stack] });
        }
        if (['list', 'get', 'findByLabels'].includes(String(field))) {
          return (kind: string, namespace?: unknown, ...rest: unknown[]) => {
            reads.push({
              kind,
              namespace: typeof namespace === 'string' ? namespace : undefined,
              name: field === 'get' ? rest[0] : undefined,
              memos: [...stack],
            });
            return (Reflect.get(target, field, receiver) as any).call(
              target,
              kind,
              namespace,
              ...rest,
            );
          };
        }
        if (field === 'hasKind') {
          return (kind: string) => {
            reads.push({ kind: `exists:${kind}`, memos: [...stack] });
            return target.hasKind(kind);
          };
        }
        return Reflect.get(target, field, receiver);
      },
    });
    const strays: string[] = [];
    // Built first (reading every namespace, each workload from its own).
    const workloads = listWorkloads(traced);
    expect(workloads.length).toBeGreaterThan(20);
    for (const workload of workloads) {
      reads.length = 0;
      assessWorkload(workload, traced);
      expect(reads.length).toBeGreaterThan(0);
      for (const read of reads) {
        if (read.memos.includes('engine:control-plane')) continue;
        const kind = read.kind.replace(/^exists:/, '');
        if (read.kind.startsWith('*')) {
          strays.push(`${workload.id}: index.${read.kind.slice(1)}`);
        } else if (!isNamespaceLocal(kind)) {
          continue;
        } else if (read.kind.startsWith('exists:')) {
          strays.push(`${workload.id}: hasKind(${kind})`);
        } else if (
          kind === 'Namespace'
            ? read.name !== workload.namespace
            : read.namespace !== workload.namespace
        ) {
          strays.push(
            `${workload.id}: ${kind} in ${read.namespace ?? 'every namespace'}`,
          );
        }
      }
    }
    expect(strays).toEqual([]);
  });
});
