import { identityApiRef } from '@backstage/core-plugin-api';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import {
  ScorecardQuery,
  ScorecardRow,
} from '@meshwise/backstage-plugin-service-mesh-common';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useEffect } from 'react';
import {
  Link,
  Route,
  Routes,
  useLocation,
  useNavigate,
  useNavigationType,
} from 'react-router-dom';
import { ServiceMeshApi, serviceMeshApiRef } from '../../api';
import {
  SCORECARD_ROWS,
  scorecardResponse,
  STAGE_HISTORY,
} from '../__fixtures__/scorecard';
import { mockServiceMeshApi } from '../__testUtils__';
import { ScorecardTab } from './ScorecardTab';
import { SEARCH_DEBOUNCE_MS } from './useScorecardView';

// recharts needs real layout; the chart is checked through the data it gets.
jest.mock('./StageTrendChart', () => ({
  StageTrendChart: (props: { data: unknown; stages: unknown }) => (
    <pre data-testid="stage-trend-chart">
      {JSON.stringify({ data: props.data, stages: props.stages })}
    </pre>
  ),
}));

const catalogApi = {
  getEntities: jest.fn(async ({ filter }: { filter: { kind: string } }) => ({
    items:
      filter.kind === 'Group'
        ? ['storefront-team', 'data-team', 'logistics-team'].map(name => ({
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Group',
            metadata: { name, namespace: 'default' },
          }))
        : ['storefront', 'analytics'].map(name => ({
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'System',
            metadata: { name, namespace: 'default' },
          })),
  })),
};

const SCORECARD_PATH = '/service-mesh/scorecard';

/** Every query string the location had, in order. */
let searches: string[] = [];

/** The location as the router has it, and how it got there. */
function LocationProbe() {
  const location = useLocation();
  const navigationType = useNavigationType();
  useEffect(() => {
    searches.push(location.search);
  }, [location.search]);
  return (
    <>
      <output data-testid="location" data-navigation={navigationType}>
        {location.search}
      </output>
      {/* what the page's Scorecard tab links to */}
      <Link to={SCORECARD_PATH}>Scorecard tab</Link>
    </>
  );
}

/** Stands in for the catalog's entity page: only a way back. */
function EntityPage() {
  const navigate = useNavigate();
  return (
    <button type="button" onClick={() => navigate(-1)}>
      Back
    </button>
  );
}

/** The location's query, decoded, for comparisons. */
function currentSearch(): string {
  return decodeURIComponent(screen.getByTestId('location').textContent!);
}

async function renderScorecard(
  overrides: Partial<ServiceMeshApi> = {},
  url = SCORECARD_PATH,
) {
  const api = mockServiceMeshApi({
    getScorecard: jest.fn().mockResolvedValue(scorecardResponse()),
    getScorecardHistory: jest.fn().mockResolvedValue(STAGE_HISTORY),
    ...overrides,
  });
  searches = [];
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [serviceMeshApiRef, api],
        [catalogApiRef, catalogApi],
        [
          identityApiRef,
          mockApis.identity({
            userEntityRef: 'user:default/jane',
            ownershipEntityRefs: [
              'user:default/jane',
              'group:default/storefront-team',
              'group:default/checkout-guild',
            ],
          }),
        ],
      ]}
    >
      <Routes>
        <Route
          path={SCORECARD_PATH}
          element={
            <>
              <ScorecardTab />
              <LocationProbe />
            </>
          }
        />
        <Route path="/catalog/*" element={<EntityPage />} />
      </Routes>
    </TestApiProvider>,
    {
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      routeEntries: [url],
    },
  );
  await screen.findByText('Cart API');
  return api;
}

/** The query of the last getScorecard call. */
function lastQuery(api: jest.Mocked<ServiceMeshApi>): ScorecardQuery {
  const calls = api.getScorecard.mock.calls;
  return calls[calls.length - 1][0] as ScorecardQuery;
}

async function pick(label: string, option: string) {
  await userEvent.click(screen.getByRole('textbox', { name: label }));
  await userEvent.click(await screen.findByRole('option', { name: option }));
}

// Several user-event steps per test; slow on a busy machine.
jest.setTimeout(45_000);

describe('ScorecardTab', () => {
  it('lists the services with links to their Mesh tab', async () => {
    const api = await renderScorecard();

    expect(api.getScorecard).toHaveBeenCalledWith({
      sort: 'name',
      order: 'asc',
      offset: 0,
      limit: 20,
    });
    expect(screen.getByRole('link', { name: 'Cart API' })).toHaveAttribute(
      'href',
      '/catalog/default/component/cart-api/mesh',
    );
    // no title: the name
    expect(screen.getByRole('link', { name: 'shipping' })).toHaveAttribute(
      'href',
      '/catalog/default/component/shipping/mesh',
    );
    const row = screen.getByText('Events Ingest').closest('tr')!;
    expect(within(row).getByText('Blocked')).toBeInTheDocument();
    expect(row).toHaveTextContent('No mesh');
    expect(row).toHaveTextContent('data-team');
    expect(row).toHaveTextContent('83');
    expect(screen.getByText('Istio (sidecar)')).toBeInTheDocument();
  });

  it('shows totals per stage, and a total filters by its stage', async () => {
    const api = await renderScorecard();

    expect(screen.getByText('3 services')).toBeInTheDocument();
    const blocked = screen.getByRole('button', { name: 'Blocked: 1' });
    expect(
      screen.getByRole('button', { name: 'Secured: 1' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Meshed: 0' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('img', {
        name: 'Must migrate: 1, Blocked: 1, Secured: 1',
      }),
    ).toBeInTheDocument();

    await userEvent.click(blocked);
    await waitFor(() => expect(lastQuery(api).stage).toEqual(['blocked']));
    expect(lastQuery(api).offset).toBe(0);
  });

  it('filters by owner, and the trend follows a single owner', async () => {
    const api = await renderScorecard();
    expect(api.getScorecardHistory).toHaveBeenLastCalledWith({
      from: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });

    await pick('Owner', 'storefront-team');

    await waitFor(() =>
      expect(lastQuery(api).owner).toEqual(['group:default/storefront-team']),
    );
    await waitFor(() =>
      expect(api.getScorecardHistory).toHaveBeenLastCalledWith({
        from: expect.any(String),
        owner: 'group:default/storefront-team',
      }),
    );
    expect(
      screen.getByText('Services of owner storefront-team'),
    ).toBeInTheDocument();

    // two owners: the trend is for everyone again
    await pick('Owner', 'data-team');
    await waitFor(() =>
      expect(lastQuery(api).owner).toEqual([
        'group:default/storefront-team',
        'group:default/data-team',
      ]),
    );
    await waitFor(() =>
      expect(api.getScorecardHistory).toHaveBeenLastCalledWith({
        from: expect.any(String),
      }),
    );
  });

  it('filters by system', async () => {
    const api = await renderScorecard();
    await pick('System', 'storefront');
    await waitFor(() =>
      expect(lastQuery(api).system).toEqual(['system:default/storefront']),
    );
    await waitFor(() =>
      expect(api.getScorecardHistory).toHaveBeenLastCalledWith({
        from: expect.any(String),
        system: 'system:default/storefront',
      }),
    );
  });

  it('filters by stage and by mesh', async () => {
    const api = await renderScorecard();
    await pick('Stage', 'Must migrate');
    await waitFor(() => expect(lastQuery(api).stage).toEqual(['must-migrate']));

    await pick('Mesh', 'No mesh');
    await pick('Mesh', 'AWS App Mesh');
    await waitFor(() =>
      expect(lastQuery(api)).toMatchObject({
        stage: ['must-migrate'],
        mesh: ['none', 'aws-app-mesh'],
      }),
    );
  });

  it('searches by text once typing pauses, and puts it in the URL', async () => {
    const api = await renderScorecard();
    // On a fake clock no pause falls between keystrokes, however slow the
    // machine; the debounce is the only timer that matters here.
    jest.useFakeTimers({
      doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'],
    });
    try {
      const user = userEvent.setup({
        advanceTimers: jest.advanceTimersByTime,
      });
      await user.type(
        screen.getByRole('textbox', { name: 'Search' }),
        'cart api',
      );
      expect(currentSearch()).toBe('');
      act(() => {
        jest.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
      });
    } finally {
      jest.useRealTimers();
    }

    await waitFor(() => expect(lastQuery(api).q).toBe('cart api'));
    expect(currentSearch()).toBe('?q=cart+api');
    // one request and one URL for the whole text, none per keystroke
    const withQ = api.getScorecard.mock.calls.filter(
      ([query]) => query?.q !== undefined,
    );
    expect(withQ).toHaveLength(1);
    expect(searches).toEqual(['', '?q=cart+api']);
    expect(screen.getByTestId('location')).toHaveAttribute(
      'data-navigation',
      'REPLACE',
    );
  });

  it('"My team" sets the owner filter to the signed-in user\'s groups', async () => {
    const api = await renderScorecard();
    const toggle = screen.getByRole('checkbox', { name: 'My team' });
    await waitFor(() => expect(toggle).toBeEnabled());

    await userEvent.click(toggle);

    await waitFor(() =>
      expect(lastQuery(api).owner).toEqual([
        'group:default/storefront-team',
        'group:default/checkout-guild',
      ]),
    );
    await userEvent.click(toggle);
    await waitFor(() => expect(lastQuery(api).owner).toBeUndefined());
  });

  it('sorts and pages on the server', async () => {
    const many = Array.from({ length: 20 }, (_, i) => ({
      ...SCORECARD_ROWS[0],
      entityRef: `component:default/svc-${i}`,
      name: `svc-${i}`,
      title: i === 0 ? 'Cart API' : `Service ${i}`,
    }));
    const api = await renderScorecard({
      getScorecard: jest.fn().mockResolvedValue(scorecardResponse(many, 45)),
    });

    await userEvent.selectOptions(
      screen.getByRole('combobox', { name: 'Sort by' }),
      'score',
    );
    await userEvent.selectOptions(
      screen.getByRole('combobox', { name: 'Order' }),
      'desc',
    );
    await waitFor(() =>
      expect(lastQuery(api)).toMatchObject({ sort: 'score', order: 'desc' }),
    );

    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    await waitFor(() =>
      expect(lastQuery(api)).toMatchObject({ offset: 20, limit: 20 }),
    );
    expect(screen.getByText('21-40 of 45')).toBeInTheDocument();
  });

  it('draws the trend from the history, summed per day', async () => {
    await renderScorecard();
    const chart = await screen.findByTestId('stage-trend-chart');
    const { data, stages } = JSON.parse(chart.textContent!);
    expect(stages).toEqual(['secured', 'onboarding', 'ready', 'blocked']);
    expect(data).toHaveLength(3);
    expect(data[2]).toEqual({
      day: '2026-11-22',
      secured: 2,
      onboarding: 0,
      ready: 0,
      blocked: 1,
    });
  });

  describe('CSV export', () => {
    const createObjectURL = jest.fn((_blob: Blob) => 'blob:scorecard');
    const revokeObjectURL = jest.fn();
    let click: jest.SpyInstance;

    beforeEach(() => {
      createObjectURL.mockClear();
      Object.assign(URL, { createObjectURL, revokeObjectURL });
      click = jest
        .spyOn(HTMLAnchorElement.prototype, 'click')
        .mockImplementation(() => {});
    });
    afterEach(() => click.mockRestore());

    it('exports every page of the current view', async () => {
      const rows = (offset: number, count: number): ScorecardRow[] =>
        Array.from({ length: count }, (_, i) => ({
          ...SCORECARD_ROWS[1],
          entityRef: `component:default/svc-${offset + i}`,
          name: `svc-${offset + i}`,
          title: `Service, no. ${offset + i}`,
        }));
      const getScorecard = jest.fn(async (query?: ScorecardQuery) => {
        if (query?.limit === 500) {
          const offset = query.offset ?? 0;
          return scorecardResponse(
            rows(offset, Math.min(500, 501 - offset)),
            501,
          );
        }
        return scorecardResponse();
      });
      const api = await renderScorecard({ getScorecard });
      await pick('Stage', 'Blocked');
      await waitFor(() => expect(lastQuery(api).stage).toEqual(['blocked']));

      await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));

      expect(
        await screen.findByText('Exported 501 services'),
      ).toBeInTheDocument();
      const exportCalls = getScorecard.mock.calls
        .map(([query]) => query)
        .filter(query => query?.limit === 500);
      expect(exportCalls).toEqual([
        {
          sort: 'name',
          order: 'asc',
          stage: ['blocked'],
          offset: 0,
          limit: 500,
        },
        {
          sort: 'name',
          order: 'asc',
          stage: ['blocked'],
          offset: 500,
          limit: 500,
        },
      ]);

      expect(createObjectURL).toHaveBeenCalledTimes(1);
      expect(click).toHaveBeenCalledTimes(1);
      const blob = createObjectURL.mock.calls[0][0];
      expect(blob.type).toBe('text/csv;charset=utf-8');
      const text = await blob.text();
      const lines = text.replace(/^\uFEFF/, '').split('\r\n');
      expect(lines[0]).toBe(
        'Entity,Name,Title,Owner,System,Mesh,Stage,Readiness score,Blocking findings,Last assessed',
      );
      expect(lines).toHaveLength(503); // header, 501 rows, final CRLF
      expect(lines[1]).toBe(
        'component:default/svc-0,svc-0,"Service, no. 0",group:default/data-team,system:default/analytics,none,blocked,83,1,2026-11-22T08:30:00.000Z',
      );
    });

    it('exports the view a shared link describes', async () => {
      const getScorecard = jest.fn(async (_query?: ScorecardQuery) =>
        scorecardResponse(),
      );
      await renderScorecard(
        { getScorecard },
        `${SCORECARD_PATH}?stage=blocked&sort=score&order=desc&page=2`,
      );

      await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));

      expect(
        await screen.findByText('Exported 3 services'),
      ).toBeInTheDocument();
      expect(getScorecard).toHaveBeenLastCalledWith({
        stage: ['blocked'],
        sort: 'score',
        order: 'desc',
        offset: 0,
        limit: 500,
      });
    });

    it('shows an export error', async () => {
      const getScorecard = jest.fn(async (query?: ScorecardQuery) => {
        if (query?.limit === 500) throw new Error('scorecard query timed out');
        return scorecardResponse();
      });
      await renderScorecard({ getScorecard });
      await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
      expect(
        await screen.findByText('Export failed: scorecard query timed out'),
      ).toBeInTheDocument();
      expect(createObjectURL).not.toHaveBeenCalled();
    });
  });

  describe('the view in the URL', () => {
    const many = (offset: number, count: number): ScorecardRow[] =>
      Array.from({ length: count }, (_, i) => ({
        ...SCORECARD_ROWS[0],
        entityRef: `component:default/svc-${offset + i}`,
        name: `svc-${offset + i}`,
        title: offset + i === 0 ? 'Cart API' : `Service ${offset + i}`,
      }));
    /**
     * 45 services, three rows a page whatever the limit (rendering is slow
     * and the table does not count rows); every page starts with Cart API.
     */
    const pagedScorecard = () =>
      jest.fn(async (query?: ScorecardQuery) => {
        const offset = query?.offset ?? 0;
        const rows = many(offset, Math.max(0, Math.min(3, 45 - offset)));
        if (rows.length) rows[0] = { ...rows[0], title: 'Cart API' };
        return scorecardResponse(rows, 45);
      });

    it('opens the view a link describes, and asks the API for it', async () => {
      const api = await renderScorecard(
        { getScorecard: pagedScorecard() },
        `${SCORECARD_PATH}?owner=group:default/storefront-team&stage=blocked&mesh=none&q=cart&sort=score&order=desc&page=2&pageSize=20`,
      );

      // the first request is the filtered one: no unfiltered flash
      expect(api.getScorecard).toHaveBeenCalledTimes(1);
      expect(api.getScorecard).toHaveBeenCalledWith({
        owner: ['group:default/storefront-team'],
        stage: ['blocked'],
        mesh: ['none'],
        q: 'cart',
        sort: 'score',
        order: 'desc',
        offset: 20,
        limit: 20,
      });
      expect(api.getScorecardHistory).toHaveBeenLastCalledWith({
        from: expect.any(String),
        owner: 'group:default/storefront-team',
      });

      expect(screen.getByRole('textbox', { name: 'Search' })).toHaveValue(
        'cart',
      );
      expect(screen.getByRole('combobox', { name: 'Sort by' })).toHaveValue(
        'score',
      );
      expect(screen.getByRole('combobox', { name: 'Order' })).toHaveValue(
        'desc',
      );
      expect(
        screen.getByRole('button', { name: 'storefront-team' }),
      ).toBeInTheDocument();
      expect(
        screen.getByRole('button', { name: 'No mesh' }),
      ).toBeInTheDocument();
      expect(
        screen.getByRole('button', { name: /^Blocked: / }),
      ).toHaveAttribute('aria-pressed', 'true');
      expect(screen.getByText('21-40 of 45')).toBeInTheDocument();
      expect(
        screen.getByText('Services of owner storefront-team'),
      ).toBeInTheDocument();
    });

    it('ignores what it cannot read in a link', async () => {
      const api = await renderScorecard(
        {},
        `${SCORECARD_PATH}?stage=nearly-there&stage=secured&mesh=warp-drive&sort=price&order=sideways&page=zero&pageSize=7`,
      );
      expect(api.getScorecard).toHaveBeenCalledTimes(1);
      expect(api.getScorecard).toHaveBeenCalledWith({
        stage: ['secured'],
        sort: 'name',
        order: 'asc',
        offset: 0,
        limit: 20,
      });
    });

    it('"My team" is on when a link\'s owners are the user\'s groups', async () => {
      const api = await renderScorecard(
        {},
        `${SCORECARD_PATH}?owner=group:default/checkout-guild&owner=group:default/storefront-team`,
      );
      const toggle = screen.getByRole('checkbox', { name: 'My team' });
      await waitFor(() => expect(toggle).toBeChecked());

      await userEvent.click(toggle);
      await waitFor(() => expect(currentSearch()).toBe(''));
      expect(lastQuery(api).owner).toBeUndefined();
    });

    it('writes filter changes to the URL, replacing the history entry', async () => {
      await renderScorecard();
      expect(currentSearch()).toBe('');

      await pick('Stage', 'Blocked');
      await waitFor(() => expect(currentSearch()).toBe('?stage=blocked'));
      expect(screen.getByTestId('location')).toHaveAttribute(
        'data-navigation',
        'REPLACE',
      );

      await userEvent.click(screen.getByRole('button', { name: /^Secured: / }));
      await userEvent.selectOptions(
        screen.getByRole('combobox', { name: 'Order' }),
        'desc',
      );
      await waitFor(() =>
        expect(currentSearch()).toBe('?stage=blocked&stage=secured&order=desc'),
      );
    });

    it('writes an owner to the URL as its entity ref', async () => {
      await renderScorecard();
      await pick('Owner', 'data-team');
      await waitFor(() =>
        expect(screen.getByTestId('location')).toHaveTextContent(
          '?owner=group%3Adefault%2Fdata-team',
        ),
      );
      expect(screen.getByTestId('location')).toHaveAttribute(
        'data-navigation',
        'REPLACE',
      );
    });

    it('keeps the page in the URL; a filter change goes back to the first', async () => {
      const api = await renderScorecard({ getScorecard: pagedScorecard() });

      await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
      await waitFor(() => expect(currentSearch()).toBe('?page=2'));
      await waitFor(() => expect(lastQuery(api).offset).toBe(20));

      await userEvent.click(
        screen.getByRole('button', { name: 'Rows per page: 20' }),
      );
      await userEvent.click(await screen.findByRole('option', { name: '50' }));
      await waitFor(() => expect(currentSearch()).toBe('?pageSize=50'));
      await waitFor(() =>
        expect(lastQuery(api)).toMatchObject({ offset: 0, limit: 50 }),
      );

      await pick('Stage', 'Ready to onboard');
      await waitFor(() =>
        expect(currentSearch()).toBe('?stage=ready&pageSize=50'),
      );
    });

    it('shows the last page for a link past the end', async () => {
      const api = await renderScorecard(
        { getScorecard: pagedScorecard() },
        `${SCORECARD_PATH}?stage=blocked&page=9`,
      );
      expect(api.getScorecard).toHaveBeenNthCalledWith(
        1,
        expect.objectContaining({ offset: 160 }),
      );
      await waitFor(() =>
        expect(currentSearch()).toBe('?stage=blocked&page=3'),
      );
      expect(lastQuery(api)).toMatchObject({ stage: ['blocked'], offset: 40 });
      expect(await screen.findByText('41-45 of 45')).toBeInTheDocument();
    });

    it('comes back to the same view from a service, with Back', async () => {
      const api = await renderScorecard(
        {},
        `${SCORECARD_PATH}?stage=blocked&q=cart`,
      );
      await pick('Owner', 'data-team');
      await waitFor(() =>
        expect(lastQuery(api).owner).toEqual(['group:default/data-team']),
      );

      await userEvent.click(screen.getByRole('link', { name: 'Cart API' }));
      await userEvent.click(
        await screen.findByRole('button', { name: 'Back' }),
      );

      await screen.findByText('Cart API');
      await waitFor(() =>
        expect(lastQuery(api)).toMatchObject({
          owner: ['group:default/data-team'],
          stage: ['blocked'],
          q: 'cart',
        }),
      );
      expect(screen.getByRole('textbox', { name: 'Search' })).toHaveValue(
        'cart',
      );
      expect(
        screen.getByRole('button', { name: 'data-team' }),
      ).toBeInTheDocument();
    });

    it('clears the view, search box included, when the URL loses its query', async () => {
      const api = await renderScorecard(
        {},
        `${SCORECARD_PATH}?stage=blocked&q=cart`,
      );
      expect(lastQuery(api)).toMatchObject({ stage: ['blocked'], q: 'cart' });
      expect(screen.getByRole('textbox', { name: 'Search' })).toHaveValue(
        'cart',
      );

      await userEvent.click(
        screen.getByRole('link', { name: 'Scorecard tab' }),
      );
      await waitFor(() =>
        expect(screen.getByRole('textbox', { name: 'Search' })).toHaveValue(''),
      );
      await waitFor(() =>
        expect(lastQuery(api)).toEqual({
          sort: 'name',
          order: 'asc',
          offset: 0,
          limit: 20,
        }),
      );
      expect(currentSearch()).toBe('');
    });
  });

  it('shows a load error', async () => {
    const api = mockServiceMeshApi({
      getScorecard: jest.fn().mockRejectedValue(new Error('database is down')),
      getScorecardHistory: jest.fn().mockResolvedValue(STAGE_HISTORY),
    });
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [serviceMeshApiRef, api],
          [catalogApiRef, catalogApi],
          [identityApiRef, mockApis.identity()],
        ]}
      >
        <ScorecardTab />
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    expect(
      (await screen.findAllByText(/database is down/)).length,
    ).toBeGreaterThan(0);
  });
});
