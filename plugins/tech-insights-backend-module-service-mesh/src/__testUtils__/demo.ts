/* eslint-disable jest/no-export -- shared test helpers, not a test file */
import { Entity } from '@backstage/catalog-model';
import { resolve } from 'node:path';

/**
 * The demo's app-config (the repository's `app-config.yaml`), parsed by the
 * YAML transform of Backstage's Jest config: tests run its `techInsights`
 * section as the demo does.
 */
// The demo's config is a file of the repository, not of a package.
// eslint-disable-next-line @typescript-eslint/no-require-imports, @backstage/no-relative-monorepo-imports
export const demoAppConfig = require('../../../../app-config.yaml');

/** The demo cluster state: one cluster of manifests, no cluster needed. */
export const DEMO_MANIFESTS = resolve(
  __dirname,
  '../../../../examples/clusters/demo',
);

/** A service of the demo catalog, found by its `backstage.io/kubernetes-id`. */
export function demoService(name: string, kubernetesId?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: kubernetesId
        ? { 'backstage.io/kubernetes-id': kubernetesId }
        : {},
    },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
  };
}
