import {
  catalogApiRef,
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { serviceMeshApiRef, ServiceMeshClient } from './api';
import { scorecardResponse } from './components/__fixtures__/scorecard';
import { mockServiceMeshApi } from './components/__testUtils__';
import {
  assessmentResponse,
  istioStaleProxyAssessment,
  serviceEntity,
} from './components/__testUtils__/assessments';
import {
  EntityMeshReadinessCard,
  EntityServiceMeshContent,
  ServiceMeshPage,
  serviceMeshPlugin,
} from '.';

/*
 * The legacy exports, as an app on the legacy frontend system uses them
 * (the README's "Install (legacy frontend system)"): the components' own
 * tests render the components, these render what the package exports.
 */

const LOADED = { timeout: 5_000 };

function renderLegacy(element: JSX.Element, path = '/') {
  const api = mockServiceMeshApi({
    getScorecard: jest.fn().mockResolvedValue(scorecardResponse()),
    getScorecardHistory: jest.fn().mockReturnValue(new Promise(() => {})),
    getEntityAssessment: jest
      .fn()
      .mockResolvedValue(
        assessmentResponse('cart-api', istioStaleProxyAssessment()),
      ),
  });
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [serviceMeshApiRef, api],
        [catalogApiRef, catalogApiMock()],
        [permissionApiRef, mockApis.permission()],
      ]}
    >
      {element}
    </TestApiProvider>,
    {
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      routeEntries: [path],
    },
  );
}

describe('service-mesh plugin (legacy frontend system)', () => {
  it('is the service-mesh plugin with its API client', () => {
    expect(serviceMeshPlugin.getId()).toBe('service-mesh');
    const [factory] = [...serviceMeshPlugin.getApis()];
    expect(factory.api).toBe(serviceMeshApiRef);
    const client = factory.factory({
      discoveryApi: { getBaseUrl: jest.fn() },
      fetchApi: { fetch: jest.fn() },
    });
    expect(client).toBeInstanceOf(ServiceMeshClient);
  });

  it('renders ServiceMeshPage with its four tabs at /service-mesh', async () => {
    await renderLegacy(
      <Routes>
        <Route path="/service-mesh/*" element={<ServiceMeshPage />} />
      </Routes>,
      '/service-mesh',
    );

    expect(await screen.findByText('Cart API', {}, LOADED)).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { name: 'Service Mesh' }),
    ).toBeInTheDocument();
    expect(screen.getAllByRole('tab').map(tab => tab.textContent)).toEqual([
      'Scorecard',
      'Tasks',
      'Comparison',
      'Operations',
    ]);
  });

  it('renders EntityServiceMeshContent and EntityMeshReadinessCard for a service', async () => {
    await renderLegacy(
      <EntityProvider entity={serviceEntity('cart-api')}>
        <EntityMeshReadinessCard />
        <EntityServiceMeshContent />
      </EntityProvider>,
    );

    expect(
      await screen.findByText('Mesh status', {}, LOADED),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('link', { name: /Open the Mesh tab/ }),
    ).toHaveAttribute('href', '/mesh');
  });
});
