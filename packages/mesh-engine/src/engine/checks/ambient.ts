import { asRecords, asString, asStringArray, getPath } from '../model/access';
import { KINDS, KubeObject } from '../model/kubeObject';
import { waypointReferences } from '../workloads/meshResources';
import { workloadRef } from '../workloads/workload';
import { notEvaluated, orPass, passed, workloadLabel } from './helpers';
import { CheckFinding, ReadinessCheck } from './types';

const WAYPOINT_CLASSES = new Set([
  'istio-waypoint',
  'istio-agentgateway-waypoint',
]);

/** AuthorizationPolicy fields that need an L7 proxy. */
function isL7AuthorizationPolicy(policy: KubeObject): boolean {
  return asRecords(getPath(policy, 'spec.rules')).some(rule => {
    const operations = asRecords(rule.to).map(to => getPath(to, 'operation'));
    const l7Operation = operations.some(operation =>
      ['methods', 'notMethods', 'paths', 'notPaths', 'hosts', 'notHosts'].some(
        key => asStringArray(getPath(operation, key)).length > 0,
      ),
    );
    const l7Source = asRecords(rule.from).some(from =>
      ['requestPrincipals', 'notRequestPrincipals'].some(
        key => asStringArray(getPath(from, `source.${key}`)).length > 0,
      ),
    );
    const l7Condition = asRecords(rule.when).some(condition =>
      (asString(condition.key) ?? '').startsWith('request.'),
    );
    return l7Operation || l7Source || l7Condition;
  });
}

/** Mesh-internal VirtualServices (not only bound to ingress gateways) with HTTP routes. */
function isMeshHttpVirtualService(service: KubeObject): boolean {
  const gateways = asStringArray(getPath(service, 'spec.gateways'));
  const inMesh = gateways.length === 0 || gateways.includes('mesh');
  return inMesh && asRecords(getPath(service, 'spec.http')).length > 0;
}

export const ambientL7WithoutWaypointCheck: ReadinessCheck = {
  id: 'MR-AMBIENT-L7-NO-WAYPOINT',
  title: 'L7 policy has a waypoint to enforce it in ambient mode',
  severity: 'warning',
  category: 'readiness',
  meshes: ['istio-ambient'],
  reads: [
    'AuthorizationPolicy L7 fields, VirtualService http routes, DestinationRule, RequestAuthentication',
    'label istio.io/use-waypoint on pod template, Service or Namespace',
  ],
  readsKinds: [
    KINDS.service,
    KINDS.namespace,
    KINDS.istioAuthorizationPolicy,
    KINDS.istioVirtualService,
    KINDS.istioDestinationRule,
    KINDS.istioRequestAuthentication,
  ],
  why: 'In ambient mode ztunnel only handles L4; L7 policy and routing are ignored unless a waypoint proxy serves the workload (Kiali KIA0109, KIA0210, KIA1109, KIA1317).',
  run(context) {
    const { workload, resources } = context;
    if (waypointReferences(workload).length > 0) {
      return [passed(context, 'The workload uses a waypoint')];
    }
    const l7 = [
      ...resources.istio.authorizationPolicies.filter(isL7AuthorizationPolicy),
      ...resources.istio.virtualServices.filter(isMeshHttpVirtualService),
      ...resources.istio.destinationRules,
      ...resources.istio.requestAuthentications,
    ];
    if (l7.length === 0)
      return [passed(context, 'No L7 Istio policy applies to the workload')];
    const names = l7.map(
      object =>
        `${object.kind} ${object.metadata.namespace}/${object.metadata.name}`,
    );
    return [
      {
        status: 'fail',
        object: workloadRef(workload),
        message: `${names.join(', ')} ${
          l7.length === 1 ? 'applies' : 'apply'
        } L7 rules to ${workloadLabel(
          workload,
        )}; in ambient mode they are ignored without a waypoint`,
        remediation:
          'Deploy a waypoint (Gateway with gatewayClassName: istio-waypoint) and label the namespace or Service istio.io/use-waypoint=<name>.',
        snippet: [
          'apiVersion: gateway.networking.k8s.io/v1',
          'kind: Gateway',
          'metadata:',
          '  name: waypoint',
          `  namespace: ${workload.namespace}`,
          '  labels:',
          '    istio.io/waypoint-for: service',
          'spec:',
          '  gatewayClassName: istio-waypoint',
          '  listeners:',
          '  - name: mesh',
          '    port: 15008',
          '    protocol: HBONE',
        ].join('\n'),
      },
    ];
  },
};

export const ambientWaypointMissingCheck: ReadinessCheck = {
  id: 'MR-AMBIENT-WAYPOINT-MISSING',
  title: 'Referenced waypoints exist',
  severity: 'error',
  category: 'readiness',
  meshes: ['istio-ambient'],
  reads: [
    'labels istio.io/use-waypoint, istio.io/use-waypoint-namespace',
    'Gateway API Gateways',
  ],
  readsKinds: [KINDS.service, KINDS.namespace, KINDS.gatewayApiGateway],
  why: 'Traffic for a workload that names a missing waypoint has nowhere to go (KIA1313).',
  run(context) {
    const { workload, index } = context;
    const references = waypointReferences(workload);
    if (references.length === 0)
      return [passed(context, 'No waypoint is referenced')];
    if (!index.hasGroup('gateway.networking.k8s.io')) {
      return [
        notEvaluated(
          context,
          `${references[0].source} names waypoint ${references[0].name}, but the input holds no Gateway API objects`,
          'Include Gateway API Gateways in the input.',
        ),
      ];
    }
    const findings: CheckFinding[] = [];
    for (const reference of references) {
      const gateway = index.get(
        KINDS.gatewayApiGateway,
        reference.namespace,
        reference.name,
      );
      const gatewayClass = gateway
        ? asString(getPath(gateway, 'spec.gatewayClassName'))
        : undefined;
      if (gateway && WAYPOINT_CLASSES.has(gatewayClass ?? '')) continue;
      findings.push({
        status: 'fail',
        object: workloadRef(workload),
        field: 'metadata.labels["istio.io/use-waypoint"]',
        message: gateway
          ? `${reference.source} names waypoint ${reference.namespace}/${
              reference.name
            }, but that Gateway has gatewayClassName ${
              gatewayClass ?? '(none)'
            }, not istio-waypoint`
          : `${reference.source} names waypoint ${reference.namespace}/${reference.name}, which does not exist`,
        remediation:
          'Create the waypoint Gateway (gatewayClassName: istio-waypoint) or fix the istio.io/use-waypoint label.',
      });
    }
    return orPass(findings, context, 'Every referenced waypoint exists');
  },
};
