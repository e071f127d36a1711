/* eslint-disable jest/no-export -- shared test helpers, not a test file */
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';

/**
 * An in-memory catalog whose entities a test changes while the backend
 * runs, as a catalog still ingesting does: each call answers from the
 * entities as they are at that moment (cursors carry their offset, so
 * paging works across calls).
 */
export function growingCatalog(initial: Entity[] = []): {
  catalog: CatalogService;
  /** The catalog's entities: push, replace or remove to change the catalog. */
  entities: Entity[];
  /** Every call, by method, with its request (the first argument). */
  calls: { method: string; request: unknown }[];
} {
  const entities = [...initial];
  const calls: { method: string; request: unknown }[] = [];
  const probe = catalogServiceMock();
  const catalog = new Proxy(probe, {
    get(target, property) {
      // Only the catalog's methods: anything else (e.g. `then`) is absent.
      if (typeof Reflect.get(target, property) !== 'function') {
        return undefined;
      }
      return (...args: unknown[]) => {
        calls.push({ method: String(property), request: args[0] });
        const now = catalogServiceMock({ entities });
        return Reflect.get(now, property).apply(now, args);
      };
    },
  });
  return { catalog, entities, calls };
}
