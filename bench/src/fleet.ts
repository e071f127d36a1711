/**
 * A synthetic fleet, deterministic from a seed: catalog service entities with
 * the standard Kubernetes annotations, and the objects of C clusters
 * (Namespaces, Deployments, ReplicaSets, 3 to 10 pods per workload, Services,
 * ServiceAccounts, mesh resources and the meshes' control planes).
 *
 * Every service is a renamed copy of one of the services of the demo cluster
 * (`examples/clusters/demo`), so the fleet has real pod shapes (Istio native
 * and classic sidecars, Linkerd, Kuma, App Mesh, unmeshed) and the demo's
 * readiness problems (UID 1337, unnamed ports, stale proxies, partial
 * injection, server-first protocols, a discontinued mesh) in a fixed mix.
 *
 * Planning (`planFleet`, `fleetEntities`) is cheap and needs no manifests, so
 * a measuring process can rebuild the catalog without holding the objects;
 * only the fleet server calls `clusterObjects`.
 */
import { Entity } from '@backstage/catalog-model';
import { KubeObject, parseManifests } from '@meshwise/mesh-engine';
import fs from 'node:fs';
import path from 'node:path';
import { withManagedFields } from './managedFields';

export type SizeName = 'small' | 'medium' | 'large';

export interface FleetSpec {
  size: SizeName | 'custom';
  services: number;
  clusters: number;
  seed: number;
  /** Give every object the `managedFields` a real API server keeps (`withManagedFields`). */
  managedFields?: boolean;
}

/** The sizes. Pods follow from 3-10 per workload and multi-cluster services (about 10 per service). */
export const SIZES: Record<SizeName, Omit<FleetSpec, 'seed'>> = {
  small: { size: 'small', services: 200, clusters: 2 },
  medium: { size: 'medium', services: 2_000, clusters: 5 },
  large: { size: 'large', services: 10_000, clusters: 10 },
};

export const DEFAULT_SEED = 20261122;

/** The demo namespaces used as templates, their mesh, and the share of namespaces of that type. */
const NAMESPACE_TEMPLATES = [
  {
    template: 'storefront',
    mesh: 'istio',
    weight: 35,
    units: ['web-frontend', 'catalog-api', 'cart-api', 'search'],
  },
  {
    template: 'payments',
    mesh: 'linkerd',
    weight: 20,
    units: ['payments-api', 'ledger', 'fraud-check'],
  },
  {
    template: 'analytics',
    mesh: 'none',
    weight: 30,
    units: [
      'events-ingest',
      'report-builder',
      'forecast-api',
      'flow-collector',
    ],
  },
  {
    template: 'logistics',
    mesh: 'appmesh',
    weight: 10,
    units: ['shipping', 'tracking', 'warehouse'],
  },
  {
    template: 'recommendations',
    mesh: 'kuma',
    weight: 5,
    units: ['recommendations'],
  },
] as const;

/** Units selected by a label selector instead of the kubernetes-id annotation. */
const LABEL_SELECTED_UNITS: Record<string, string> = {
  search: 'app.kubernetes.io/name',
};

export interface PlannedService {
  name: string;
  /** The demo service it copies. */
  unit: string;
  template: string;
  namespace: string;
  /** Clusters it runs in (empty for a catalog entity without workloads). */
  clusters: string[];
  /** Pods per workload, per cluster. */
  podsPerWorkload: number;
  owner: string;
  system: string;
  annotations: Record<string, string>;
}

export interface FleetPlan {
  spec: FleetSpec;
  clusterNames: string[];
  services: PlannedService[];
  namespaces: { name: string; template: string }[];
}

/** mulberry32: small, fast, deterministic. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function fleetSpec(size: SizeName, seed = DEFAULT_SEED): FleetSpec {
  return { ...SIZES[size], seed };
}

export function planFleet(spec: FleetSpec): FleetPlan {
  const random = rng(spec.seed);
  const pick = <T>(items: readonly T[]) =>
    items[Math.floor(random() * items.length)];
  const clusterNames = Array.from(
    { length: spec.clusters },
    (_, i) => `cluster-${String(i + 1).padStart(2, '0')}`,
  );
  const totalWeight = NAMESPACE_TEMPLATES.reduce((s, t) => s + t.weight, 0);
  const namespaceCount = Math.max(1, Math.ceil(spec.services / 10));
  const namespaces = Array.from({ length: namespaceCount }, (_, i) => {
    let roll = random() * totalWeight;
    const template =
      NAMESPACE_TEMPLATES.find(t => (roll -= t.weight) < 0) ??
      NAMESPACE_TEMPLATES[0];
    return { name: `team-${String(i + 1).padStart(4, '0')}`, template };
  });

  const services: PlannedService[] = [];
  for (let i = 0; i < spec.services; i++) {
    const ns = namespaces[i % namespaceCount];
    const unit = pick(ns.template.units);
    const name = `svc-${String(i + 1).padStart(5, '0')}`;
    const roll = random();
    // 2% are catalog entities whose workloads are not (or no longer) deployed,
    // 3% have no Kubernetes annotation at all.
    const ghost = roll < 0.02;
    const unconfigured = roll >= 0.02 && roll < 0.05;
    const primary = pick(clusterNames);
    const clusters = ghost ? [] : [primary];
    // Nearly half run in two clusters (e.g. two regions).
    if (!ghost && clusterNames.length > 1 && random() < 0.45) {
      const others = clusterNames.filter(c => c !== primary);
      clusters.push(pick(others));
    }
    const annotations: Record<string, string> = {};
    if (!unconfigured) {
      const labelKey = LABEL_SELECTED_UNITS[unit];
      if (labelKey) {
        annotations[
          'backstage.io/kubernetes-label-selector'
        ] = `${labelKey}=${name}`;
      } else {
        annotations['backstage.io/kubernetes-id'] = name;
      }
      if (random() < 0.3) {
        annotations['backstage.io/kubernetes-namespace'] = ns.name;
      }
      if (clusters.length === 1 && random() < 0.3) {
        annotations['backstage.io/kubernetes-cluster'] = clusters[0];
      }
    }
    services.push({
      name,
      unit,
      template: ns.template.template,
      namespace: ns.name,
      clusters,
      podsPerWorkload: 3 + Math.floor(random() * 8),
      owner: `group:default/team-${(i % 97) + 1}`,
      system: `system-${(i % 211) + 1}`,
      annotations,
    });
  }
  return {
    spec,
    clusterNames,
    services,
    namespaces: namespaces.map(n => ({
      name: n.name,
      template: n.template.template,
    })),
  };
}

/** The catalog: one Component of type service per planned service. */
export function fleetEntities(plan: FleetPlan): Entity[] {
  return plan.services.map(s => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: s.name,
      namespace: 'default',
      uid: `entity-${s.name}`,
      annotations: { ...s.annotations },
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: s.owner,
      system: s.system,
    },
  }));
}

// ---------------------------------------------------------------------------
// Objects

interface Templates {
  /** Objects of every cluster: control planes, cluster-scoped mesh objects. */
  clusterWide: KubeObject[];
  /** Per template namespace: the Namespace and its namespace-level objects. */
  namespaceLevel: Map<string, KubeObject[]>;
  /** Per unit: its objects, pods apart. */
  units: Map<string, { objects: KubeObject[]; pods: KubeObject[] }>;
}

const DEMO_DIR = path.resolve(__dirname, '../../examples/clusters/demo');

let templatesCache: Templates | undefined;

/** Splits the demo cluster into the templates the fleet copies. */
export function loadTemplates(): Templates {
  if (templatesCache) return templatesCache;
  const files = fs
    .readdirSync(DEMO_DIR)
    .filter(f => f.endsWith('.yaml'))
    .sort()
    .map(f => ({
      path: f,
      content: fs.readFileSync(path.join(DEMO_DIR, f), 'utf8'),
    }));
  const { objects } = parseManifests(files);
  const templateNames = new Set<string>(
    NAMESPACE_TEMPLATES.map(t => t.template),
  );
  const clusterWide: KubeObject[] = [];
  const namespaceLevel = new Map<string, KubeObject[]>();
  const units = new Map<
    string,
    { objects: KubeObject[]; pods: KubeObject[] }
  >();
  for (const t of NAMESPACE_TEMPLATES) {
    namespaceLevel.set(t.template, []);
    for (const u of t.units) units.set(u, { objects: [], pods: [] });
  }
  for (const object of objects) {
    if (object.kind === 'CustomResourceDefinition') continue; // never listed
    const ns = object.metadata.namespace;
    const isTemplateNamespace =
      object.kind === 'Namespace' && templateNames.has(object.metadata.name);
    if (!isTemplateNamespace && (!ns || !templateNames.has(ns))) {
      clusterWide.push(object);
      continue;
    }
    if (isTemplateNamespace) {
      namespaceLevel.get(object.metadata.name)!.push(object);
      continue;
    }
    const template = NAMESPACE_TEMPLATES.find(t => t.template === ns)!;
    const unit = (template.units as readonly string[]).find(u =>
      belongsTo(object, u),
    );
    if (!unit) {
      namespaceLevel.get(ns!)!.push(object);
    } else if (object.kind === 'Pod') {
      units.get(unit)!.pods.push(object);
    } else {
      units.get(unit)!.objects.push(object);
    }
  }
  templatesCache = { clusterWide, namespaceLevel, units };
  return templatesCache;
}

function belongsTo(object: KubeObject, unit: string): boolean {
  const { name, labels = {} } = object.metadata;
  return (
    labels['backstage.io/kubernetes-id'] === unit ||
    labels['app.kubernetes.io/name'] === unit ||
    name === unit ||
    name.startsWith(`${unit}-`) ||
    name.startsWith(`${unit}.`)
  );
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

function uuid(random: () => number): string {
  const hex = (n: number) =>
    Array.from({ length: n }, () =>
      Math.floor(random() * 16).toString(16),
    ).join('');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
}

function suffix(random: () => number, length: number): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  return Array.from(
    { length },
    () => alphabet[Math.floor(random() * alphabet.length)],
  ).join('');
}

/**
 * Renames a template: the unit's name (also as a prefix, `cart-api-7d9f`),
 * the namespace (as a whole token only, so `logistics-mesh` stays), and
 * every uid, consistently within the copy.
 */
function renamed<T>(
  value: T,
  renames: { from: string; to: string; prefix: boolean }[],
  random: () => number,
): T {
  let text = JSON.stringify(value);
  for (const { from, to, prefix } of renames) {
    const pattern = new RegExp(
      `(?<![a-z0-9-])${escape(from)}(?![a-z0-9${prefix ? '' : '-'}])`,
      'g',
    );
    text = text.replace(pattern, to);
  }
  const uids = new Map<string, string>();
  text = text.replace(UUID, old => {
    let next = uids.get(old);
    if (!next) {
      next = uuid(random);
      uids.set(old, next);
    }
    return next;
  });
  return JSON.parse(text);
}

/**
 * The objects of one cluster. Deterministic: the same plan and cluster give
 * the same objects.
 */
export function clusterObjects(plan: FleetPlan, cluster: string): KubeObject[] {
  const templates = loadTemplates();
  const random = rng(
    plan.spec.seed ^ ((plan.clusterNames.indexOf(cluster) + 1) * 0x9e3779b1),
  );
  const objects: KubeObject[] = [...templates.clusterWide];
  const here = plan.services.filter(s => s.clusters.includes(cluster));
  const namespaces = new Map<string, string>();
  for (const s of here) namespaces.set(s.namespace, s.template);
  for (const [ns, template] of namespaces) {
    objects.push(
      ...renamed(
        templates.namespaceLevel.get(template)!,
        [{ from: template, to: ns, prefix: false }],
        random,
      ),
    );
  }
  for (const s of here) {
    const unit = templates.units.get(s.unit)!;
    const renames = [
      { from: s.unit, to: s.name, prefix: true },
      { from: s.template, to: s.namespace, prefix: false },
    ];
    const copy = renamed(unit, renames, random);
    for (const object of copy.objects) {
      setReplicas(object, s.podsPerWorkload);
      objects.push(object);
    }
    // Pods: each template pod's workload gets podsPerWorkload of them,
    // copies of its template pods in turn (so a half-injected workload stays
    // half-injected).
    const byOwner = new Map<string, KubeObject[]>();
    for (const pod of copy.pods) {
      const owner =
        pod.metadata.ownerReferences?.[0]?.name ?? pod.metadata.name;
      byOwner.set(owner, [...(byOwner.get(owner) ?? []), pod]);
    }
    for (const [owner, pods] of byOwner) {
      for (let i = 0; i < s.podsPerWorkload; i++) {
        const pod = structuredClone(pods[i % pods.length]);
        const ordinal = pod.metadata.name.match(/^(.*)-(\d+)$/);
        pod.metadata.name =
          ordinal && !pod.metadata.ownerReferences?.[0]?.kind?.startsWith('Rep')
            ? `${ordinal[1]}-${i}`
            : `${owner}-${suffix(random, 5)}`;
        pod.metadata.uid = uuid(random);
        objects.push(pod);
      }
    }
  }
  return plan.spec.managedFields
    ? objects.map(object => withManagedFields(object, MANAGED_AT))
    : objects;
}

/** When the fleet's objects were last written, as their managedFields say. */
const MANAGED_AT = '2026-11-10T14:55:21Z';

function setReplicas(object: KubeObject, replicas: number) {
  const spec = (object as { spec?: Record<string, unknown> }).spec;
  if (!spec || typeof spec.replicas !== 'number' || spec.replicas === 0) return;
  spec.replicas = replicas;
  const status = (object as { status?: Record<string, unknown> }).status;
  if (status) {
    for (const key of [
      'replicas',
      'readyReplicas',
      'availableReplicas',
      'updatedReplicas',
      'fullyLabeledReplicas',
      'currentReplicas',
    ]) {
      if (typeof status[key] === 'number') status[key] = replicas;
    }
  }
}

/** Counts for the report. */
export function describeFleet(
  plan: FleetPlan,
  objectsByCluster?: Map<string, KubeObject[]>,
) {
  const counts = {
    services: plan.services.length,
    clusters: plan.clusterNames.length,
    namespaces: plan.namespaces.length,
    placements: plan.services.reduce((n, s) => n + s.clusters.length, 0),
    pods: 0,
    objects: 0,
  };
  for (const objects of objectsByCluster?.values() ?? []) {
    counts.objects += objects.length;
    counts.pods += objects.filter(o => o.kind === 'Pod').length;
  }
  return counts;
}
