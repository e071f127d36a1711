import {
  asNumber,
  asRecord,
  asRecords,
  asScalarString,
  asString,
  asStringMap,
} from './access';
import { KubeObject } from './kubeObject';

export interface ServicePortView {
  index: number;
  name?: string;
  port: number;
  /** Defaults to `port`, as the API server does. */
  targetPort: number | string;
  protocol: string;
  appProtocol?: string;
}

export interface ServiceView {
  object: KubeObject;
  name: string;
  namespace: string;
  type: string;
  /** Undefined when the Service has no selector (its endpoints are managed by hand). */
  selector?: Record<string, string>;
  headless: boolean;
  externalName?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  ports: ServicePortView[];
}

const views = new WeakMap<KubeObject, ServiceView>();

/** Reads a Service once per object; views are shared, so callers must not mutate them. */
export function readService(object: KubeObject): ServiceView {
  let view = views.get(object);
  if (!view) {
    view = toServiceView(object);
    views.set(object, view);
  }
  return view;
}

function toServiceView(object: KubeObject): ServiceView {
  const spec = asRecord(object.spec) ?? {};
  const selector = asStringMap(spec.selector);
  return {
    object,
    name: object.metadata.name,
    namespace: object.metadata.namespace ?? 'default',
    type: asString(spec.type) ?? 'ClusterIP',
    selector: Object.keys(selector).length > 0 ? selector : undefined,
    headless: spec.clusterIP === 'None',
    externalName: asString(spec.externalName),
    labels: object.metadata.labels ?? {},
    annotations: object.metadata.annotations ?? {},
    ports: asRecords(spec.ports).flatMap((port, index) => {
      const number = asNumber(port.port);
      if (number === undefined) return [];
      const target = port.targetPort;
      return [
        {
          index,
          name: asScalarString(port.name),
          port: number,
          targetPort:
            typeof target === 'number' || typeof target === 'string'
              ? target
              : number,
          protocol: (asString(port.protocol) ?? 'TCP').toUpperCase(),
          appProtocol: asString(port.appProtocol),
        },
      ];
    }),
  };
}
