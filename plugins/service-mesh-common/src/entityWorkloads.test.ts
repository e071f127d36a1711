import { Entity } from '@backstage/catalog-model';
import { readEntityWorkloadSelector } from './entityWorkloads';

function service(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'cart-api', annotations },
    spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
  };
}

describe('readEntityWorkloadSelector', () => {
  it('selects by the kubernetes-id label', () => {
    expect(
      readEntityWorkloadSelector(
        service({ 'backstage.io/kubernetes-id': 'cart' }),
      ),
    ).toEqual({
      configured: true,
      labelSelector: 'backstage.io/kubernetes-id=cart',
      namespace: undefined,
      cluster: undefined,
    });
  });

  it('prefers an explicit label selector, with namespace and cluster', () => {
    expect(
      readEntityWorkloadSelector(
        service({
          'backstage.io/kubernetes-id': 'cart',
          'backstage.io/kubernetes-label-selector': 'app=cart,tier in (api)',
          'backstage.io/kubernetes-namespace': 'storefront',
          'backstage.io/kubernetes-cluster': 'prod-eu',
        }),
      ),
    ).toEqual({
      configured: true,
      labelSelector: 'app=cart,tier in (api)',
      namespace: 'storefront',
      cluster: 'prod-eu',
    });
  });

  it('reports an entity without annotations as not configured, with the fix', () => {
    const result = readEntityWorkloadSelector(service({}));

    expect(result.configured).toBe(false);
    expect(!result.configured && result.hint).toContain(
      'backstage.io/kubernetes-id: cart-api',
    );
  });
});
