import { MESH_KNOWLEDGE_BASE, findMeshEntry } from '../knowledgeBase';
import type {
  MeshEntry,
  MeshKnowledgeBase,
} from '@meshwise/backstage-plugin-service-mesh-common';
import { recommendMeshes } from './recommendMeshes';
import type { MeshRequirements } from '@meshwise/backstage-plugin-service-mesh-common';
import type {
  MeshRecommendation,
  RecommendationReason,
  RecommendationReasonRef,
} from '@meshwise/backstage-plugin-service-mesh-common';

const ranks = (result: MeshRecommendation) => result.ranked.map(r => r.id);
const ranked = (result: MeshRecommendation, id: string) =>
  result.ranked.find(r => r.id === id)!;

function withEntries(entries: MeshEntry[]): MeshKnowledgeBase {
  return { capabilities: MESH_KNOWLEDGE_BASE.capabilities, entries };
}

const RICH_REQUEST: MeshRequirements = {
  platforms: ['kubernetes', 'vms', 'multi-cluster'],
  mustHave: ['automatic-mtls', 'retries', 'mirroring'],
  niceToHave: ['jwt-authentication', 'rate-limiting', 'tracing', 'dashboards'],
  preferences: {
    controlPlane: 'self-hosted',
    lowOverhead: true,
    openSourceLicense: true,
    experience: ['istio-sidecar', 'linkerd'],
  },
  weights: { overhead: 2, experience: 0.5 },
};

describe('recommendMeshes', () => {
  it('accepts an empty request and ranks every active entry', () => {
    const result = recommendMeshes({});
    expect(result.ranked).toHaveLength(8);
    expect(result.excluded.map(e => e.id)).toEqual(['aws-app-mesh', 'osm']);
    // Without platforms, migration targets have nothing to serve.
    expect(
      result.ranked
        .slice(-2)
        .map(r => [r.id, r.standing])
        .sort(),
    ).toEqual([
      ['ecs-service-connect', 'outside-scope'],
      ['vpc-lattice', 'outside-scope'],
    ]);
  });

  it('never recommends App Mesh for ECS + mirroring, and names its successors', () => {
    expect(
      findMeshEntry(MESH_KNOWLEDGE_BASE, 'aws-app-mesh')!.capabilities[
        'platform-ecs'
      ].value,
    ).toBe('supported');

    const result = recommendMeshes({
      platforms: ['ecs'],
      mustHave: ['mirroring'],
    });

    expect(ranks(result)).not.toContain('aws-app-mesh');
    expect(result.ranked[0]).toMatchObject({
      id: 'kuma',
      standing: 'qualified',
    });
    const appMesh = result.excluded.find(e => e.id === 'aws-app-mesh')!;
    expect(appMesh).toMatchObject({
      status: 'discontinued',
      since: '2026-09-30',
      successors: [
        { id: 'ecs-service-connect', name: 'Amazon ECS Service Connect' },
        { id: 'vpc-lattice', name: 'Amazon VPC Lattice' },
      ],
    });
    expect(appMesh.reasons[0].text).toContain('discontinued since 2026-09-30');
    expect(appMesh.reasons[1].text).toMatch(
      /Amazon ECS Service Connect \(ranked #\d+\)/,
    );

    // The ECS successor is ranked on its merits, mirroring reported as unverified.
    expect(ranked(result, 'ecs-service-connect')).toMatchObject({
      standing: 'not-verified',
      failedMustHaves: [],
      unverifiedMustHaves: ['mirroring'],
    });
  });

  it.each<MeshRequirements>([
    {},
    { platforms: ['ecs'] },
    { platforms: ['kubernetes'], mustHave: ['weighted-routing'] },
    RICH_REQUEST,
  ])('never ranks a discontinued or archived entry (%j)', request => {
    const result = recommendMeshes(request);
    expect(ranks(result)).not.toContain('aws-app-mesh');
    expect(ranks(result)).not.toContain('osm');
    expect(result.excluded.map(e => e.id)).toEqual(['aws-app-mesh', 'osm']);
    expect(result.excluded.every(e => e.successors.length > 0)).toBe(true);
  });

  it('ranks entries failing a must-have below all that pass', () => {
    const result = recommendMeshes({
      platforms: ['kubernetes'],
      mustHave: ['mirroring'],
      weights: { featureCoverage: 10 },
    });
    expect(ranked(result, 'linkerd')).toMatchObject({
      standing: 'fails-must-have',
      failedMustHaves: ['mirroring'],
    });
    // Cilium's mirroring cell is "?" in the research: not a pass, not a fail.
    expect(ranked(result, 'cilium')).toMatchObject({
      standing: 'not-verified',
      failedMustHaves: [],
      unverifiedMustHaves: ['mirroring'],
    });
    expect(
      ranked(result, 'cilium').reasons.some(r =>
        r.text.startsWith('Traffic mirroring (must-have) is not verified'),
      ),
    ).toBe(true);

    const order = [
      'qualified',
      'not-verified',
      'fails-must-have',
      'outside-scope',
    ];
    const standings = result.ranked.map(r => order.indexOf(r.standing));
    expect(standings).toEqual([...standings].sort((a, b) => a - b));
    // Linkerd has the lower total yet the higher feature breadth than Cilium.
    expect(ranked(result, 'linkerd').scores.featureCoverage!).toBeGreaterThan(
      ranked(result, 'cilium').scores.featureCoverage!,
    );
    expect(ranked(result, 'linkerd').rank).toBeGreaterThan(
      ranked(result, 'cilium').rank,
    );
  });

  it('scores unknown nice-to-haves as neither pass nor fail', () => {
    const result = recommendMeshes({ niceToHave: ['mirroring'] });
    expect(ranked(result, 'kuma').scores.niceToHave).toBe(1);
    expect(ranked(result, 'cilium').scores.niceToHave).toBe(0.5);
    expect(ranked(result, 'linkerd').scores.niceToHave).toBe(0);
    expect(ranked(result, 'cilium').standing).toBe('qualified');
  });

  it('lets weights change the order', () => {
    const base: MeshRequirements = {
      platforms: ['kubernetes'],
      niceToHave: ['jwt-authentication'],
      preferences: { lowOverhead: true },
    };
    const featuresFirst = recommendMeshes({
      ...base,
      weights: { niceToHave: 10, overhead: 0, featureCoverage: 0 },
    });
    const overheadFirst = recommendMeshes({
      ...base,
      weights: { niceToHave: 0, overhead: 10, featureCoverage: 0 },
    });
    expect(ranked(featuresFirst, 'consul').rank).toBeLessThan(
      ranked(featuresFirst, 'linkerd').rank,
    );
    expect(ranked(overheadFirst, 'linkerd').rank).toBeLessThan(
      ranked(overheadFirst, 'consul').rank,
    );
  });

  it('ranks migration targets only where they serve a platform in use', () => {
    const onKubernetes = recommendMeshes({ platforms: ['kubernetes'] });
    expect(ranked(onKubernetes, 'vpc-lattice').standing).toBe('qualified');
    const serviceConnect = ranked(onKubernetes, 'ecs-service-connect');
    expect(serviceConnect.standing).toBe('outside-scope');
    expect(serviceConnect.rank).toBe(onKubernetes.ranked.length);
    expect(serviceConnect.reasons[0]).toMatchObject({
      kind: 'negative',
      text: expect.stringContaining(
        'a migration target for AWS App Mesh users on Amazon ECS',
      ),
      ref: { entryId: 'ecs-service-connect', capabilityId: 'platform-ecs' },
    });

    const onEcs = recommendMeshes({ platforms: ['ecs'] });
    expect(ranked(onEcs, 'ecs-service-connect').standing).toBe('qualified');
  });

  it('credits team experience, partly across modes of one project', () => {
    const result = recommendMeshes({
      preferences: { experience: ['istio-sidecar'] },
    });
    expect(ranked(result, 'istio-sidecar').scores.experience).toBe(1);
    expect(ranked(result, 'istio-ambient').scores.experience).toBe(0.5);
    expect(ranked(result, 'linkerd').scores.experience).toBe(0);
  });

  it('leaves criteria the request does not ask about out of the total', () => {
    const { scores, total } = ranked(recommendMeshes({}), 'kuma');
    expect(scores.platforms).toBeNull();
    expect(scores.overhead).toBeNull();
    expect(total).toBe(Math.round(scores.featureCoverage! * 1000) / 10);
  });

  it('is deterministic, whatever the order of the input', () => {
    const once = recommendMeshes(RICH_REQUEST);
    expect(recommendMeshes(RICH_REQUEST)).toEqual(once);

    const shuffled: MeshRequirements = {
      ...RICH_REQUEST,
      platforms: ['multi-cluster', 'kubernetes', 'vms', 'kubernetes'],
      mustHave: ['mirroring', 'retries', 'automatic-mtls'],
      niceToHave: [
        'dashboards',
        'tracing',
        'rate-limiting',
        'jwt-authentication',
        'retries',
      ],
      preferences: {
        ...RICH_REQUEST.preferences,
        experience: ['linkerd', 'istio-sidecar'],
      },
    };
    expect(recommendMeshes(shuffled)).toEqual(once);

    const reversedKb = withEntries([...MESH_KNOWLEDGE_BASE.entries].reverse());
    expect(recommendMeshes(RICH_REQUEST, reversedKb)).toEqual(once);
  });

  it('breaks ties by id', () => {
    const kuma = findMeshEntry(MESH_KNOWLEDGE_BASE, 'kuma')!;
    const kb = withEntries([
      { ...kuma, id: 'zeta-mesh', name: 'Zeta' },
      { ...kuma, id: 'alpha-mesh', name: 'Alpha' },
    ]);
    const result = recommendMeshes({ niceToHave: ['retries'] }, kb);
    expect(result.ranked[0].total).toBe(result.ranked[1].total);
    expect(ranks(result)).toEqual(['alpha-mesh', 'zeta-mesh']);
  });

  it('points every reason at a cell or field that exists', () => {
    const result = recommendMeshes(RICH_REQUEST);
    const reasons: RecommendationReason[] = [
      ...result.ranked.flatMap(r => r.reasons),
      ...result.excluded.flatMap(e => e.reasons),
    ];
    const refs = reasons.flatMap(r => (r.ref ? [r.ref] : []));
    expect(refs.length).toBeGreaterThan(50);
    const resolve = (ref: RecommendationReasonRef): unknown => {
      const entry = findMeshEntry(MESH_KNOWLEDGE_BASE, ref.entryId);
      if (!entry) return undefined;
      if ('capabilityId' in ref) return entry.capabilities[ref.capabilityId];
      if (ref.field === 'overhead') return entry.overhead[ref.measurementIndex];
      return entry[ref.field];
    };
    const dangling = refs.filter(ref => resolve(ref) === undefined);
    expect(dangling).toEqual([]);
    // Every capability an entry is judged on is explained with a reference.
    for (const entry of result.ranked) {
      for (const id of [
        'automatic-mtls',
        'mirroring',
        'platform-vms',
        'dashboards',
      ]) {
        expect(
          entry.reasons.some(
            r =>
              r.ref &&
              'capabilityId' in r.ref &&
              r.ref.capabilityId === id &&
              r.ref.entryId === entry.id,
          ),
        ).toBe(true);
      }
    }
  });

  it('flags cells that app-config overrode', () => {
    const linkerd = findMeshEntry(MESH_KNOWLEDGE_BASE, 'linkerd')!;
    const patched: MeshEntry = {
      ...linkerd,
      capabilities: {
        ...linkerd.capabilities,
        mirroring: {
          ...linkerd.capabilities.mirroring,
          value: 'supported',
          overridden: {
            by: 'app-config',
            previous: linkerd.capabilities.mirroring,
          },
        },
      },
    };
    const result = recommendMeshes(
      { mustHave: ['mirroring'] },
      withEntries([patched]),
    );
    expect(result.ranked[0].standing).toBe('qualified');
    expect(result.ranked[0].reasons).toContainEqual(
      expect.objectContaining({
        text: expect.stringContaining('(set in app-config)'),
      }),
    );
  });

  it('explains a deprecated entry without excluding it', () => {
    const kuma = findMeshEntry(MESH_KNOWLEDGE_BASE, 'kuma')!;
    const kb = withEntries([
      {
        ...kuma,
        lifecycle: {
          ...kuma.lifecycle,
          status: 'deprecated',
          since: '2027-01',
        },
      },
    ]);
    const [entry] = recommendMeshes({}, kb).ranked;
    expect(entry.reasons).toContainEqual(
      expect.objectContaining({
        kind: 'negative',
        text: expect.stringContaining('deprecated since 2027-01'),
        ref: { entryId: 'kuma', field: 'lifecycle' },
      }),
    );
  });

  it('rejects requests that name unknown capabilities', () => {
    expect(() => recommendMeshes({ mustHave: ['mirorring' as any] })).toThrow(
      /mirorring/,
    );
  });
});
