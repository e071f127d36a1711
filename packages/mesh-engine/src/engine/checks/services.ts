import { KINDS } from '../model/kubeObject';
import { consulServiceName } from '../workloads/meshResources';
import { templateField, workloadRef } from '../workloads/workload';
import { orPass, passed, serviceRef, workloadLabel } from './helpers';
import { CheckFinding, ReadinessCheck } from './types';

export const serviceAssociationCheck: ReadinessCheck = {
  id: 'MR-SERVICE-ASSOCIATION',
  title: 'A Service selects the workload',
  severity: 'error',
  severityFor: { 'istio-sidecar': 'info', 'aws-app-mesh': 'info' },
  category: 'readiness',
  meshes: ['consul', 'istio-sidecar', 'aws-app-mesh'],
  reads: ['Service spec.selector vs pod template labels'],
  readsKinds: [KINDS.service],
  why: 'Consul registers mesh services from Kubernetes Services and refuses pods without one; Istio names and routes workloads by their Services.',
  run(context) {
    const { workload } = context;
    if (workload.services.length > 0) {
      return [
        passed(
          context,
          `Selected by Service ${workload.services
            .map(s => s.name)
            .join(', ')}`,
        ),
      ];
    }
    return [
      {
        status: 'fail',
        object: workloadRef(workload),
        field: templateField(workload, 'metadata.labels'),
        message: `No Service selects ${workloadLabel(workload)}`,
        remediation:
          'Add a Service whose selector matches the pod template labels (a headless Service is enough for Consul).',
        snippet: [
          'apiVersion: v1',
          'kind: Service',
          'metadata:',
          `  name: ${workload.name}`,
          `  namespace: ${workload.namespace}`,
          'spec:',
          '  clusterIP: None',
          '  selector:',
          ...Object.entries(workload.template.labels)
            .slice(0, 2)
            .map(([key, value]) => `    ${key}: ${value}`),
        ].join('\n'),
      },
    ];
  },
};

export const headlessCheck: ReadinessCheck = {
  id: 'MR-HEADLESS',
  title: 'Headless Services are prepared for the mesh',
  severity: 'warning',
  category: 'readiness',
  meshes: ['linkerd', 'istio-sidecar'],
  reads: [
    'Service spec.clusterIP',
    'pod template annotation config.linkerd.io/opaque-ports',
  ],
  readsKinds: [KINDS.service],
  why: 'Clients of headless Services call pod IPs directly: Linkerd does not apply appProtocol there, and Istio routing rules do not match pod-IP traffic.',
  run(context) {
    const { workload } = context;
    const findings: CheckFinding[] = workload.services
      .filter(service => service.headless)
      .map(service => ({
        status: 'fail',
        object: serviceRef(service),
        field: 'spec.clusterIP',
        message: `Service ${
          service.name
        } is headless: clients reach ${workloadLabel(
          workload,
        )} by pod IP, so Istio routing rules do not apply and Linkerd ignores appProtocol`,
        remediation:
          'Linkerd: list non-HTTP ports in config.linkerd.io/opaque-ports on the pod template. Istio: expect passthrough for pod-IP traffic or add a ClusterIP Service for routed clients.',
        snippet: `metadata:\n  annotations:\n    config.linkerd.io/opaque-ports: "${service.ports
          .map(port => port.port)
          .join(',')}"`,
      }));
    return orPass(
      findings,
      context,
      'No headless Service selects the workload',
    );
  },
};

export const consulServiceAccountNameCheck: ReadinessCheck = {
  id: 'MR-CONSUL-SA-NAME',
  title: 'Consul service name matches the ServiceAccount',
  severity: 'error',
  category: 'readiness',
  meshes: ['consul'],
  reads: [
    'Service metadata.name',
    'pod template spec.serviceAccountName',
    'annotation consul.hashicorp.com/connect-service',
  ],
  readsKinds: [KINDS.service],
  why: 'With Consul ACLs enabled, a pod can only register as the service named like its ServiceAccount.',
  run(context) {
    const { workload } = context;
    if (workload.services.length === 0) {
      return [
        passed(
          context,
          'No Service selects the workload (see MR-SERVICE-ASSOCIATION)',
        ),
      ];
    }
    const serviceName = consulServiceName(workload);
    const account = workload.template.spec.serviceAccountName;
    if (serviceName === account) {
      return [
        passed(
          context,
          `ServiceAccount ${account} matches the Consul service name`,
        ),
      ];
    }
    return orPass(
      [
        {
          status: 'fail',
          object: workloadRef(workload),
          field: templateField(workload, 'spec.serviceAccountName'),
          message: `${workloadLabel(
            workload,
          )} runs as ServiceAccount ${account} but registers in Consul as ${serviceName}; with ACLs enabled the names must match`,
          remediation: `Run the pods under a ServiceAccount named ${serviceName}.`,
          snippet: `spec:\n  serviceAccountName: ${serviceName}`,
        },
      ],
      context,
      '',
    );
  },
};
