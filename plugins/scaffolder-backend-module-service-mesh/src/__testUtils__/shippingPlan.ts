/* eslint-disable jest/no-export -- shared test data, not a test file */
import { MigrationPlan } from '@meshwise/backstage-plugin-service-mesh-common';

/**
 * A plan as the service-mesh backend answers it for the demo's `shipping`
 * (on App Mesh) and Amazon VPC Lattice: an object, a patch, a step with
 * only commands, and what Lattice cannot carry. `yaml` is rendered the way
 * the backend renders it: one document per object or patch, each headed by
 * comments naming its step.
 */
export function shippingPlan(): MigrationPlan {
  return {
    target: 'gateway-api',
    service: 'shipping',
    steps: [
      {
        id: 'translate',
        order: 1,
        kind: 'translate',
        title: "Translate shipping's App Mesh routing",
        explanation:
          'The VirtualRouter shipping becomes an HTTPRoute.\nThe 90/10 split is kept.',
        manifests: [
          {
            description:
              'HTTPRoute shipping: the routes of VirtualRouter shipping',
            object: {
              apiVersion: 'gateway.networking.k8s.io/v1',
              kind: 'HTTPRoute',
              metadata: { name: 'shipping', namespace: 'logistics' },
              spec: {
                rules: [
                  {
                    backendRefs: [
                      { name: 'shipping-v1', port: 8080, weight: 90 },
                      { name: 'shipping-v2', port: 8080, weight: 10 },
                    ],
                  },
                ],
              },
            },
          },
        ],
      },
      {
        id: 'detach',
        order: 2,
        kind: 'cleanup',
        title: 'Detach from App Mesh injection',
        explanation: 'Stop injecting the Envoy sidecar, then restart the pods.',
        manifests: [
          {
            description: 'Remove the App Mesh injection label',
            patch: {
              target: { kind: 'Namespace', name: 'logistics' },
              type: 'json-merge',
              body: {
                metadata: {
                  labels: { 'appmesh.k8s.aws/sidecarInjectorWebhook': null },
                },
              },
            },
          },
          { description: 'Delete the App Mesh objects once traffic moved' },
        ],
        commands: [
          'kubectl rollout restart deployment/shipping-v1 -n logistics',
          'kubectl rollout restart deployment/shipping-v2 -n logistics',
        ],
      },
      {
        id: 'verify',
        order: 3,
        kind: 'verify',
        title: 'Verify',
        explanation: 'Watch the error rate of shipping for a day.',
        manifests: [],
      },
    ],
    manualActions: [
      {
        what: 'Carry the retry policy by hand',
        why: 'Amazon VPC Lattice has no per-route retries.',
        source:
          'VirtualRouter logistics/shipping spec.routes[0].httpRoute.retryPolicy',
      },
      {
        what: 'Recreate the outlier detection',
        why: 'No Lattice equivalent.',
        source:
          'VirtualNode logistics/shipping-v1 spec.listeners[0].outlierDetection',
      },
    ],
    yaml: [
      '---',
      "# Step 1 (translate): Translate shipping's App Mesh routing",
      '# HTTPRoute shipping: the routes of VirtualRouter shipping',
      'apiVersion: gateway.networking.k8s.io/v1',
      'kind: HTTPRoute',
      'metadata:',
      '  name: shipping',
      '  namespace: logistics',
      'spec:',
      '  rules:',
      '    - backendRefs:',
      '        - name: shipping-v1',
      '          port: 8080',
      '          weight: 90',
      '        - name: shipping-v2',
      '          port: 8080',
      '          weight: 10',
      '---',
      '# Step 2 (cleanup): Detach from App Mesh injection',
      '# Remove the App Mesh injection label',
      '# PATCH Namespace logistics (json-merge): kubectl patch namespace logistics --type merge --patch-file <this document>',
      'metadata:',
      '  labels:',
      '    appmesh.k8s.aws/sidecarInjectorWebhook: null',
      '',
    ].join('\n'),
  };
}
