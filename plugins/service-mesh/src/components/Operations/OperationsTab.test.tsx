import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { serviceMeshApiRef } from '../../api';
import { mockServiceMeshApi } from '../__testUtils__';
import { OperationsTab } from './OperationsTab';

describe('OperationsTab', () => {
  it("shows the backend's status and its scans", async () => {
    const api = mockServiceMeshApi({
      listScans: jest.fn().mockResolvedValue({
        items: [
          {
            id: '1',
            trigger: 'schedule',
            status: 'partial',
            startedAt: '2026-11-22T10:00:00.000Z',
            finishedAt: '2026-11-22T10:00:04.000Z',
            entityCount: 14,
            assessedCount: 1,
            skippedCount: 12,
            shard: '2/4',
            clusters: [
              { cluster: 'demo', status: 'ok' },
              { cluster: 'prod-eu', status: 'failed', error: 'forbidden' },
            ],
            error: null,
          },
        ],
      }),
    });

    await renderInTestApp(
      <TestApiProvider apis={[[serviceMeshApiRef, api]]}>
        <OperationsTab />
      </TestApiProvider>,
    );

    expect(await screen.findByText('Meshwise backend')).toBeInTheDocument();
    expect(screen.getByText('20261122020000')).toBeInTheDocument();
    expect(screen.getByText('partial')).toBeInTheDocument();
    expect(screen.getByText('demo: ok, prod-eu: failed')).toBeInTheDocument();
    // Entities whose inputs were unchanged since the last scan, and their share.
    expect(screen.getByText('Unchanged')).toBeInTheDocument();
    expect(screen.getByText('12 (86%)')).toBeInTheDocument();
    // The shard of clusters the run scanned (serviceMesh.scan.shards).
    expect(screen.getByText('2/4')).toBeInTheDocument();
    expect(api.listScans).toHaveBeenCalledWith({ limit: 20 });
  });

  it('leaves out the shard column when no run scanned a shard', async () => {
    const api = mockServiceMeshApi({
      listScans: jest.fn().mockResolvedValue({
        items: [
          {
            id: '1',
            trigger: 'manual',
            status: 'succeeded',
            startedAt: '2026-11-22T10:00:00.000Z',
            finishedAt: '2026-11-22T10:00:04.000Z',
            entityCount: 14,
            assessedCount: 14,
            skippedCount: 0,
            shard: null,
            clusters: [{ cluster: 'demo', status: 'ok' }],
            error: null,
          },
        ],
      }),
    });

    await renderInTestApp(
      <TestApiProvider apis={[[serviceMeshApiRef, api]]}>
        <OperationsTab />
      </TestApiProvider>,
    );

    expect(await screen.findByText('succeeded')).toBeInTheDocument();
    expect(screen.getByText('Unchanged')).toBeInTheDocument();
    expect(screen.queryByText('Shard')).not.toBeInTheDocument();
  });

  it('says what to do when no scan has run', async () => {
    await renderInTestApp(
      <TestApiProvider apis={[[serviceMeshApiRef, mockServiceMeshApi()]]}>
        <OperationsTab />
      </TestApiProvider>,
    );

    expect(await screen.findByText(/No scan has run yet/)).toBeInTheDocument();
  });

  it('shows an error when the backend cannot be reached', async () => {
    const api = mockServiceMeshApi({
      getHealth: jest.fn().mockRejectedValue(new Error('backend is down')),
    });

    await renderInTestApp(
      <TestApiProvider apis={[[serviceMeshApiRef, api]]}>
        <OperationsTab />
      </TestApiProvider>,
    );

    expect(
      await screen.findByText('Error: backend is down'),
    ).toBeInTheDocument();
  });
});
