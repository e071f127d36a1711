import {
  ScorecardResponse,
  ScorecardRow,
  StageHistoryResponse,
} from '@meshwise/backstage-plugin-service-mesh-common';

/** Rows of the demo catalog as the scorecard lists them. */
export const SCORECARD_ROWS: ScorecardRow[] = [
  {
    entityRef: 'component:default/cart-api',
    kind: 'Component',
    namespace: 'default',
    name: 'cart-api',
    title: 'Cart API',
    owner: 'group:default/storefront-team',
    system: 'system:default/storefront',
    stage: 'secured',
    mesh: 'istio-sidecar',
    score: 100,
    blockingCount: 0,
    assessedAt: '2026-11-22T08:30:00.000Z',
  },
  {
    entityRef: 'component:default/events-ingest',
    kind: 'Component',
    namespace: 'default',
    name: 'events-ingest',
    title: 'Events Ingest',
    owner: 'group:default/data-team',
    system: 'system:default/analytics',
    stage: 'blocked',
    mesh: null,
    score: 83,
    blockingCount: 1,
    assessedAt: '2026-11-22T08:30:00.000Z',
  },
  {
    entityRef: 'component:default/shipping',
    kind: 'Component',
    namespace: 'default',
    name: 'shipping',
    owner: 'group:default/logistics-team',
    system: 'system:default/logistics',
    stage: 'must-migrate',
    mesh: 'aws-app-mesh',
    score: null,
    blockingCount: 2,
    assessedAt: '2026-11-22T08:30:00.000Z',
  },
];

export function scorecardResponse(
  items: ScorecardRow[] = SCORECARD_ROWS,
  totalCount = items.length,
): ScorecardResponse {
  const totals: ScorecardResponse['totals'] = {};
  for (const row of items) totals[row.stage] = (totals[row.stage] ?? 0) + 1;
  return { items, totalCount, totals };
}

/** Three days of history, grouped by owner (two groups on the last day). */
export const STAGE_HISTORY: StageHistoryResponse = {
  from: '2026-11-20',
  to: '2026-11-22',
  points: [
    { day: '2026-11-20', counts: { blocked: 2, ready: 1 } },
    { day: '2026-11-21', counts: { blocked: 1, onboarding: 2 } },
    { day: '2026-11-22', group: 'group:default/a', counts: { secured: 1 } },
    {
      day: '2026-11-22',
      group: 'group:default/b',
      counts: { secured: 1, blocked: 1 },
    },
  ],
};
