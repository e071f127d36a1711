import { STAGE_HISTORY } from '../__fixtures__/scorecard';
import { daysBefore, trendRows, trendStages } from './trendData';

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

  it('computes the start day of a range', () => {
    expect(daysBefore(new Date('2026-11-22T10:00:00Z'), 90)).toBe('2026-08-24');
  });
});
