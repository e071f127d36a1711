import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { serviceMeshApiRef } from '../../api';
import { mockServiceMeshApi } from '../testUtils';
import { EntityServiceMeshContent } from './EntityServiceMeshContent';

function service(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'cart-api', annotations },
    spec: {
      type: 'service',
      owner: 'storefront-team',
      lifecycle: 'production',
    },
  };
}

async function renderFor(entity: Entity) {
  await renderInTestApp(
    <TestApiProvider apis={[[serviceMeshApiRef, mockServiceMeshApi()]]}>
      <EntityProvider entity={entity}>
        <EntityServiceMeshContent />
      </EntityProvider>
    </TestApiProvider>,
  );
}

describe('EntityServiceMeshContent', () => {
  it("shows the selector of the entity's workloads", async () => {
    await renderFor(service({ 'backstage.io/kubernetes-id': 'cart-api' }));

    expect(
      screen.getByText('backstage.io/kubernetes-id=cart-api'),
    ).toBeInTheDocument();
    expect(await screen.findByText('Meshwise backend')).toBeInTheDocument();
  });

  it('says which annotation to add when none is set', async () => {
    await renderFor(service({}));

    expect(
      screen.getByText('Kubernetes workloads: not configured'),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText(/backstage.io\/kubernetes-id: cart-api/).length,
    ).toBeGreaterThan(0);
  });
});
