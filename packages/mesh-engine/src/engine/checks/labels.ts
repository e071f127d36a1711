import { KINDS } from '../model/kubeObject';
import { templateField, workloadRef } from '../workloads/workload';
import { orPass, passed, serviceRef, workloadLabel } from './helpers';
import { CheckFinding, ReadinessCheck } from './types';

const APP_LABELS = [
  'service.istio.io/canonical-name',
  'app.kubernetes.io/name',
  'app',
];
const VERSION_LABELS = [
  'service.istio.io/canonical-revision',
  'app.kubernetes.io/version',
  'version',
];

export const appLabelCheck: ReadinessCheck = {
  id: 'MR-LABEL-APP',
  title: 'Pods carry an application identity label',
  severity: 'warning',
  category: 'readiness',
  meshes: ['istio-sidecar', 'istio-ambient', 'kuma'],
  reads: APP_LABELS.map(label => `pod template label ${label}`),
  readsKinds: [],
  why: 'Telemetry, Kiali and policies name workloads by app label; without one Istio falls back to the workload name and Kiali reports "Missing App".',
  run(context) {
    const { workload } = context;
    const present = APP_LABELS.find(label => workload.template.labels[label]);
    if (present) {
      return [
        passed(
          context,
          `Pod template has ${present}=${workload.template.labels[present]}`,
        ),
      ];
    }
    return [
      {
        status: 'fail',
        object: workloadRef(workload),
        field: templateField(workload, 'metadata.labels'),
        message: `Pod template of ${workloadLabel(
          workload,
        )} has no app label (app, app.kubernetes.io/name or service.istio.io/canonical-name)`,
        remediation:
          'Add an app label to the pod template (and to the selector if you change it).',
        snippet: `metadata:\n  labels:\n    app: ${workload.name}`,
      },
    ];
  },
};

export const versionLabelCheck: ReadinessCheck = {
  id: 'MR-LABEL-VERSION',
  title: 'Pods carry a version label',
  severity: 'info',
  category: 'readiness',
  meshes: ['istio-sidecar', 'istio-ambient'],
  reads: VERSION_LABELS.map(label => `pod template label ${label}`),
  readsKinds: [],
  why: 'Without a version label Istio reports every pod as revision "latest", and subsets and canary routing have nothing to select on.',
  run(context) {
    const { workload } = context;
    const present = VERSION_LABELS.find(
      label => workload.template.labels[label],
    );
    if (present) {
      return [
        passed(
          context,
          `Pod template has ${present}=${workload.template.labels[present]}`,
        ),
      ];
    }
    return [
      {
        status: 'fail',
        object: workloadRef(workload),
        field: templateField(workload, 'metadata.labels'),
        message: `Pod template of ${workloadLabel(
          workload,
        )} has no version label (version, app.kubernetes.io/version or service.istio.io/canonical-revision)`,
        remediation: 'Add a version label to the pod template.',
        snippet: 'metadata:\n  labels:\n    version: v1',
      },
    ];
  },
};

const isLinkerdConfigKey = (key: string) =>
  key.startsWith('config.linkerd.io/') ||
  key.startsWith('config.alpha.linkerd.io/') ||
  key === 'linkerd.io/inject';

export const annotationAsLabelCheck: ReadinessCheck = {
  id: 'MR-ANNOTATION-AS-LABEL',
  title: 'Mesh settings use the right metadata type',
  severity: 'warning',
  category: 'readiness',
  meshes: ['linkerd', 'kuma'],
  reads: [
    'pod template and Service labels config.linkerd.io/*, config.alpha.linkerd.io/*, linkerd.io/inject',
    'Service annotation mirror.linkerd.io/exported',
    'pod template annotation kuma.io/sidecar-injection',
  ],
  readsKinds: [KINDS.service],
  why: 'Meshes only read each key from one place: a Linkerd config key set as a label, or a Kuma injection label set as an annotation, is silently ignored (or deprecated).',
  run(context) {
    const { workload } = context;
    const findings: CheckFinding[] = [];
    for (const key of Object.keys(workload.template.labels).filter(
      isLinkerdConfigKey,
    )) {
      findings.push({
        status: 'fail',
        meshes: ['linkerd'],
        object: workloadRef(workload),
        field: templateField(workload, `metadata.labels["${key}"]`),
        message: `Pod template of ${workloadLabel(
          workload,
        )} sets ${key} as a label; Linkerd reads it only as an annotation`,
        remediation: `Move ${key} from metadata.labels to metadata.annotations.`,
        snippet: `metadata:\n  annotations:\n    ${key}: "${workload.template.labels[key]}"`,
      });
    }
    for (const service of workload.services) {
      for (const key of Object.keys(service.labels).filter(
        isLinkerdConfigKey,
      )) {
        findings.push({
          status: 'fail',
          meshes: ['linkerd'],
          object: serviceRef(service),
          field: `metadata.labels["${key}"]`,
          message: `Service ${service.name} sets ${key} as a label; Linkerd reads it only as an annotation`,
          remediation: `Move ${key} from metadata.labels to metadata.annotations.`,
        });
      }
      if (service.annotations['mirror.linkerd.io/exported'] !== undefined) {
        findings.push({
          status: 'fail',
          meshes: ['linkerd'],
          object: serviceRef(service),
          field: 'metadata.annotations["mirror.linkerd.io/exported"]',
          message: `Service ${service.name} sets mirror.linkerd.io/exported as an annotation; Linkerd multicluster reads it only as a label`,
          remediation:
            'Move mirror.linkerd.io/exported from metadata.annotations to metadata.labels.',
          snippet: `metadata:\n  labels:\n    mirror.linkerd.io/exported: "${service.annotations['mirror.linkerd.io/exported']}"`,
        });
      }
    }
    const kumaValue =
      workload.template.annotations['kuma.io/sidecar-injection'];
    if (kumaValue !== undefined) {
      findings.push({
        status: 'fail',
        meshes: ['kuma'],
        object: workloadRef(workload),
        field: templateField(
          workload,
          'metadata.annotations["kuma.io/sidecar-injection"]',
        ),
        message: `Pod template of ${workloadLabel(
          workload,
        )} sets kuma.io/sidecar-injection as an annotation, which Kuma deprecates; use a label`,
        remediation:
          'Move kuma.io/sidecar-injection from metadata.annotations to metadata.labels.',
        snippet: `metadata:\n  labels:\n    kuma.io/sidecar-injection: ${kumaValue}`,
      });
    }
    return orPass(
      findings,
      context,
      'Mesh settings are set as the right metadata type',
    );
  },
};
