import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import { coreApis } from '@backstage/frontend-plugin-api';
import { renderTestApp } from '@backstage/frontend-test-utils';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ServiceMeshApi, serviceMeshApiRef } from '../api';
import { scorecardResponse } from '../components/__fixtures__/scorecard';
import { mockServiceMeshApi } from '../components/__testUtils__';
import { rootRouteRef } from '../routes';
import serviceMeshPlugin from '.';

/** The extension ids the README documents, with where each attaches. */
const DOCUMENTED_EXTENSIONS = {
  'api:service-mesh': 'root.apis',
  'page:service-mesh': 'app/routes.routes',
  'sub-page:service-mesh/scorecard': 'page:service-mesh.pages',
  'sub-page:service-mesh/tasks': 'page:service-mesh.pages',
  'sub-page:service-mesh/comparison': 'page:service-mesh.pages',
  'sub-page:service-mesh/operations': 'page:service-mesh.pages',
  'entity-content:service-mesh/mesh': 'page:catalog/entity.contents',
  'entity-card:service-mesh/readiness': 'entity-content:catalog/overview.cards',
};

const TABS = ['Scorecard', 'Tasks', 'Comparison', 'Operations'];

/** The tabs load lazily, the first time with their modules: room under load. */
const LOADED = { timeout: 5_000 };

// A whole app per test, and several tabs loaded in one; slow beside other suites.
jest.setTimeout(20_000);

type AppConfig = NonNullable<Parameters<typeof renderTestApp>[0]>['config'];

const BASE_CONFIG = {
  app: { baseUrl: 'http://localhost:3000' },
  backend: { baseUrl: 'http://localhost:7007' },
};

/** The whole app, as an adopter's would be, with this plugin installed. */
function renderApp(
  options: {
    path?: string;
    api?: ServiceMeshApi;
    config?: AppConfig;
  } = {},
) {
  const api =
    options.api ??
    mockServiceMeshApi({
      getScorecard: jest.fn().mockResolvedValue(scorecardResponse()),
      // the trend chart needs real layout; it stays loading here
      getScorecardHistory: jest.fn().mockReturnValue(new Promise(() => {})),
    });
  const result = renderTestApp({
    features: [serviceMeshPlugin],
    apis: [
      [serviceMeshApiRef, api],
      [catalogApiRef, catalogApiMock()],
    ],
    // what the catalog plugin mounts in a real app; the tabs link to it
    mountedRoutes: {
      '/catalog/:namespace/:kind/:name': convertLegacyRouteRef(entityRouteRef),
    },
    config: { ...BASE_CONFIG, ...options.config },
    initialRouteEntries: [options.path ?? '/service-mesh'],
  });
  const location = () =>
    result.apis.get(coreApis.appHistory)!.getSnapshot().location.pathname;
  return { ...result, api, location };
}

function tabs() {
  return screen.getAllByRole('tab');
}

describe('service-mesh plugin (new frontend system)', () => {
  it('has the documented extensions, where the app and the catalog expect them', async () => {
    const { apis } = renderApp();
    await screen.findByRole('tablist');

    const { tree } = apis.get(coreApis.appTree)!.getTree();
    const ours = [...tree.nodes.values()].filter(
      node => node.spec.plugin.pluginId === 'service-mesh',
    );
    const attachments = Object.fromEntries(
      ours.map(node => {
        const attachTo = node.spec.attachTo as { id: string; input: string };
        return [node.spec.id, `${attachTo.id}.${attachTo.input}`];
      }),
    );
    expect(attachments).toEqual(DOCUMENTED_EXTENSIONS);
    // everything but the catalog's contributions is part of this app
    expect(
      ours.filter(node => node.instance).map(node => node.spec.id),
    ).toEqual(Object.keys(DOCUMENTED_EXTENSIONS).slice(0, 6));
  });

  it('renders the Service Mesh page with its four tabs, landing on Scorecard', async () => {
    const { api, location } = renderApp();

    expect(await screen.findByText('Cart API', {}, LOADED)).toBeInTheDocument();
    expect(location()).toBe('/service-mesh/scorecard');
    expect(
      screen.getByRole('heading', { level: 1, name: 'Service Mesh' }),
    ).toBeInTheDocument();
    expect(tabs().map(tab => tab.textContent)).toEqual(TABS);
    expect(tabs().map(tab => tab.getAttribute('href'))).toEqual(
      TABS.map(title => `/service-mesh/${title.toLocaleLowerCase('en-US')}`),
    );
    expect(api.getScorecard).toHaveBeenCalled();
  });

  it('shows each tab at its path, from the API', async () => {
    const { api, location } = renderApp();
    await screen.findByText('Cart API', {}, LOADED);

    await userEvent.click(screen.getByRole('tab', { name: 'Tasks' }));
    expect(
      await screen.findByText(/No task matches these filters/, {}, LOADED),
    ).toBeInTheDocument();
    expect(location()).toBe('/service-mesh/tasks');
    expect(api.listTasks).toHaveBeenCalled();

    await userEvent.click(screen.getByRole('tab', { name: 'Comparison' }));
    expect(
      await screen.findByText('Feature matrix', {}, LOADED),
    ).toBeInTheDocument();
    expect(location()).toBe('/service-mesh/comparison');
    expect(api.getMeshes).toHaveBeenCalled();

    await userEvent.click(screen.getByRole('tab', { name: 'Operations' }));
    expect(
      await screen.findByText('Meshwise backend', {}, LOADED),
    ).toBeInTheDocument();
    expect(location()).toBe('/service-mesh/operations');
    expect(api.getHealth).toHaveBeenCalled();
  });

  it('opens a tab from its URL, as the Mesh tab links to the Comparison', async () => {
    renderApp({ path: '/service-mesh/comparison' });
    expect(
      await screen.findByText('Feature matrix', {}, LOADED),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('tab', { name: 'Comparison', selected: true }),
    ).toBeInTheDocument();
  });

  it('adds a nav item that opens the page at its route', async () => {
    const { apis, location } = renderApp({ path: '/somewhere-else' });

    const nav = await screen.findByRole('navigation', { name: 'sidebar nav' });
    const item = within(nav).getByRole('link', { name: 'Service Mesh' });
    const pageRoute = apis
      .get(coreApis.routeResolution)!
      .resolve(convertLegacyRouteRef(rootRouteRef))!();
    expect(pageRoute).toBe('/service-mesh');
    expect(item).toHaveAttribute('href', pageRoute);

    await userEvent.click(item);
    expect(await screen.findByText('Cart API', {}, LOADED)).toBeInTheDocument();
    expect(location()).toBe('/service-mesh/scorecard');
  });

  it('takes its path and tabs from app.extensions', async () => {
    const { location } = renderApp({
      path: '/mesh-adoption',
      config: {
        app: {
          ...BASE_CONFIG.app,
          extensions: [
            { 'page:service-mesh': { config: { path: '/mesh-adoption' } } },
            { 'sub-page:service-mesh/tasks': false },
          ],
        },
      },
    });

    expect(await screen.findByText('Cart API', {}, LOADED)).toBeInTheDocument();
    expect(location()).toBe('/mesh-adoption/scorecard');
    expect(tabs().map(tab => tab.textContent)).toEqual([
      'Scorecard',
      'Comparison',
      'Operations',
    ]);
    const nav = screen.getByRole('navigation', { name: 'sidebar nav' });
    await waitFor(() =>
      expect(
        within(nav).getByRole('link', { name: 'Service Mesh' }),
      ).toHaveAttribute('href', '/mesh-adoption'),
    );
  });
});
