import { AdoptionStage } from '@meshwise/backstage-plugin-service-mesh-common';
import { demoStageOn } from './demoAdoptionCurve';

const refs = Array.from(
  { length: 400 },
  (_, i) => `component:default/service-${i}`,
);
const ADVANCED: AdoptionStage[] = ['onboarding', 'meshed', 'secured'];

/** How many of the services are in one of `stages`, `daysAgo` days ago. */
function countIn(
  stageToday: AdoptionStage,
  daysAgo: number,
  stages: AdoptionStage[],
) {
  return refs.filter(ref =>
    stages.includes(demoStageOn(ref, stageToday, daysAgo, 90)),
  ).length;
}

describe('demoStageOn', () => {
  it('is today stage today, and the same on every call', () => {
    for (const ref of refs.slice(0, 20)) {
      expect(demoStageOn(ref, 'secured', 0, 90)).toBe('secured');
      expect(demoStageOn(ref, 'meshed', 37, 90)).toBe(
        demoStageOn(ref, 'meshed', 37, 90),
      );
    }
  });

  it('has fewer services meshed further back, and more not assessed or ready', () => {
    const meshedBy = [1, 30, 60, 90].map(days =>
      countIn('secured', days, ADVANCED),
    );
    const waitingBy = [1, 30, 60, 90].map(days =>
      countIn('secured', days, ['not-assessed', 'ready']),
    );
    expect(meshedBy[0]).toBeGreaterThan(meshedBy[1]);
    expect(meshedBy[1]).toBeGreaterThan(meshedBy[2]);
    expect(meshedBy[2]).toBeGreaterThan(meshedBy[3]);
    expect(waitingBy[0]).toBeLessThan(waitingBy[3]);
    // A rollout that speeds up: more services secured in the last month
    // than in the first.
    const securedBy = [1, 30, 60, 90].map(days =>
      countIn('secured', days, ['secured']),
    );
    expect(securedBy[0] - securedBy[1]).toBeGreaterThan(
      securedBy[2] - securedBy[3],
    );
  });

  it('moves each service only forward along its path', () => {
    const order: AdoptionStage[] = [
      'not-assessed',
      'ready',
      'onboarding',
      'meshed',
      'secured',
    ];
    for (const ref of refs) {
      let previous = order.length;
      for (let days = 0; days <= 120; days++) {
        const index = order.indexOf(demoStageOn(ref, 'secured', days, 90));
        expect(index).toBeGreaterThanOrEqual(0);
        expect(index).toBeLessThanOrEqual(previous);
        previous = index;
      }
    }
  });

  it('keeps stages outside the adoption path unchanged', () => {
    for (const stage of [
      'not-assessed',
      'not-applicable',
      'must-migrate',
    ] as AdoptionStage[]) {
      expect(demoStageOn(refs[0], stage, 80, 90)).toBe(stage);
    }
    expect(['not-assessed', 'blocked']).toContain(
      demoStageOn(refs[1], 'blocked', 80, 90),
    );
  });
});
