import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { StageHistoryResponse } from '@meshwise/backstage-plugin-service-mesh-common';
import { screen } from '@testing-library/react';
import { cloneElement, ReactElement } from 'react';
import { serviceMeshApiRef } from '../../api';
import { mockServiceMeshApi } from '../__testUtils__';
import { StageTrendCard } from './StageTrendCard';

// jsdom has no layout: give the real chart a fixed size instead of measuring.
jest.mock('recharts', () => {
  const actual = jest.requireActual('recharts');
  return {
    ...actual,
    ResponsiveContainer: (props: { children: ReactElement }) =>
      cloneElement(props.children, { width: 800, height: 280 }),
  };
});

const day = (offsetDays: number) =>
  new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

async function renderCard(history: StageHistoryResponse) {
  const api = mockServiceMeshApi({
    getScorecardHistory: jest.fn().mockResolvedValue(history),
  });
  const rendered = await renderInTestApp(
    <TestApiProvider apis={[[serviceMeshApiRef, api]]}>
      <StageTrendCard />
    </TestApiProvider>,
  );
  await screen.findByText('Adoption over time');
  return rendered;
}

describe('StageTrendCard', () => {
  it('shows the only day as totals and says when the trend appears', async () => {
    const { container } = await renderCard({
      from: day(-90),
      to: day(0),
      points: [
        { day: day(0), counts: { secured: 2, blocked: 1, 'not-assessed': 3 } },
      ],
    });

    expect(
      await screen.findByRole('img', {
        name: `${day(0)}: Not assessed: 3, Secured: 2, Blocked: 1`,
      }),
    ).toBeInTheDocument();
    expect(screen.getByText(`${day(0)}: 6 services`)).toBeInTheDocument();
    expect(
      screen.getByText(
        'The trend appears after the second daily roll-up: tomorrow, with the first scan after 00:00 UTC. Meshwise records one point per day (UTC), updated after every scan.',
      ),
    ).toBeInTheDocument();
    expect(container.querySelector('.recharts-surface')).toBeNull();
    expect(screen.queryByText(/Includes demo data/)).not.toBeInTheDocument();
  });

  it('says the trend comes with the next scan when the only day is an earlier one', async () => {
    await renderCard({
      from: day(-90),
      to: day(0),
      points: [{ day: day(-3), counts: { ready: 4 } }],
    });

    expect(
      await screen.findByText(
        /^The trend appears once another day has a roll-up: with the next scan\./,
      ),
    ).toBeInTheDocument();
  });

  it('draws two days or more as a trend, without a demo mark for scanned days', async () => {
    const { container } = await renderCard({
      from: day(-90),
      to: day(0),
      points: [
        { day: day(-1), counts: { ready: 3 } },
        { day: day(0), counts: { ready: 2, onboarding: 1 } },
      ],
    });

    expect(await screen.findByText('Ready to onboard')).toBeInTheDocument();
    expect(container.querySelector('.recharts-surface')).not.toBeNull();
    expect(container.querySelectorAll('.recharts-area')).toHaveLength(2);
    expect(container.querySelector('.recharts-reference-area')).toBeNull();
    expect(screen.queryByText(/The trend appears/)).not.toBeInTheDocument();
    expect(screen.queryByText(/Includes demo data/)).not.toBeInTheDocument();
  });

  it('shades and names the demo days', async () => {
    const { container } = await renderCard({
      from: day(-90),
      to: day(0),
      points: [
        { day: day(-3), counts: { ready: 3 }, demo: true },
        { day: day(-2), counts: { ready: 2, onboarding: 1 }, demo: true },
        { day: day(-1), counts: { ready: 1, onboarding: 2 }, demo: true },
        { day: day(0), counts: { ready: 1, secured: 2 } },
      ],
    });

    expect(
      await screen.findByText(
        `Includes demo data (serviceMesh.demo.backfillHistoryDays): the shaded days, ${day(
          -3,
        )} to ${day(-1)}, are generated, not scanned.`,
      ),
    ).toBeInTheDocument();
    expect(container.querySelector('.recharts-reference-area')).not.toBeNull();
    expect(screen.getByText('Demo data')).toBeInTheDocument();
  });
});
