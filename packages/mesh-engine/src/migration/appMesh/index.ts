/**
 * Translation of AWS App Mesh objects: a reader into the neutral route
 * model (`read.ts`, `model.ts`), then one emitter per target family
 * (`emit/*.ts`), each declaring in its support table what it carries.
 */
import { ClusterIndex } from '../../engine/cluster/clusterIndex';
import { Workload } from '../../engine/workloads/workload';
import {
  ManualAction,
  MigrationManifest,
  MigrationObject,
  MigrationTarget,
} from '../types';
import { describeObject } from '../util';
import { AppMeshObjects, appMeshObjectList } from './collect';
import { consulEmitter, CONSUL_SUPPORT } from './emit/consul';
import { CILIUM_SUPPORT, gammaEmitter, KUMA_SUPPORT } from './emit/gamma';
import { istioEmitter, ISTIO_SUPPORT } from './emit/istio';
import { latticeEmitter, LATTICE_SUPPORT } from './emit/lattice';
import { linkerdEmitter, LINKERD_SUPPORT } from './emit/linkerd';
import { Emitter, EmitOutput, SupportTable } from './emit/types';
import { readAppMesh } from './read';
import { ReadContext } from './readContext';
import { mergeServices } from './readServices';

export { appMeshObjectList, collectAppMesh, gatewayOfRoute } from './collect';
export type { AppMeshObjects } from './collect';
export { ROUTE_FEATURES } from './emit/types';
export { supportTableMarkdown } from './supportTableMarkdown';
export type { FeatureSupport, RouteFeature, SupportTable } from './emit/types';

/** What each target carries of an App Mesh route model, and why the rest is manual. */
export const APP_MESH_TRANSLATION_SUPPORT: Readonly<
  Record<MigrationTarget, SupportTable>
> = {
  'istio-sidecar': ISTIO_SUPPORT,
  'istio-ambient': ISTIO_SUPPORT,
  linkerd: LINKERD_SUPPORT,
  consul: CONSUL_SUPPORT,
  kuma: KUMA_SUPPORT,
  cilium: CILIUM_SUPPORT,
  'gateway-api': LATTICE_SUPPORT,
};

export function emitterFor(target: MigrationTarget): Emitter {
  switch (target) {
    case 'istio-sidecar':
      return istioEmitter(false);
    case 'istio-ambient':
      return istioEmitter(true);
    case 'linkerd':
      return linkerdEmitter;
    case 'consul':
      return consulEmitter;
    case 'kuma':
    case 'cilium':
      return gammaEmitter(target);
    default:
      return latticeEmitter;
  }
}

export interface AppMeshTranslation {
  /** Routing objects (translate step). */
  manifests: MigrationManifest[];
  /** Lines for the translate step's explanation. */
  notes: string[];
  manualActions: ManualAction[];
  /** Listener TLS was STRICT somewhere: the harden step carries it. */
  strictTls: boolean;
  /** Clients that enforce TLS towards the service (must move in the same window). */
  tlsClients: string[];
}

export function translateAppMesh(
  objects: AppMeshObjects,
  index: ClusterIndex,
  target: MigrationTarget,
  workloads: readonly Workload[],
): AppMeshTranslation {
  const emitter = emitterFor(target);
  const context = new ReadContext(index, workloads, emitter.label);
  const model = readAppMesh(objects, context);
  const out: EmitOutput = {
    manifests: [],
    notes: [],
    actions: [],
    strictTls: false,
  };
  emitter.emit(model, out);

  const services = new Map(model.generatedServices);
  if (emitter.attachesToService)
    for (const [key, parent] of model.generatedParents) {
      const existing = services.get(key);
      services.set(key, existing ? mergeServices(existing, parent) : parent);
      if (!existing)
        out.notes.push(
          `Service ${parent.metadata.name} does not appear in the input; the plan creates it without a selector so routes can attach to it (it may already exist in the cluster).`,
        );
    }
  const generated = [...services.values()].map(object => ({
    description: `Service ${object.metadata.name}: ${
      (object.spec as { selector?: unknown }).selector
        ? `a Kubernetes Service for the pods of the VirtualNode of the same name, which had none (App Mesh resolved it through ${
            object.metadata.annotations?.['meshwise/discovery'] ?? 'Cloud Map'
          })`
        : `a Service without selector for ${object.metadata.annotations?.['meshwise/discovery']}, so routes can attach to its name`
    }`,
    object: stripInternalAnnotations(object),
  }));

  const inSet = new Set([...appMeshObjectList(objects), ...objects.meshes]);
  const manualActions = [
    ...context
      .allLedgers()
      .filter(([object]) => inSet.has(object))
      .flatMap(([, ledger]) => ledger.finish()),
    ...model.actions,
    ...out.actions,
  ];
  const tlsClients = [
    ...model.tlsClients,
    ...model.nodes
      .filter(node => node.clientPolicies.some(policy => policy.enforce))
      .map(node => describeObject(node.node)),
  ];
  return {
    manifests: [...generated, ...out.manifests],
    notes: out.notes,
    manualActions,
    strictTls: out.strictTls,
    tlsClients: [...new Set(tlsClients)],
  };
}

function stripInternalAnnotations(object: MigrationObject): MigrationObject {
  const annotations = { ...(object.metadata.annotations ?? {}) };
  delete annotations['meshwise/discovery'];
  const metadata = { ...object.metadata };
  if (Object.keys(annotations).length > 0) metadata.annotations = annotations;
  else delete metadata.annotations;
  return { ...object, metadata };
}
