import { AdoptionStage } from '@meshwise/backstage-plugin-service-mesh-common';

/**
 * The stages a service plausibly went through to reach its stage today,
 * oldest first. Stages outside the adoption path (not assessed, not
 * applicable, on a discontinued mesh) are taken as unchanged.
 */
const PATHS: Partial<Record<AdoptionStage, AdoptionStage[]>> = {
  ready: ['not-assessed', 'ready'],
  blocked: ['not-assessed', 'blocked'],
  onboarding: ['not-assessed', 'ready', 'onboarding'],
  meshed: ['not-assessed', 'ready', 'onboarding', 'meshed'],
  secured: ['not-assessed', 'ready', 'onboarding', 'meshed', 'secured'],
};

/**
 * When a service left "not assessed", as a share of the window: from 0.5 to
 * 1.7, so more than half of them had left it before the window starts.
 */
const FIRST_STEP = { from: 0.5, span: 1.2 };

/**
 * Each later step comes after 35 to 85% of the time left since the step
 * before: steps bunch up towards today, as a rollout speeds up once the
 * first teams are on the mesh.
 */
const NEXT_STEP = { from: 0.35, span: 0.5 };

/**
 * The stage a service was in `daysAgo` days before today, for demo history.
 * Deterministic (a hash of the entity ref, no randomness), so every replica
 * and every restart derives the same history.
 */
export function demoStageOn(
  entityRef: string,
  stageToday: AdoptionStage,
  daysAgo: number,
  windowDays: number,
): AdoptionStage {
  const path = PATHS[stageToday];
  if (!path || daysAgo <= 0) return stageToday;
  // The day each later stage of the path was entered, in days ago, the
  // earliest first; every one at least a day ago.
  const entered: number[] = [];
  let ago =
    Math.max(1, windowDays) *
    (FIRST_STEP.from + FIRST_STEP.span * unitHash(`${entityRef}\u00000`));
  for (let step = 1; step < path.length; step++) {
    entered.push(Math.max(1, Math.ceil(ago)));
    ago *=
      NEXT_STEP.from + NEXT_STEP.span * unitHash(`${entityRef}\u0000${step}`);
  }
  const reached = entered.filter(day => day > daysAgo).length;
  return path[reached];
}

/** FNV-1a (32 bit) of the text, as a number in [0, 1). */
function unitHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) / 2 ** 32;
}
