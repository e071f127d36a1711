import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { EntityAssessmentResponse } from '@meshwise/backstage-plugin-service-mesh-common';
import { screen, within } from '@testing-library/react';
import {
  assessmentResponse,
  notMeshedAssessment,
} from '../__testUtils__/assessments';
import { FreshnessCard } from './FreshnessCard';

const HOUR = 3600_000;

/** An ISO time `ms` before now. */
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

async function renderCard(overrides: Partial<EntityAssessmentResponse>) {
  await renderInTestApp(
    <TestApiProvider apis={[[permissionApiRef, mockApis.permission()]]}>
      <FreshnessCard
        response={assessmentResponse('cart', notMeshedAssessment(), overrides)}
        onRefresh={() => {}}
        refreshing={false}
      />
    </TestApiProvider>,
  );
}

describe('FreshnessCard', () => {
  it('says a later scan found the inputs unchanged, not that the clusters were last read when assessed', async () => {
    const assessedAt = ago(20 * HOUR);
    const checkedAt = ago(2 * 60_000);
    await renderCard({
      assessedAt,
      checkedAt,
      clusters: [
        { cluster: 'eu-prod', readAt: ago(20 * HOUR + 30_000), stale: false },
        { cluster: 'us-prod', readAt: ago(20 * HOUR + 60_000), stale: false },
      ],
    });

    expect(await screen.findByText(/^Assessed/)).toHaveTextContent(
      'Assessed 20 hours ago',
    );
    expect(screen.getByText(/^Checked/)).toHaveTextContent(
      'Checked 2 minutes ago: its workloads and configuration are unchanged since.',
    );
    const clusters = within(
      screen.getByRole('list', { name: 'Cluster sources' }),
    ).getAllByRole('listitem');
    expect(clusters.map(item => item.textContent)).toEqual([
      'eu-prodread 20 hours ago, unchanged since',
      'us-prodread 20 hours ago, unchanged since',
    ]);
  });

  it('says only when it was assessed when no later check is known', async () => {
    const assessedAt = ago(20 * HOUR);
    await renderCard({
      assessedAt,
      // Not later than the assessment: nothing to tell.
      checkedAt: assessedAt,
      clusters: [{ cluster: 'eu-prod', readAt: ago(20 * HOUR), stale: false }],
    });

    expect(await screen.findByText(/^Assessed/)).toHaveTextContent(
      'Assessed 20 hours ago',
    );
    expect(screen.queryByText(/^Checked/)).not.toBeInTheDocument();
    expect(
      screen.getByRole('list', { name: 'Cluster sources' }),
    ).toHaveTextContent(/^eu-prodread 20 hours ago$/);
  });

  it('does not call a stale cluster unchanged', async () => {
    await renderCard({
      assessedAt: ago(20 * HOUR),
      checkedAt: ago(2 * 60_000),
      clusters: [
        {
          cluster: 'eu-prod',
          readAt: ago(20 * HOUR),
          stale: true,
          staleReason: 'connect ETIMEDOUT 10.0.0.1:443',
        },
        { cluster: 'us-prod', readAt: ago(20 * HOUR), stale: false },
      ],
    });

    const clusters = within(
      await screen.findByRole('list', { name: 'Cluster sources' }),
    ).getAllByRole('listitem');
    expect(clusters.map(item => item.textContent)).toEqual([
      'eu-prodread 20 hours ago (stale)',
      'us-prodread 20 hours ago, unchanged since',
    ]);
  });
});
