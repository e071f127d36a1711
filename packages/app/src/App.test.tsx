import { Entity } from '@backstage/catalog-model';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createDemoApp } from './App';

/*
 * The demo app as `npm start` runs it: the app section of the repository's
 * app-config.yaml, and the plugins feature discovery installs.
 */

// The demo's own configuration, not code: the Jest config of the Backstage
// CLI loads YAML files as data.
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
const { app: appConfig } = require('../../../app-config.yaml');

type DiscoveredModule = { name: string; export?: string; default: unknown };

/**
 * What `backstage-cli package start` hands the app with `app.packages: all`
 * (window['__@backstage/discovered__']): of this package's dependencies, each
 * frontend plugin's default export, and its `/alpha` one when it has one.
 */
function discoverPackages(): DiscoveredModule[] {
  const { dependencies } = require('../package.json');
  return Object.keys(dependencies).flatMap(name => {
    let pkg;
    try {
      pkg = require(`${name}/package.json`);
    } catch {
      return []; // no package.json export: not a Backstage plugin
    }
    if (
      !['frontend-plugin', 'frontend-plugin-module'].includes(
        pkg.backstage?.role,
      )
    ) {
      return [];
    }
    const modules: DiscoveredModule[] = [
      { name, default: require(name).default },
    ];
    if (pkg.exports && './alpha' in pkg.exports) {
      modules.push({
        name,
        export: './alpha',
        default: require(`${name}/alpha`).default,
      });
    }
    return modules;
  });
}

function component(name: string, type: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', uid: `uid-${name}` },
    spec: { type, lifecycle: 'production', owner: 'group:default/team-a' },
    relations: [],
  };
}

const ENTITIES = [
  component('cart-api', 'service'),
  component('docs-site', 'website'),
];

/** A token whose only claim the app reads is its expiry. */
function guestToken() {
  const part = (value: object) =>
    btoa(JSON.stringify(value)).replace(/=+$/, '');
  const exp = Math.floor(Date.now() / 1000) + 3600;
  return `${part({ alg: 'none' })}.${part({ exp })}.signature`;
}

/**
 * The demo backend, as far as the app's first pages ask it: guest sign-in and
 * the catalog. Everything else (the Meshwise API, notifications) answers 404,
 * which the pages show as their empty or error states.
 */
function fakeBackend() {
  const json = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json' },
    });
  return jest.fn(async (input: RequestInfo | URL) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const path = url.pathname;
    if (path === '/api/auth/guest/refresh') {
      return json({
        profile: { displayName: 'Guest User' },
        backstageIdentity: {
          token: guestToken(),
          identity: {
            type: 'user',
            userEntityRef: 'user:default/guest',
            ownershipEntityRefs: ['user:default/guest'],
          },
        },
      });
    }
    const byName = path.match(
      /^\/api\/catalog\/entities\/by-name\/([^/]+)\/([^/]+)\/([^/]+)(\/ancestry)?$/,
    );
    if (byName) {
      const [, kind, namespace, name, ancestry] = byName;
      const entity = ENTITIES.find(
        e =>
          e.kind.toLocaleLowerCase('en-US') === kind &&
          e.metadata.namespace === namespace &&
          e.metadata.name === name,
      );
      if (entity && !ancestry) return json(entity);
      if (entity) {
        const ref = `component:${namespace}/${name}`;
        return json({
          rootEntityRef: ref,
          items: [{ entity, parentEntityRefs: [] }],
        });
      }
    }
    if (path === '/api/catalog/entities/by-query') {
      return json({
        items: ENTITIES,
        totalItems: ENTITIES.length,
        pageInfo: {},
      });
    }
    return json(
      { error: { name: 'NotFoundError', message: `${path} is not faked` } },
      404,
    );
  });
}

/** Renders the app at a path and signs in as the guest, as e2e-tests/demo.ts does. */
async function renderSignedIn(path: string) {
  window.history.replaceState(null, '', path);
  render(createDemoApp().createRoot());
  const enter = await screen.findByRole(
    'button',
    { name: 'Enter' },
    { timeout: 10_000 },
  );
  await userEvent.click(enter);
  return screen.findByRole('navigation', {}, { timeout: 10_000 });
}

// The whole app with every discovered plugin: slow beside other suites.
jest.setTimeout(60_000);

describe('the demo app', () => {
  const originalFetch = global.fetch;

  beforeAll(() => {
    (window as any)['__@backstage/discovered__'] = {
      modules: discoverPackages(),
    };
  });

  beforeEach(() => {
    // The sign-in page remembers the provider; each test signs in afresh.
    localStorage.clear();
    global.fetch = fakeBackend();
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: appConfig,
            backend: { baseUrl: 'http://localhost:7007' },
          },
          context: 'test',
        },
      ] as any,
    };
  });

  afterEach(() => {
    global.fetch = originalFetch;
  });

  afterAll(() => {
    delete (window as any)['__@backstage/discovered__'];
  });

  it('is configured for feature discovery', () => {
    expect(appConfig.packages).toBe('all');
  });

  it('signs in as the guest and opens on the catalog, with the sidebar of the discovered pages', async () => {
    const nav = await renderSignedIn('/');

    await waitFor(() => expect(window.location.pathname).toBe('/catalog'));
    const links = within(nav)
      .getAllByRole('link')
      .map(link => link.textContent);
    // In the order the sidebar places them: the demo's pages, the other
    // plugins' pages by title, then Notifications and Settings at the bottom.
    expect(links).toEqual([
      '', // the logo, to the home page
      'Catalog',
      'Service Mesh',
      'Create',
      'Catalog Graph',
      'Notifications',
      'Settings',
    ]);
    expect(
      within(nav).getByRole('link', { name: 'Service Mesh' }),
    ).toHaveAttribute('href', '/service-mesh');
    expect(within(nav).getByRole('link', { name: 'Create' })).toHaveAttribute(
      'href',
      '/create',
    );
  });

  it('has the Service Mesh page, with its four tabs', async () => {
    await renderSignedIn('/service-mesh/comparison');

    expect(
      await screen.findByRole(
        'heading',
        { level: 1, name: 'Service Mesh' },
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
    expect(screen.getAllByRole('tab').map(tab => tab.textContent)).toEqual([
      'Scorecard',
      'Tasks',
      'Comparison',
      'Operations',
    ]);
    await waitFor(() =>
      expect(screen.getByRole('tab', { name: 'Comparison' })).toHaveAttribute(
        'aria-selected',
        'true',
      ),
    );
  });

  /** The entity page's tabs: links in its header's content navigation. */
  function entityTabs() {
    return within(
      screen.getByRole('navigation', { name: 'Content navigation' }),
    ).getAllByRole('link');
  }

  it("shows a service's Mesh tab and readiness card", async () => {
    await renderSignedIn('/catalog/default/component/cart-api');

    expect(
      await screen.findByText('Mesh readiness', {}, { timeout: 10_000 }),
    ).toBeInTheDocument();
    expect(entityTabs().map(tab => tab.textContent)).toEqual([
      'Overview',
      'Mesh',
    ]);
    expect(screen.getByRole('link', { name: 'Mesh' })).toHaveAttribute(
      'href',
      '/catalog/default/component/cart-api/mesh',
    );
  });

  it('shows no Mesh tab on a website', async () => {
    await renderSignedIn('/catalog/default/component/docs-site');

    expect(
      await screen.findByRole(
        'heading',
        { name: 'About' },
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
    expect(entityTabs().map(tab => tab.textContent)).toEqual(['Overview']);
  });
});
