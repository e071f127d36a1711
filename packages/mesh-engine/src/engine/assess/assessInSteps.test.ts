import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  deployment,
  indexFromYaml,
  namespace,
  service,
} from '../__testUtils__/manifests';
import {
  buildClusterIndex,
  buildClusterIndexInSteps,
  ClusterIndex,
} from '../cluster/clusterIndex';
import { runSteps, Steps } from '../cluster/steps';
import { groupKindOfObject, KubeObject } from '../model/kubeObject';
import { parseManifests } from '../parse/parseManifests';
import {
  listWorkloads,
  listWorkloadsInSteps,
} from '../workloads/listWorkloads';
import {
  prepareWorkloadSelectionInSteps,
  selectWorkloads,
} from '../workloads/selectWorkloads';
import { Workload } from '../workloads/workload';
import { assessService } from './assessService';
import { assessWorkload } from './assessWorkload';
import { ServiceSummary, summarizeService } from './summarizeService';
import { targetReadiness, targetReadinessInSteps } from './targetReadiness';
import { AssessServiceOptions } from './types';

/** The demo cluster: several meshes, namespaces and workload kinds. */
const DEMO = resolve(__dirname, '../../../../../examples/clusters/demo');

function demoObjects(): KubeObject[] {
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

/** Drives steps one at a time, counting them, and returns the result. */
function drive<T>(steps: Steps<T>): { value: T; count: number } {
  let count = 0;
  for (;;) {
    const step = steps.next();
    if (step.done) return { value: step.value, count };
    count++;
  }
}

/** The services to compare: each namespace's workloads, and all together. */
function servicesOf(index: ClusterIndex): Array<[string, Workload[]]> {
  const all = listWorkloads(index);
  const namespaces = [...new Set(all.map(workload => workload.namespace))];
  return [
    ['every workload', [...all]],
    ...namespaces.map(
      name =>
        [name, all.filter(workload => workload.namespace === name)] as [
          string,
          Workload[],
        ],
    ),
  ];
}

const OPTIONS: AssessServiceOptions[] = [
  {},
  { targetMesh: 'istio-sidecar' },
  { targetMesh: 'linkerd' },
];

describe('the demo cluster, indexed and assessed in steps', () => {
  const objects = demoObjects();

  it('indexes the cluster in steps as at once, the later of two copies winning across steps', () => {
    // Each object three times, a later copy marked: only the last is kept.
    const input = [1, 2, 3].flatMap(copy =>
      objects.map(object => ({
        ...object,
        metadata: {
          ...object.metadata,
          labels: { ...object.metadata.labels, copy: String(copy) },
        },
      })),
    );
    const whole = buildClusterIndex(input);
    const { value: sliced, count } = drive(buildClusterIndexInSteps(input));
    expect(count).toBeGreaterThan(1);
    expect(sliced.objects).toEqual(whole.objects);
    expect(sliced.objects).toHaveLength(objects.length);
    expect(
      sliced.objects.every(object => object.metadata.labels?.copy === '3'),
    ).toBe(true);
    expect(sliced.namespaces()).toEqual(whole.namespaces());
    for (const object of whole.objects) {
      const groupKind = groupKindOfObject(object);
      const { namespace: ns, name } = object.metadata;
      expect(sliced.list(groupKind, ns)).toEqual(whole.list(groupKind, ns));
      expect(sliced.get(groupKind, ns, name)).toBe(object);
    }
  });

  it('builds the workloads in steps, one at least per controller and pod, as at once', () => {
    const whole = listWorkloads(buildClusterIndex(objects));
    const index = buildClusterIndex(objects);
    const { value: sliced, count } = drive(listWorkloadsInSteps(index));
    expect(sliced).toEqual(whole);
    expect(count).toBeGreaterThanOrEqual(index.list('Pod').length);
    // The steps filled the memo: nothing is built twice.
    expect(listWorkloads(index)).toBe(sliced);
  });

  it('shares one build between a caller in steps and one that needs the workloads now', () => {
    const index = buildClusterIndex(objects);
    const steps = prepareWorkloadSelectionInSteps(index);
    for (let i = 0; i < 5; i++) expect(steps.next().done).toBe(false);
    // A request needs them now: it finishes the build the steps started.
    const now = listWorkloads(index);
    expect(now).toEqual(listWorkloads(buildClusterIndex(objects)));
    runSteps(steps);
    expect(listWorkloads(index)).toBe(now);
    expect(selectWorkloads(index, { namespace: 'storefront' })).toEqual(
      selectWorkloads(buildClusterIndex(objects), { namespace: 'storefront' }),
    );
  });

  it('summarises workload by workload as assessService does', () => {
    const index = buildClusterIndex(objects);
    const services = servicesOf(index);
    expect(services.length).toBeGreaterThan(5);
    for (const options of OPTIONS) {
      // Summaries of several services under way at once, as a scanner
      // interleaves entities: each keeps to its own workloads.
      const summaries = services.map(() => new ServiceSummary(options));
      const longest = Math.max(...services.map(([, list]) => list.length));
      for (let at = 0; at < longest; at++) {
        services.forEach(([, workloads], i) => {
          if (at < workloads.length)
            summaries[i].add(assessWorkload(workloads[at], index));
        });
      }
      services.forEach(([name, workloads], i) => {
        const whole = assessService(workloads, index, options);
        expect({ name, assessment: summaries[i].result() }).toEqual({
          name,
          assessment: whole,
        });
        expect(
          summarizeService(
            workloads.map(workload => assessWorkload(workload, index)),
            options,
          ),
        ).toEqual(whole);
      });
    }
  });

  it('gives the readiness per target in a step per target, as at once', () => {
    const index = buildClusterIndex(objects);
    for (const [name, workloads] of servicesOf(index)) {
      const assessment = assessService(workloads, index);
      const { value, count } = drive(targetReadinessInSteps(assessment));
      expect(count).toBe(assessment.scores.length);
      expect({ name, readiness: value }).toEqual({
        name,
        readiness: targetReadiness(assessment),
      });
    }
  });

  it('summarises in steps as at once when kinds could not be listed', () => {
    const index = buildClusterIndex(objects, {
      unreadableKinds: [
        'PeerAuthentication.security.istio.io',
        'ConfigMap',
        'Server.policy.linkerd.io',
      ],
    });
    for (const [name, workloads] of servicesOf(index)) {
      const summary = new ServiceSummary({ targetMesh: 'istio-sidecar' });
      workloads.forEach(workload =>
        summary.add(assessWorkload(workload, index)),
      );
      expect({ name, assessment: summary.result() }).toEqual({
        name,
        assessment: assessService(workloads, index, {
          targetMesh: 'istio-sidecar',
        }),
      });
    }
  });
});

describe('summarising a service', () => {
  // A Service with an unnamed port: a finding on the Service, shared by
  // both workloads; one of them uses hostNetwork and cannot be meshed.
  const index = indexFromYaml(
    namespace('shop'),
    deployment({
      name: 'host',
      labels: { app: 'app' },
      podSpec: 'hostNetwork: true\ncontainers: [{name: app, image: x}]',
    }),
    deployment({ name: 'app' }),
    service('app', 'shop', { app: 'app' }, '- {port: 9080}'),
  );
  const [host, meshable] = ['host', 'app'].map(
    name => listWorkloads(index).find(workload => workload.name === name)!,
  );

  it('counts a shared finding once a meshable workload has it, whichever came first', () => {
    const hostFirst = assessService([host, meshable], index);
    const meshableFirst = assessService([meshable, host], index);
    expect(hostFirst.scores).toEqual(meshableFirst.scores);
    expect(hostFirst.stage).toBe(meshableFirst.stage);
    const shared = hostFirst.findings.find(
      finding => finding.checkId === 'MR-PORT-PROTOCOL',
    );
    expect(shared?.workloads).toEqual([host.id, meshable.id]);
    const istio = hostFirst.scores.find(s => s.mesh === 'istio-sidecar')!;
    expect(istio.blocking + istio.warnings).toBeGreaterThan(0);
    // Alone, the hostNetwork workload's findings count for nothing.
    expect(
      assessService([host], index).scores.every(
        score => score.blocking === 0 && score.warnings === 0,
      ),
    ).toBe(true);
  });
});

describe('a service of hundreds of workloads', () => {
  /**
   * `count` Deployments in one namespace, each with its own Service whose
   * port is unnamed: per-workload findings, and namespace findings every
   * workload shares (the shapes whose deduplication and scoring grew with
   * the square of the workloads).
   */
  function fleet(count: number) {
    const documents = [namespace('batch')];
    for (let i = 0; i < count; i++) {
      const name = `worker-${i}`;
      documents.push(
        deployment({ name, namespace: 'batch' }),
        service(name, 'batch', { app: name }, '- {port: 8080}'),
      );
    }
    const index = indexFromYaml(...documents);
    const workloads = listWorkloads(index);
    expect(workloads).toHaveLength(count);
    return { index, workloads };
  }

  /** The fastest of a few runs: the least disturbed by other processes. */
  function fastest(run: () => void): number {
    let best = Infinity;
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      run();
      best = Math.min(best, performance.now() - started);
    }
    return best;
  }

  it('is assessed and summarised in time that grows linearly with its workloads', () => {
    const small = fleet(400);
    const large = fleet(800);
    const assessedSmall = small.workloads.map(w =>
      assessWorkload(w, small.index),
    );
    const assessedLarge = large.workloads.map(w =>
      assessWorkload(w, large.index),
    );
    const summarise = {
      small: fastest(() => summarizeService(assessedSmall)),
      large: fastest(() => summarizeService(assessedLarge)),
    };
    const assess = {
      small: fastest(() => assessService(small.workloads, small.index)),
      large: fastest(() => assessService(large.workloads, large.index)),
    };
    // Twice the workloads, about twice the time; the square would be four.
    expect(summarise.large / summarise.small).toBeLessThan(3);
    expect(assess.large / assess.small).toBeLessThan(3);
  });
});
