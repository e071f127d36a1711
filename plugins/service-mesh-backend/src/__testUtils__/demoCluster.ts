/* eslint-disable jest/no-export -- shared test helpers, not a test file */
import { KubeObject, parseManifests } from '@meshwise/mesh-engine';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The demo cluster's manifests: several meshes, namespaces and workload kinds. */
const DEMO = resolve(__dirname, '../../../../examples/clusters/demo');

/** The demo cluster's objects, parsed without a finding. */
export function demoObjects(): KubeObject[] {
  const { objects, findings } = parseManifests(
    readdirSync(DEMO)
      .filter(name => name.endsWith('.yaml'))
      .sort()
      .map(name => ({
        path: name,
        content: readFileSync(join(DEMO, name), 'utf8'),
      })),
  );
  expect(findings).toEqual([]);
  return objects;
}
