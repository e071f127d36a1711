import { Entity } from '@backstage/catalog-model';
import type { CheckResult } from '@backstage-community/plugin-tech-insights-common';
import { render, screen, within } from '@testing-library/react';
import { MeshChecksCardView } from './MeshChecksCard';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'shipping', namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
};

const discoveryApi = {
  getBaseUrl: async (pluginId: string) =>
    `http://localhost:7007/api/${pluginId}`,
};

function checkResult(
  id: string,
  name: string,
  fact: string,
  value: boolean | number | string,
  result: boolean,
): CheckResult {
  return {
    facts: {
      [fact]: {
        id: fact,
        type: typeof value === 'number' ? 'integer' : 'boolean',
        description: `The ${fact} fact`,
        value,
      },
    },
    check: {
      id,
      type: 'json-rules-engine',
      name,
      description: `${name}: the description.`,
      factIds: ['serviceMeshFactRetriever'],
      metadata: {},
    },
    result,
  };
}

/** As the jsonfc fact checker answers for a service on AWS App Mesh. */
const results: CheckResult[] = [
  checkResult(
    'meshwise-strict-mtls',
    'On a mesh with strict mTLS',
    'mtlsMode',
    'strict',
    true,
  ),
  checkResult(
    'meshwise-ready-for-target',
    'Ready for the target mesh',
    'readyForTargetMesh',
    true,
    true,
  ),
  checkResult(
    'meshwise-no-stale-proxies',
    'No stale proxies',
    'staleProxies',
    0,
    true,
  ),
  checkResult(
    'meshwise-not-discontinued',
    'Not on a discontinued mesh',
    'onDiscontinuedMesh',
    true,
    false,
  ),
];

function jsonResponse(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

describe('MeshChecksCardView', () => {
  it("runs the entity's checks on the Tech Insights backend and lists them with pass or fail", async () => {
    const calls: Array<[RequestInfo | URL, RequestInit | undefined]> = [];
    const fetch = async (url: RequestInfo | URL, init?: RequestInit) => {
      calls.push([url, init]);
      return jsonResponse(results);
    };
    render(
      <MeshChecksCardView
        entity={entity}
        discoveryApi={discoveryApi}
        fetchApi={{ fetch }}
      />,
    );

    const list = await screen.findByRole('list', { name: 'Mesh checks' });
    expect(screen.getByText('Mesh checks (Tech Insights)')).toBeInTheDocument();
    expect(calls).toHaveLength(1);
    const [[url, init]] = calls;
    expect(url).toBe(
      'http://localhost:7007/api/tech-insights/checks/run/default/component/shipping',
    );
    expect(init?.method).toBe('POST');

    const items = within(list).getAllByRole('listitem');
    expect(items.map(item => item.textContent)).toEqual([
      'PassNo stale proxiesNo stale proxies: the description.',
      'FailNot on a discontinued meshNot on a discontinued mesh: the description.',
      'PassOn a mesh with strict mTLSOn a mesh with strict mTLS: the description.',
      'PassReady for the target meshReady for the target mesh: the description.',
    ]);
  });

  it('says when the service has no results yet', async () => {
    render(
      <MeshChecksCardView
        entity={entity}
        discoveryApi={discoveryApi}
        fetchApi={{ fetch: async () => jsonResponse([]) }}
      />,
    );
    expect(
      await screen.findByText(
        'No check results yet: the service has no mesh facts.',
      ),
    ).toBeInTheDocument();
  });

  it('shows the error when the backend fails', async () => {
    render(
      <MeshChecksCardView
        entity={entity}
        discoveryApi={discoveryApi}
        fetchApi={{
          fetch: async () => jsonResponse({ error: 'boom' }, 500),
        }}
      />,
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Tech Insights answered 500',
    );
  });
});
