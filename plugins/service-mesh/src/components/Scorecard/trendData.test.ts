import { STAGE_HISTORY } from '../__fixtures__/scorecard';
import {
  daysBefore,
  demoSpan,
  trendPendingNote,
  trendRows,
  trendStages,
} from './trendData';

describe('trendData', () => {
  it('makes one row per day, summing groups and filling zeros', () => {
    expect(trendRows(STAGE_HISTORY.points)).toEqual([
      { day: '2026-11-20', secured: 0, onboarding: 0, ready: 1, blocked: 2 },
      { day: '2026-11-21', secured: 0, onboarding: 2, ready: 0, blocked: 1 },
      { day: '2026-11-22', secured: 2, onboarding: 0, ready: 0, blocked: 1 },
    ]);
  });

  it('stacks the stages seen, done first', () => {
    expect(trendStages(STAGE_HISTORY.points)).toEqual([
      'secured',
      'onboarding',
      'ready',
      'blocked',
    ]);
  });

  it('marks the days of demo data and spans them', () => {
    const rows = trendRows([
      { day: '2026-11-20', group: 'a', counts: { ready: 1 }, demo: true },
      { day: '2026-11-20', group: 'b', counts: { ready: 2 }, demo: true },
      { day: '2026-11-21', counts: { ready: 2 }, demo: true },
      { day: '2026-11-22', counts: { secured: 1 } },
    ]);
    expect(rows.map(row => [row.day, row.demo])).toEqual([
      ['2026-11-20', true],
      ['2026-11-21', true],
      ['2026-11-22', undefined],
    ]);
    expect(demoSpan(rows)).toEqual({ from: '2026-11-20', to: '2026-11-21' });
    expect(demoSpan(trendRows(STAGE_HISTORY.points))).toBeUndefined();
  });

  it('says when the trend of a single day appears', () => {
    const now = new Date('2026-11-22T23:10:00Z');
    expect(trendPendingNote('2026-11-22', now)).toBe(
      'The trend appears after the second daily roll-up: tomorrow, with the first scan after 00:00 UTC. Meshwise records one point per day (UTC), updated after every scan.',
    );
    expect(trendPendingNote('2026-11-19', now)).toMatch(
      /^The trend appears once another day has a roll-up: with the next scan\./,
    );
  });

  it('computes the start day of a range', () => {
    expect(daysBefore(new Date('2026-11-22T10:00:00Z'), 90)).toBe('2026-08-24');
  });
});
