import { asScalarString } from '../model/access';
import { KINDS, KubeObject } from '../model/kubeObject';
import { resolveContainerPort } from '../model/podSpec';
import { templateField, workloadRef } from '../workloads/workload';
import { appContainers, orPass, workloadLabel } from './helpers';
import { linkerdValue } from './linkerdValues';
import { parsePortList } from './protocols';
import { CheckContext, CheckFinding, ReadinessCheck } from './types';

const SKIP_INBOUND = 'config.linkerd.io/skip-inbound-ports';

/** `proxyInit.ignoreInboundPorts` in charts/linkerd-control-plane/values.yaml. */
const CHART_DEFAULT_SKIP_INBOUND = '4567,4568';

function configuredDefault(config: KubeObject | undefined): string | undefined {
  return asScalarString(linkerdValue(config, 'proxyInit.ignoreInboundPorts'));
}

/**
 * The inbound ports Linkerd's init container leaves out of the proxy: the
 * pod's (or namespace's) annotation replaces the installation's default
 * (linkerd2 `pkg/inject/inject.go` overrides `ProxyInit.IgnoreInboundPorts`).
 */
function skippedInboundPorts(context: CheckContext): {
  ports: Set<number>;
  from: string;
} {
  const { workload, controlPlane } = context;
  const onPod = workload.template.annotations[SKIP_INBOUND];
  if (onPod !== undefined)
    return { ports: parsePortList(onPod), from: `annotation ${SKIP_INBOUND}` };
  const onNamespace =
    workload.namespaceObject?.metadata.annotations?.[SKIP_INBOUND];
  if (onNamespace !== undefined)
    return {
      ports: parsePortList(onNamespace),
      from: `namespace annotation ${SKIP_INBOUND}`,
    };
  const configured = configuredDefault(controlPlane.linkerd.config);
  if (configured !== undefined)
    return {
      ports: parsePortList(configured),
      from: 'linkerd-config proxyInit.ignoreInboundPorts',
    };
  return {
    ports: parsePortList(CHART_DEFAULT_SKIP_INBOUND),
    from: 'the Linkerd chart default proxyInit.ignoreInboundPorts (4567,4568, for Galera)',
  };
}

export const linkerdSkippedPortsCheck: ReadinessCheck = {
  id: 'MR-LINKERD-SKIPPED-PORTS',
  title: 'No application port is one Linkerd skips',
  severity: 'warning',
  category: 'readiness',
  meshes: ['linkerd'],
  reads: [
    'containers[].ports[].containerPort',
    'Service spec.ports[].targetPort',
    `annotation ${SKIP_INBOUND} (pod template, Namespace)`,
    'ConfigMap linkerd-config values proxyInit.ignoreInboundPorts',
  ],
  readsKinds: [KINDS.namespace, KINDS.configMap, KINDS.service],
  why: 'Linkerd skips ports 4567 and 4568 by default (Galera): traffic to them bypasses the proxy, so it gets no mTLS, no policy and no metrics.',
  run(context) {
    const { workload } = context;
    const skipped = skippedInboundPorts(context);
    const used = new Map<number, string>();
    for (const container of appContainers(workload)) {
      for (const port of container.ports)
        used.set(port.containerPort, `container ${container.name}`);
    }
    for (const service of workload.services) {
      for (const port of service.ports) {
        const target = resolveContainerPort(
          workload.template.spec,
          port.targetPort,
        );
        if (target !== undefined && !used.has(target))
          used.set(target, `Service ${service.name} port ${port.port}`);
      }
    }
    const findings: CheckFinding[] = [...used]
      .filter(([port]) => skipped.ports.has(port))
      .map(([port, where]) => ({
        status: 'fail',
        object: workloadRef(workload),
        field: templateField(
          workload,
          `metadata.annotations["${SKIP_INBOUND}"]`,
        ),
        message: `${workloadLabel(
          workload,
        )} serves port ${port} (${where}), which Linkerd skips (${
          skipped.from
        }): its traffic bypasses the proxy, with no mTLS and no metrics`,
        remediation: `If port ${port} is not Galera, set ${SKIP_INBOUND} on the pod template to the ports that really must bypass the proxy (an empty value skips none) and, for a server-first protocol, mark the port opaque instead.`,
        snippet: `metadata:\n  annotations:\n    ${SKIP_INBOUND}: ""   # or the ports that must bypass the proxy`,
      }));
    return orPass(
      findings,
      context,
      'No application port is one Linkerd skips',
    );
  },
};
