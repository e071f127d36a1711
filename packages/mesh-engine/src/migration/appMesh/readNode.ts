import {
  labelSelectorFromObject,
  matchesLabelSelector,
} from '../../engine/cluster/labelSelector';
import {
  asNumber,
  asRecord,
  asRecords,
  asString,
  asStringArray,
  asStringMap,
  getPath,
  JsonRecord,
} from '../../engine/model/access';
import { KINDS, KubeObject } from '../../engine/model/kubeObject';
import { FieldLedger } from '../ledger';
import { describeObject, formatDuration } from '../util';
import { NodeListener, NodeModel } from './model';
import { duration, portOf, protocolOf, ReadContext } from './readContext';
import { serviceOfNode } from './readServices';

/** A VirtualNode's listeners (health checks, pools, outlier detection, TLS, timeouts), backends and access log. */
export function readNode(context: ReadContext, node: KubeObject): NodeModel {
  const ledger = context.ledger(node);
  ledger.ignore(
    'spec.meshRef',
    'the App Mesh mesh reference has no equivalent',
  );
  ledger.ignore('spec.awsName', 'AWS-side name, not needed');
  ledger.carry('spec.podSelector', 'workload selection');
  const workload = context.workloads.find(w =>
    matchesLabelSelector(
      labelSelectorFromObject(getPath(node, 'spec.podSelector')),
      w.template.labels,
    ),
  );
  const listeners = asRecords(getPath(node, 'spec.listeners')).flatMap(
    (listener, i) => {
      const port = portOf(listener);
      if (port === undefined) return [];
      const path = `spec.listeners[${i}]`;
      ledger.carry(`${path}.portMapping`, 'Service port and protocol');
      return [readListener(ledger, listener, path, port)];
    },
  );
  const backendList = asRecords(getPath(node, 'spec.backends'));
  const names = backendList.map(
    backend =>
      asString(getPath(backend, 'virtualService.virtualServiceRef.name')) ??
      asString(getPath(backend, 'virtualService.virtualServiceARN')) ??
      '?',
  );
  const clientPolicies: NodeModel['clientPolicies'] = [];
  const policy = (tlsOwner: unknown, path: string, backend: string) => {
    if (!asRecord(getPath(tlsOwner, 'clientPolicy'))) return;
    const tls = asRecord(getPath(tlsOwner, 'clientPolicy.tls'));
    clientPolicies.push({
      backend,
      enforce: tls !== undefined && tls.enforce !== false,
      certificate: Object.keys(asRecord(tls?.certificate) ?? {})[0],
      site: { ledger, path: `${path}.clientPolicy` },
    });
  };
  backendList.forEach((backend, i) =>
    policy(
      backend.virtualService,
      `spec.backends[${i}].virtualService`,
      names[i],
    ),
  );
  policy(
    getPath(node, 'spec.backendDefaults'),
    'spec.backendDefaults',
    'all backends',
  );
  const file = asRecord(getPath(node, 'spec.logging.accessLog.file'));
  return {
    node,
    podLabels: asStringMap(getPath(node, 'spec.podSelector.matchLabels')),
    service: serviceOfNode(context, node),
    workload,
    listeners,
    accessLog: file
      ? {
          path: asString(file.path),
          site: { ledger, path: 'spec.logging.accessLog.file.path' },
          format: asRecord(file.format)
            ? { ledger, path: 'spec.logging.accessLog.file.format' }
            : undefined,
        }
      : undefined,
    backends:
      backendList.length > 0
        ? { value: names, site: { ledger, path: 'spec.backends' } }
        : undefined,
    backendGroups:
      asRecords(getPath(node, 'spec.backendGroups')).length > 0
        ? { ledger, path: 'spec.backendGroups' }
        : undefined,
    clientPolicies,
  };
}

function readListener(
  ledger: FieldLedger,
  listener: JsonRecord,
  path: string,
  port: number,
): NodeListener {
  const site = (sub: string) => ({ ledger, path: `${path}.${sub}` });
  const check = asRecord(listener.healthCheck);
  const outlier = asRecord(listener.outlierDetection);
  const pool = asRecord(listener.connectionPool);
  const tls = asRecord(listener.tls);
  const timeouts: NodeListener['timeouts'] = [];
  for (const type of ['http', 'http2', 'grpc', 'tcp'])
    for (const field of ['perRequest', 'idle'] as const) {
      const value = duration(
        getPath(listener, `timeout.${type}.${field}`),
        site(`timeout.${type}.${field}`),
      );
      if (value) timeouts.push({ field, duration: value });
    }
  const sans = asStringArray(
    getPath(tls, 'validation.subjectAlternativeNames.match.exact'),
  );
  return {
    port,
    protocol: protocolOf(getPath(listener, 'portMapping.protocol')),
    site: site('portMapping'),
    healthCheck: check
      ? {
          value: {
            protocol: asString(check.protocol) ?? 'tcp',
            path: asString(check.path),
            intervalMillis: asNumber(check.intervalMillis),
          },
          site: site('healthCheck'),
        }
      : undefined,
    outlier: outlier
      ? {
          maxServerErrors: asNumber(outlier.maxServerErrors),
          interval: formatDuration(outlier.interval),
          baseEjection: formatDuration(outlier.baseEjectionDuration),
          maxEjectionPercent: asNumber(outlier.maxEjectionPercent),
          site: site('outlierDetection'),
        }
      : undefined,
    pool: pool
      ? {
          maxConnections:
            asNumber(getPath(pool, 'tcp.maxConnections')) ??
            asNumber(getPath(pool, 'http.maxConnections')),
          maxPendingRequests: asNumber(
            getPath(pool, 'http.maxPendingRequests'),
          ),
          maxRequests:
            asNumber(getPath(pool, 'http2.maxRequests')) ??
            asNumber(getPath(pool, 'grpc.maxRequests')),
          site: site('connectionPool'),
        }
      : undefined,
    tls: tls
      ? {
          mode: {
            value: asString(tls.mode) ?? 'unset',
            site: site('tls.mode'),
          },
          certificate: asRecord(tls.certificate)
            ? {
                value:
                  Object.keys(asRecord(tls.certificate) ?? {})[0] ?? 'unknown',
                site: site('tls.certificate'),
              }
            : undefined,
          validation: asRecord(tls.validation)
            ? { value: sans, site: site('tls.validation') }
            : undefined,
        }
      : undefined,
    timeouts,
  };
}

/** VirtualNodes outside the service that call `vs` with App Mesh client TLS enforced. */
export function tlsClientsOf(
  context: ReadContext,
  vs: KubeObject,
  own: readonly KubeObject[],
): string[] {
  const namespace = vs.metadata.namespace ?? 'default';
  const clients: string[] = [];
  for (const client of context.index.list(KINDS.appMeshVirtualNode)) {
    if (own.includes(client)) continue;
    const clientNamespace = client.metadata.namespace ?? 'default';
    const backend = asRecords(getPath(client, 'spec.backends')).find(
      entry =>
        asString(getPath(entry, 'virtualService.virtualServiceRef.name')) ===
          vs.metadata.name &&
        (asString(
          getPath(entry, 'virtualService.virtualServiceRef.namespace'),
        ) ?? clientNamespace) === namespace,
    );
    if (!backend) continue;
    const tls =
      asRecord(getPath(backend, 'virtualService.clientPolicy.tls')) ??
      asRecord(getPath(client, 'spec.backendDefaults.clientPolicy.tls'));
    if (tls && tls.enforce !== false) clients.push(describeObject(client));
  }
  return clients;
}
