import { Entity } from '@backstage/catalog-model';
import { readEntityWorkloadSelector } from '@meshwise/backstage-plugin-service-mesh-common';
import { compactForScan, toAssessedEntity } from './catalogEntities';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'cart',
    namespace: 'shop',
    title: 'Cart',
    uid: 'c0ffee',
    etag: 'abc',
    description: 'The cart service, with a long description '.repeat(20),
    annotations: {
      'backstage.io/kubernetes-id': 'cart',
      'backstage.io/kubernetes-namespace': 'shop',
      'backstage.io/kubernetes-cluster': 'prod',
      'backstage.io/source-location': 'url:https://github.com/acme/cart',
      'backstage.io/techdocs-ref': 'dir:.',
    },
    labels: { tier: 'backend' },
    links: [{ url: 'https://cart.example.com' }],
  },
  spec: {
    type: 'service',
    owner: 'team-a',
    system: 'shop',
    lifecycle: 'production',
    providesApis: ['cart-api'],
  },
  relations: [
    { type: 'ownedBy', targetRef: 'group:default/team-a' },
    { type: 'partOf', targetRef: 'system:shop/shop' },
    { type: 'providesApi', targetRef: 'api:shop/cart-api' },
    { type: 'dependsOn', targetRef: 'component:shop/payments' },
  ],
};

describe('compactForScan', () => {
  it('keeps what an assessment reads, and only that', () => {
    const compact = compactForScan(entity);

    expect(toAssessedEntity(compact)).toEqual(toAssessedEntity(entity));
    expect(readEntityWorkloadSelector(compact)).toEqual(
      readEntityWorkloadSelector(entity),
    );
    expect(compact).toEqual({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'cart',
        namespace: 'shop',
        title: 'Cart',
        annotations: {
          'backstage.io/kubernetes-id': 'cart',
          'backstage.io/kubernetes-namespace': 'shop',
          'backstage.io/kubernetes-cluster': 'prod',
        },
      },
      spec: {
        type: 'service',
        owner: 'team-a',
        system: 'shop',
        lifecycle: 'production',
      },
      relations: [
        { type: 'ownedBy', targetRef: 'group:default/team-a' },
        { type: 'partOf', targetRef: 'system:shop/shop' },
      ],
    });
  });

  it('keeps an entity without spec, annotations or relations as it reads', () => {
    const bare: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'legacy' },
    };
    const compact = compactForScan(bare);

    expect(toAssessedEntity(compact)).toEqual(toAssessedEntity(bare));
    expect(readEntityWorkloadSelector(compact)).toEqual(
      readEntityWorkloadSelector(bare),
    );
  });
});
