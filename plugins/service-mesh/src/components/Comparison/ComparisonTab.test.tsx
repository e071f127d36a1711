import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  type MeshKnowledgeBase,
  type MeshRequirements,
} from '@meshwise/backstage-plugin-service-mesh-common';
import {
  applyKnowledgeBaseOverrides,
  MESH_KNOWLEDGE_BASE,
  recommendMeshes,
} from '@meshwise/mesh-engine';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router-dom';
import { serviceMeshApiRef } from '../../api';
import { mockServiceMeshApi } from '../__testUtils__';
import { ComparisonTab } from './ComparisonTab';

/** A mock backend answering with the real knowledge base and recommender. */
function realApi(kb: MeshKnowledgeBase = MESH_KNOWLEDGE_BASE) {
  return mockServiceMeshApi({
    getMeshes: jest.fn().mockResolvedValue(kb),
    recommendMeshes: jest.fn(async (requirements: MeshRequirements) =>
      recommendMeshes(requirements, kb),
    ),
  });
}

function LocationProbe() {
  const location = useLocation();
  return <div data-testid="location">{location.search}</div>;
}

async function renderTab(
  api: ReturnType<typeof mockServiceMeshApi>,
  routeEntries: string[] = ['/'],
) {
  await renderInTestApp(
    <TestApiProvider apis={[[serviceMeshApiRef, api]]}>
      <ComparisonTab />
      <LocationProbe />
    </TestApiProvider>,
    { routeEntries },
  );
}

const ranking = () => screen.getByRole('list', { name: 'Ranking' });

async function firstRanked(name: string) {
  await waitFor(
    () =>
      expect(
        within(ranking()).getAllByRole('listitem')[0],
      ).toHaveAccessibleName(`#1 ${name}`),
    { timeout: 5_000 },
  );
}

// The matrix is large; jsdom renders and queries it slowly.
jest.setTimeout(30_000);

describe('ComparisonTab', () => {
  it('shows the active meshes in the matrix with each cell sourced', async () => {
    await renderTab(realApi());

    const matrix = await screen.findByRole('table', { name: 'Feature matrix' });
    const headers = within(matrix)
      .getAllByRole('columnheader')
      .map(h => h.textContent);
    expect(headers.join('|')).toContain('Istio (sidecar)');
    expect(headers.join('|')).toContain('Linkerd');
    expect(headers.join('|')).not.toContain('AWS App Mesh');
    expect(headers.join('|')).not.toContain('Amazon VPC Lattice');
    expect(
      within(matrix).getByRole('row', { name: 'Security' }),
    ).toBeInTheDocument();
    expect(within(matrix).getByText('Licence')).toBeInTheDocument();

    await userEvent.click(
      within(matrix).getByRole('button', {
        name: 'Istio (sidecar), Traffic mirroring: Supported',
      }),
    );
    const details = await screen.findByRole('dialog', {
      name: 'Istio (sidecar), Traffic mirroring: Supported',
    });
    expect(
      within(details).getByText(
        '`mirrors` / `mirror_percentage` on VirtualService routes.',
      ),
    ).toBeInTheDocument();
    const link = within(details).getByRole('link', {
      name: /virtual_service\.proto/,
    });
    expect(link.getAttribute('href')).toMatch(/^https:\/\//);
    expect(
      within(details).getByText(/Checked on \d{4}-\d{2}-\d{2}/),
    ).toBeInTheDocument();
  });

  it('adds an entry to the matrix from the picker', async () => {
    await renderTab(realApi());
    const matrix = await screen.findByRole('table', { name: 'Feature matrix' });

    await userEvent.click(
      screen.getByRole('button', { name: 'AWS App Mesh (discontinued)' }),
    );

    expect(
      within(matrix).getByRole('columnheader', { name: /AWS App Mesh/ }),
    ).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent('compare=');
  });

  it('marks cells overridden in app-config with the built-in value', async () => {
    const kb = applyKnowledgeBaseOverrides(MESH_KNOWLEDGE_BASE, {
      overrides: [
        {
          mesh: 'linkerd',
          capability: 'mirroring',
          value: 'supported',
          note: 'Mirrored by our in-house Linkerd extension.',
          source: {
            title: 'Platform wiki: mirroring',
            url: 'https://wiki.example.com/mirroring',
          },
          checkedOn: '2026-12-01',
        },
      ],
      entries: [],
    });
    await renderTab(realApi(kb));

    const cell = await screen.findByRole('button', {
      name: 'Linkerd, Traffic mirroring: Supported (overridden in app-config)',
    });
    expect(within(cell).getByText('app-config')).toBeInTheDocument();

    await userEvent.click(cell);
    const details = await screen.findByRole('dialog');
    expect(
      within(details).getByText('Overridden in app-config'),
    ).toBeInTheDocument();
    expect(
      within(details).getByText(/Built-in value: Not supported/),
    ).toBeInTheDocument();
    expect(
      within(details).getByRole('link', { name: /^Platform wiki: mirroring/ }),
    ).toHaveAttribute('href', 'https://wiki.example.com/mirroring');
  });

  it('warns that AWS App Mesh is discontinued and names its successors', async () => {
    await renderTab(realApi());

    expect(
      await screen.findByText(
        'Warning: AWS App Mesh: discontinued 2026-09-30. Migrate to Amazon ECS Service Connect, Amazon VPC Lattice',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Open Service Mesh: archived 2023-06-30/),
    ).toBeInTheDocument();
  });

  it('re-ranks when a platform or a must-have is ticked', async () => {
    const api = realApi();
    await renderTab(api);

    await firstRanked('Istio (sidecar)');
    expect(
      within(ranking()).queryByRole('listitem', { name: /AWS App Mesh/ }),
    ).not.toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('checkbox', { name: 'Runs on Amazon ECS' }),
    );
    await firstRanked('Amazon ECS Service Connect');
    expect(api.recommendMeshes).toHaveBeenLastCalledWith(
      expect.objectContaining({ platforms: ['ecs'], mustHave: [] }),
    );

    await userEvent.click(
      screen.getByRole('checkbox', { name: 'Must-have: Traffic mirroring' }),
    );
    await firstRanked('Kuma / Kong Mesh');
    expect(api.recommendMeshes).toHaveBeenLastCalledWith(
      expect.objectContaining({ platforms: ['ecs'], mustHave: ['mirroring'] }),
    );
    const linkerd = within(ranking()).getByRole('listitem', {
      name: /Linkerd/,
    });
    expect(
      within(linkerd).getByText('Fails: Amazon ECS, Traffic mirroring'),
    ).toBeInTheDocument();

    const excluded = screen.getByRole('list', { name: 'Excluded' });
    expect(
      within(excluded).getByRole('listitem', { name: 'AWS App Mesh' }),
    ).toHaveTextContent(
      'Successors: Amazon ECS Service Connect (ranked #3), Amazon VPC Lattice (ranked #4)',
    );
    expect(
      within(ranking()).queryByRole('listitem', { name: /AWS App Mesh/ }),
    ).not.toBeInTheDocument();

    expect(screen.getByTestId('location')).toHaveTextContent(
      '?platform=ecs&must=mirroring',
    );
  });

  it('unticks nice-to-have when the same capability becomes a must-have', async () => {
    await renderTab(realApi(), ['/?nice=mirroring']);

    const nice = await screen.findByRole('checkbox', {
      name: 'Nice-to-have: Traffic mirroring',
    });
    expect(nice).toBeChecked();
    await userEvent.click(
      screen.getByRole('checkbox', { name: 'Must-have: Traffic mirroring' }),
    );
    expect(nice).not.toBeChecked();
    expect(screen.getByTestId('location')).toHaveTextContent('?must=mirroring');
  });

  it('restores the form from the URL and ignores invalid values', async () => {
    const api = realApi();
    await renderTab(api, [
      '/?platform=ecs,mainframe&must=mirroring&must=teleport&cp=managed&oss=1&exp=linkerd,nope&w.mustHave=6&w.overhead=99',
    ]);

    expect(
      await screen.findByRole('checkbox', { name: 'Runs on Amazon ECS' }),
    ).toBeChecked();
    expect(
      screen.getByRole('checkbox', { name: 'Runs on Kubernetes' }),
    ).not.toBeChecked();
    expect(
      screen.getByRole('checkbox', { name: 'Must-have: Traffic mirroring' }),
    ).toBeChecked();
    expect(screen.getByRole('radio', { name: 'Managed' })).toBeChecked();
    expect(
      screen.getByRole('checkbox', { name: 'Open-source licence' }),
    ).toBeChecked();
    expect(
      screen.getByRole('checkbox', { name: 'Low overhead matters' }),
    ).not.toBeChecked();
    expect(
      screen.getByRole('checkbox', { name: 'Experience: Linkerd' }),
    ).toBeChecked();

    await firstRanked('Kuma / Kong Mesh');
    expect(api.recommendMeshes).toHaveBeenCalledWith({
      platforms: ['ecs'],
      mustHave: ['mirroring'],
      niceToHave: [],
      preferences: {
        controlPlane: 'managed',
        lowOverhead: false,
        openSourceLicense: true,
        experience: ['linkerd'],
      },
      weights: { mustHave: 6 },
    });
  });

  it('explains which requirement rules every mesh out', async () => {
    const kb: MeshKnowledgeBase = {
      ...MESH_KNOWLEDGE_BASE,
      entries: MESH_KNOWLEDGE_BASE.entries.filter(e =>
        ['linkerd', 'cilium', 'istio-ambient', 'aws-app-mesh'].includes(e.id),
      ),
    };
    await renderTab(realApi(kb), ['/?platform=ecs']);

    expect(
      await screen.findByText('Info: No mesh meets all your must-haves'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /No entry supports Amazon ECS\. What rules entries out: Amazon ECS \(3 of 3 lack it\)/,
      ),
    ).toBeInTheDocument();
  });

  it('says what to do when the knowledge base cannot be loaded', async () => {
    const api = mockServiceMeshApi({
      getMeshes: jest.fn().mockRejectedValue(new Error('backend is down')),
    });
    await renderTab(api);

    expect(
      await screen.findByText(
        /Could not load the mesh knowledge base: backend is down\. Check that the service-mesh backend/,
      ),
    ).toBeInTheDocument();
    expect(api.recommendMeshes).not.toHaveBeenCalled();
  });

  it('keeps the matrix when the ranking fails', async () => {
    const api = mockServiceMeshApi({
      getMeshes: jest.fn().mockResolvedValue(MESH_KNOWLEDGE_BASE),
      recommendMeshes: jest.fn().mockRejectedValue(new Error('timeout')),
    });
    await renderTab(api);

    expect(
      await screen.findByText(/Could not rank the meshes: timeout/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('table', { name: 'Feature matrix' }),
    ).toBeInTheDocument();
  });
});
