import { MESH_KNOWLEDGE_BASE, findMeshEntry } from '../knowledgeBase';
import type {
  MeshEntry,
  OverheadMeasurement,
} from '@meshwise/backstage-plugin-service-mesh-common';
import { compareOverhead, overheadStanding } from './overhead';
import { recommendMeshes } from './recommendMeshes';

const comparisons = compareOverhead(MESH_KNOWLEDGE_BASE);

describe('compareOverhead', () => {
  it('compares only figures from one study at one load', () => {
    for (const c of comparisons) {
      const urls = new Set(c.evidence.map(e => e.measurement.source.url));
      const loads = new Set(c.evidence.map(e => e.measurement.load));
      expect(urls.size).toBe(1);
      expect(loads.size).toBe(1);
    }
  });

  it('ignores figures the research could not verify', () => {
    expect(
      comparisons.flatMap(c => c.evidence).every(e => e.measurement.verified),
    ).toBe(true);
    // Cilium's only figures are second-hand, so it has no comparisons.
    expect(overheadStanding('cilium', comparisons)).toMatchObject({
      wins: 0,
      losses: 0,
      score: 0.5,
    });
  });

  it('reads the Istio 1.24 per-proxy figures: ztunnel is lighter than a sidecar', () => {
    const cpu = comparisons.find(
      c => c.metric === 'proxy-cpu' && c.load === '1000 HTTP rps, 1 KB payload',
    )!;
    expect(cpu.entries).toEqual(['istio-ambient', 'istio-sidecar']);
    expect(cpu.winner).toBe('istio-ambient');
  });

  it('turns a relative figure into a win for the other entry', () => {
    const relative = comparisons.find(
      c => c.evidence.length === 1 && c.evidence[0].measurement.value === 163,
    )!;
    expect(relative).toMatchObject({
      entries: ['istio-sidecar', 'linkerd'],
      winner: 'linkerd',
    });
  });

  it('counts ties and converts units before comparing', () => {
    const base = findMeshEntry(MESH_KNOWLEDGE_BASE, 'kuma')!;
    const figure = (
      value: number,
      unit: OverheadMeasurement['unit'],
    ): OverheadMeasurement => ({
      metric: 'proxy-memory',
      value,
      unit,
      component: 'proxy',
      load: '100 rps',
      harness: 'test',
      source: { title: 'Study', url: 'https://example.com/study' },
      checkedOn: '2026-11-22',
      verified: true,
    });
    const entries: MeshEntry[] = [
      { ...base, id: 'a-mesh', overhead: [figure(1, 'GB')] },
      { ...base, id: 'b-mesh', overhead: [figure(1024, 'MB')] },
      { ...base, id: 'c-mesh', overhead: [figure(2000, 'MB')] },
    ];
    const result = compareOverhead({
      capabilities: MESH_KNOWLEDGE_BASE.capabilities,
      entries,
    });
    expect(result.map(c => [c.entries, c.winner])).toEqual([
      [['a-mesh', 'b-mesh'], undefined],
      [['a-mesh', 'c-mesh'], 'a-mesh'],
      [['b-mesh', 'c-mesh'], 'b-mesh'],
    ]);
    expect(overheadStanding('a-mesh', result)).toEqual(
      expect.objectContaining({ wins: 1, ties: 1, losses: 0, score: 2.5 / 4 }),
    );
  });
});

describe('low-overhead preference', () => {
  it('prefers the entries that won published comparisons, and says why', () => {
    const result = recommendMeshes({
      platforms: ['kubernetes'],
      preferences: { lowOverhead: true },
    });
    const score = (id: string) =>
      result.ranked.find(r => r.id === id)!.scores.overhead!;
    expect(score('linkerd')).toBeGreaterThan(score('istio-ambient'));
    expect(score('istio-ambient')).toBeGreaterThan(score('consul'));
    expect(score('consul')).toBe(0.5);
    expect(score('consul')).toBeGreaterThan(score('istio-sidecar'));

    const consul = result.ranked.find(r => r.id === 'consul')!;
    expect(consul.reasons).toContainEqual(
      expect.objectContaining({
        criterion: 'overhead',
        text: expect.stringContaining(
          'No published head-to-head overhead figures',
        ),
        ref: { entryId: 'consul', field: 'dataPlaneModel' },
      }),
    );
    const linkerd = result.ranked.find(r => r.id === 'linkerd')!;
    expect(linkerd.reasons).toContainEqual(
      expect.objectContaining({
        kind: 'positive',
        text: expect.stringMatching(
          /^Lower proxy memory than Istio \(sidecar\): 26\.3 MB .* vs 156\.2 MB .*Benchmarking Linkerd and Istio: 2021 Redux, 2021-11-29, vendor-affiliated\.$/,
        ),
      }),
    );
  });
});
