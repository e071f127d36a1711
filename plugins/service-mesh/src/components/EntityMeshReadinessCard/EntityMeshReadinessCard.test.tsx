import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { ServiceMeshApi, serviceMeshApiRef } from '../../api';
import {
  appMeshAssessment,
  assessmentResponse,
  istioStaleProxyAssessment,
  notConfiguredResponse,
  notMeshedAssessment,
  serviceEntity,
} from '../__testUtils__/assessments';
import { mockServiceMeshApi } from '../__testUtils__';
import { EntityMeshReadinessCard } from './EntityMeshReadinessCard';

async function renderCard(entity: Entity, overrides: Partial<ServiceMeshApi>) {
  await renderInTestApp(
    <TestApiProvider
      apis={[[serviceMeshApiRef, mockServiceMeshApi(overrides)]]}
    >
      <EntityProvider entity={entity}>
        <EntityMeshReadinessCard />
      </EntityProvider>
    </TestApiProvider>,
  );
}

describe('EntityMeshReadinessCard', () => {
  it('shows the stage, the score and links to the Mesh tab', async () => {
    await renderCard(serviceEntity('cart-api'), {
      getEntityAssessment: jest
        .fn()
        .mockResolvedValue(
          assessmentResponse('cart-api', istioStaleProxyAssessment()),
        ),
    });
    expect(await screen.findByText('Secured')).toBeInTheDocument();
    expect(screen.getByLabelText('Readiness score')).toHaveTextContent('100');
    expect(screen.getByText(/for Istio \(sidecar\)/)).toBeInTheDocument();
    expect(screen.getByLabelText('Blocking findings')).toHaveTextContent(
      '0 blocking',
    );
    expect(
      screen.queryByRole('list', { name: 'Top blocking findings' }),
    ).not.toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /Open the Mesh tab/ }),
    ).toHaveAttribute('href', '/mesh');
  });

  it('lists at most three blocking findings', async () => {
    const response = assessmentResponse('shipping', appMeshAssessment());
    await renderCard(serviceEntity('shipping'), {
      getEntityAssessment: jest.fn().mockResolvedValue(response),
    });
    expect(await screen.findByText('Must migrate')).toBeInTheDocument();
    expect(
      screen.getByText(
        /AWS App Mesh is discontinued since 2026-09-30: migrate to Amazon ECS Service Connect or Amazon VPC Lattice/,
      ),
    ).toBeInTheDocument();
    const list = screen.getByRole('list', { name: 'Top blocking findings' });
    const items = within(list).getAllByRole('listitem');
    expect(items.length).toBeGreaterThan(0);
    expect(items.length).toBeLessThanOrEqual(3);
    expect(items[0]).toHaveTextContent(
      'Workload is not on a discontinued mesh',
    );
    expect(items[0]).toHaveTextContent('Deployment/logistics/shipping');
  });

  it('shows the blocking findings of the best target for a service on no mesh', async () => {
    const response = assessmentResponse(
      'events-ingest',
      notMeshedAssessment(),
      { stage: 'blocked', mesh: null },
    );
    await renderCard(serviceEntity('events-ingest'), {
      getEntityAssessment: jest.fn().mockResolvedValue(response),
    });
    expect(await screen.findByText('Blocked')).toBeInTheDocument();
    expect(screen.getByLabelText('Readiness score')).toHaveTextContent('100');
  });

  it('says when the service is not configured', async () => {
    await renderCard(serviceEntity('notification-service', {}), {
      getEntityAssessment: jest
        .fn()
        .mockResolvedValue(notConfiguredResponse('notification-service')),
    });
    expect(await screen.findByText(/Not configured/)).toBeInTheDocument();
  });

  it('says when there is no assessment yet', async () => {
    await renderCard(serviceEntity('cart-api'), {
      getEntityAssessment: jest
        .fn()
        .mockRejectedValue(
          Object.assign(new Error('not found'), { statusCode: 404 }),
        ),
    });
    expect(await screen.findByText(/Not assessed yet/)).toBeInTheDocument();
  });

  it('shows a load error', async () => {
    await renderCard(serviceEntity('cart-api'), {
      getEntityAssessment: jest.fn().mockRejectedValue(new Error('boom')),
    });
    expect((await screen.findAllByText(/boom/)).length).toBeGreaterThan(0);
  });
});
