import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ServiceMeshStore } from '../database/ServiceMeshStore';
import { MeshScanner } from '../scanner/MeshScanner';
import { serviceEntity } from '../__testUtils__/scanFixtures';
import { DefaultAssessmentService } from './AssessmentService';
import { MeshAuthorizer, notVisibleError } from './MeshAuthorizer';

const credentials = mockCredentials.user('user:default/alice');
const CART = 'component:default/cart';
const STORED = '{"entityRef":"component:default/cart","stage":"ready"}';

/** A promise the test settles, to see what runs before it does. */
function gate<T>() {
  let open!: (value: T) => void;
  const promise = new Promise<T>(resolve => {
    open = resolve;
  });
  return { promise, open };
}

function service(options: {
  rows: Record<string, string>;
  mayRead: () => Promise<boolean>;
  catalog?: Entity[];
  getJson?: jest.Mock;
}) {
  const getJson =
    options.getJson ??
    jest.fn(async (ref: string) => options.rows[ref] as string | undefined);
  const authorizer = {
    mayRead: jest.fn(options.mayRead),
    visibleEntity: jest.fn(async (ref: string) => {
      const entity = options.catalog?.find(
        e => `component:default/${e.metadata.name.toLowerCase()}` === ref,
      );
      if (!entity) throw notVisibleError(ref);
      return entity;
    }),
  };
  return {
    getJson,
    authorizer,
    assessments: new DefaultAssessmentService({
      store: { assessments: { getJson } } as unknown as ServiceMeshStore,
      scanner: {} as MeshScanner,
      authorizer: authorizer as unknown as MeshAuthorizer,
      scope: { kinds: ['Component'], types: ['service'] },
    }),
  };
}

describe('DefaultAssessmentService.assessmentJson', () => {
  it('reads the stored assessment while the authorization is pending, and fetches no entity', async () => {
    const decision = gate<boolean>();
    const { assessments, getJson, authorizer } = service({
      rows: { [CART]: STORED },
      mayRead: () => decision.promise,
    });

    const answer = assessments.assessmentJson(CART, { credentials });
    await new Promise(resolve => setImmediate(resolve));

    // The database read has started; the answer still waits for the decision.
    expect(getJson).toHaveBeenCalledWith(CART);
    let settled = false;
    answer.then(() => (settled = true)).catch(() => (settled = true));
    await new Promise(resolve => setImmediate(resolve));
    expect(settled).toBe(false);

    decision.open(true);
    await expect(answer).resolves.toBe(STORED);
    expect(authorizer.mayRead).toHaveBeenCalledWith(CART, credentials);
    expect(authorizer.visibleEntity).not.toHaveBeenCalled();
  });

  it('answers a caller who may not read the entity the 404 of an unknown entity, whatever is stored', async () => {
    const { assessments } = service({
      rows: { [CART]: STORED },
      mayRead: async () => false,
    });
    const denied = assessments.assessmentJson(CART, { credentials });
    await expect(denied).rejects.toThrow(notVisibleError(CART).message);
    await expect(denied).rejects.toMatchObject({ name: 'NotFoundError' });
  });

  it('denies with a 404, not the error of a failed database read', async () => {
    const { assessments } = service({
      rows: {},
      mayRead: async () => false,
      getJson: jest.fn(async () => {
        throw new Error('connection lost');
      }),
    });
    await expect(
      assessments.assessmentJson(CART, { credentials }),
    ).rejects.toMatchObject({ name: 'NotFoundError' });
  });

  it('says why nothing is stored: not in the catalog, not assessed yet, out of scope', async () => {
    const library = serviceEntity('cart-lib');
    library.spec = { ...library.spec, type: 'library' };
    const { assessments } = service({
      rows: {},
      mayRead: async () => true,
      catalog: [serviceEntity('cart'), library],
    });
    await expect(
      assessments.assessmentJson('component:default/nope', { credentials }),
    ).rejects.toThrow(notVisibleError('component:default/nope').message);
    await expect(
      assessments.assessmentJson(CART, { credentials }),
    ).rejects.toThrow('has not been assessed yet');
    await expect(
      assessments.assessmentJson('component:default/cart-lib', {
        credentials,
      }),
    ).rejects.toThrow('Meshwise assesses Component entities of type service');
  });
});
