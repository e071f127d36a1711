import { MeshId } from '@meshwise/backstage-plugin-service-mesh-common';
import { KINDS } from '../model/kubeObject';
import { templateField, workloadRef } from '../workloads/workload';
import { appContainers, orPass, passed, workloadLabel } from './helpers';
import { CheckFinding, ReadinessCheck } from './types';

const ISTIO_REWRITE = 'sidecar.istio.io/rewriteAppHTTPProbers';
const CONSUL_OVERWRITE =
  'consul.hashicorp.com/transparent-proxy-overwrite-probes';

export const httpProbesCheck: ReadinessCheck = {
  id: 'MR-HTTP-PROBES',
  title: 'HTTP probes keep working under strict mTLS',
  severity: 'warning',
  category: 'readiness',
  meshes: ['istio-sidecar', 'consul', 'linkerd'],
  reads: [
    'containers[].{liveness,readiness,startup}Probe.httpGet',
    `annotation ${ISTIO_REWRITE}`,
    `annotation ${CONSUL_OVERWRITE}`,
    'Linkerd Server and policy.linkerd.io HTTPRoute objects',
  ],
  readsKinds: [KINDS.linkerdServer, KINDS.linkerdHttpRoute],
  why: 'The kubelet has no mesh certificate: with strict mTLS its HTTP probes fail unless the mesh rewrites them (Istio does by default) or explicitly authorizes them (Linkerd, once a Server has HTTPRoutes).',
  run(context) {
    const { workload, resources } = context;
    const probes = appContainers(workload).flatMap(container =>
      container.probes
        .filter(probe => probe.handler === 'httpGet')
        .map(probe => `${container.name} ${probe.kind}`),
    );
    if (probes.length === 0) return [passed(context, 'No httpGet probes')];
    const annotations = workload.template.annotations;
    const findings: CheckFinding[] = [];
    const fail = (
      meshes: MeshId[],
      field: string,
      message: string,
      remediation: string,
      snippet?: string,
    ) =>
      findings.push({
        status: 'fail',
        object: workloadRef(workload),
        field,
        meshes,
        message,
        remediation,
        snippet,
      });

    if (annotations[ISTIO_REWRITE] === 'false') {
      fail(
        ['istio-sidecar'],
        templateField(workload, `metadata.annotations["${ISTIO_REWRITE}"]`),
        `${workloadLabel(
          workload,
        )} turns off Istio probe rewriting (${ISTIO_REWRITE}: "false") but has HTTP probes (${probes.join(
          ', ',
        )}); they fail under STRICT mTLS`,
        'Remove the annotation so Istio rewrites the probes (the default).',
        `metadata:\n  annotations:\n    ${ISTIO_REWRITE}: "true"`,
      );
    }
    if (annotations[CONSUL_OVERWRITE] === 'false') {
      fail(
        ['consul'],
        templateField(workload, `metadata.annotations["${CONSUL_OVERWRITE}"]`),
        `${workloadLabel(
          workload,
        )} turns off Consul probe overwriting but has HTTP probes (${probes.join(
          ', ',
        )}); with transparent proxy the kubelet cannot reach them`,
        'Set the annotation to "true" so consul-k8s redirects probes to a non-mTLS port.',
        `metadata:\n  annotations:\n    ${CONSUL_OVERWRITE}: "true"`,
      );
    }
    if (resources.linkerd.httpRoutes.length > 0) {
      const route = resources.linkerd.httpRoutes[0];
      fail(
        ['linkerd'],
        templateField(workload, 'spec.containers'),
        `HTTPRoute ${
          route.metadata.name
        } is attached to a Server of ${workloadLabel(
          workload,
        )}, so Linkerd no longer authorizes kubelet probes (${probes.join(
          ', ',
        )}) by default`,
        'Add an HTTPRoute for the probe paths and an AuthorizationPolicy that allows unauthenticated access to it.',
      );
    }
    return orPass(
      findings,
      context,
      'HTTP probes are rewritten or authorized by the meshes',
    );
  },
};
