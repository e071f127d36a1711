import {
  INITIAL_VIEW,
  lastPageOf,
  parseScorecardUrlState,
  scorecardQueryOf,
  ScorecardViewState,
  writeScorecardUrlState,
} from './scorecardUrlState';

const parse = (query: string) =>
  parseScorecardUrlState(new URLSearchParams(query));
const write = (view: ScorecardViewState, current?: string) =>
  writeScorecardUrlState(view, new URLSearchParams(current)).toString();

const FULL_VIEW: ScorecardViewState = {
  filters: {
    owner: ['group:default/data-team', 'group:default/r&d, "east"'],
    system: ['system:default/storefront'],
    stage: ['blocked', 'must-migrate'],
    mesh: ['none', 'aws-app-mesh'],
    q: 'cart & checkout #1 é',
    sort: 'score',
    order: 'desc',
  },
  page: 2,
  pageSize: 50,
};

describe('scorecardUrlState', () => {
  it('reads an empty query as the initial view, and writes it as nothing', () => {
    expect(parse('')).toEqual(INITIAL_VIEW);
    expect(write(INITIAL_VIEW)).toBe('');
  });

  it('reads every key', () => {
    expect(
      parse(
        'owner=group:default/data-team&owner=group:default/ops&system=system:default/storefront&stage=blocked&stage=ready&mesh=none&mesh=linkerd&q=cart&sort=blockingCount&order=desc&page=3&pageSize=100',
      ),
    ).toEqual({
      filters: {
        owner: ['group:default/data-team', 'group:default/ops'],
        system: ['system:default/storefront'],
        stage: ['blocked', 'ready'],
        mesh: ['none', 'linkerd'],
        q: 'cart',
        sort: 'blockingCount',
        order: 'desc',
      },
      page: 2,
      pageSize: 100,
    });
  });

  it('round-trips a view, commas, ampersands and quotes included', () => {
    const query = write(FULL_VIEW);
    expect(parse(query)).toEqual(FULL_VIEW);
    // lists are repeated keys, in the order chosen
    expect(new URLSearchParams(query).getAll('stage')).toEqual([
      'blocked',
      'must-migrate',
    ]);
    expect(new URLSearchParams(query).get('page')).toBe('3');
  });

  it('round-trips each field on its own', () => {
    const views: ScorecardViewState[] = [
      { ...INITIAL_VIEW, page: 1 },
      { ...INITIAL_VIEW, pageSize: 100 },
      { ...INITIAL_VIEW, filters: { ...INITIAL_VIEW.filters, order: 'desc' } },
      { ...INITIAL_VIEW, filters: { ...INITIAL_VIEW.filters, q: ' cart ' } },
      {
        ...INITIAL_VIEW,
        filters: { ...INITIAL_VIEW.filters, stage: ['not-applicable'] },
      },
    ];
    for (const view of views) {
      expect(parse(write(view))).toEqual(view);
    }
  });

  it('leaves defaults out', () => {
    expect(
      write({
        ...INITIAL_VIEW,
        filters: { ...INITIAL_VIEW.filters, stage: ['secured'] },
      }),
    ).toBe('stage=secured');
  });

  it('keeps keys it does not own and replaces those it does', () => {
    expect(
      write(
        {
          ...INITIAL_VIEW,
          filters: { ...INITIAL_VIEW.filters, owner: ['group:default/a'] },
        },
        'tab=x&owner=group:default/old&stage=blocked&page=4',
      ),
    ).toBe('tab=x&owner=group%3Adefault%2Fa');
  });

  it('does not change the params it is given', () => {
    const current = new URLSearchParams('stage=blocked');
    writeScorecardUrlState(INITIAL_VIEW, current);
    expect(current.toString()).toBe('stage=blocked');
  });

  it('ignores invalid values', () => {
    expect(
      parse(
        'stage=nearly-there&stage=blocked&stage=BLOCKED&mesh=warp-drive&mesh=ecs-service-connect&mesh=linkerd&sort=price&order=sideways&page=-2&pageSize=7',
      ),
    ).toEqual({
      ...INITIAL_VIEW,
      filters: {
        ...INITIAL_VIEW.filters,
        stage: ['blocked'],
        mesh: ['linkerd'],
      },
    });
    for (const page of ['0', '1.5', 'abc', '1e3', '', '9999999']) {
      expect(parse(`page=${page}`).page).toBe(0);
    }
    for (const pageSize of ['0', '21', '50.0', 'all', '500']) {
      expect(parse(`pageSize=${pageSize}`).pageSize).toBe(20);
    }
  });

  it('drops empty, duplicate and control-character values', () => {
    expect(
      parse(
        'owner=&owner=%20&owner=group:default/a&owner=group:default/a&owner=group%00:x&system=system:default/%0Ab',
      ).filters,
    ).toMatchObject({ owner: ['group:default/a'], system: [] });
    expect(parse('stage=ready&stage=ready').filters.stage).toEqual(['ready']);
  });

  it('ignores a search the backend would refuse', () => {
    expect(parse('q=a%00b').filters.q).toBe('');
    expect(parse(`q=${'x'.repeat(201)}`).filters.q).toBe('');
    expect(parse(`q=${'x'.repeat(200)}`).filters.q).toHaveLength(200);
  });

  it('turns filters into the API query, the search trimmed', () => {
    expect(scorecardQueryOf(INITIAL_VIEW.filters)).toEqual({
      sort: 'name',
      order: 'asc',
    });
    expect(scorecardQueryOf({ ...FULL_VIEW.filters, q: '  cart ' })).toEqual({
      owner: FULL_VIEW.filters.owner,
      system: FULL_VIEW.filters.system,
      stage: FULL_VIEW.filters.stage,
      mesh: FULL_VIEW.filters.mesh,
      q: 'cart',
      sort: 'score',
      order: 'desc',
    });
    expect(
      scorecardQueryOf({ ...INITIAL_VIEW.filters, q: '   ' }),
    ).not.toHaveProperty('q');
  });

  it('knows the last page', () => {
    expect(lastPageOf(0, 20)).toBe(0);
    expect(lastPageOf(20, 20)).toBe(0);
    expect(lastPageOf(21, 20)).toBe(1);
    expect(lastPageOf(45, 20)).toBe(2);
  });
});
