import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { EntityScope, readEntitiesInScope } from '../scanner/catalogEntities';

/** What every service call carries: who asks. */
export interface CallerOptions {
  credentials: BackstageCredentials;
}

/**
 * The same 404 for an entity that does not exist and one the caller may not
 * see, so that the answer tells nothing about entities out of sight.
 */
export function notVisibleError(entityRef: string): NotFoundError {
  return new NotFoundError(
    `Entity ${entityRef} is not in the catalog, or you may not see it`,
  );
}

/** What the catalog needs to send of an entity for its ref. */
const REF_FIELDS = ['kind', 'metadata.namespace', 'metadata.name'];

/** Whose view of the catalog a read is: one user's, or undefined. */
function viewerKey(credentials: BackstageCredentials): string | undefined {
  const principal = credentials.principal as { userEntityRef?: string };
  return typeof principal?.userEntityRef === 'string'
    ? principal.userEntityRef
    : undefined;
}

/** The plugin's permissions: each is about one catalog entity. */
type EntityPermission = ResourcePermission<'catalog-entity'>;

/**
 * Who may see and change what, in one place for every service: reads follow
 * the catalog's visibility for the caller's credentials, changes go through
 * the plugin's permissions (as the catalog's `Authorized*` services do).
 */
export class MeshAuthorizer {
  readonly #catalog: CatalogService;
  readonly #permissions: PermissionsService;
  readonly #scope: EntityScope;
  /** Catalog reads of a user's visible entities under way, by user. */
  readonly #readingVisible = new Map<string, Promise<ReadonlySet<string>>>();

  constructor(options: {
    catalog: CatalogService;
    permissions: PermissionsService;
    scope: EntityScope;
  }) {
    this.#catalog = options.catalog;
    this.#permissions = options.permissions;
    this.#scope = options.scope;
  }

  /** The entity as the caller sees it in the catalog, or a 404 that says why. */
  async visibleEntity(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<Entity> {
    const entity = await this.#catalog.getEntityByRef(entityRef, {
      credentials,
    });
    if (!entity) throw notVisibleError(entityRef);
    return entity;
  }

  /**
   * Whether the caller may read the entity, without fetching it: one
   * decision of the catalog's read permission for this ref (the permission
   * backend has the catalog apply a conditional policy to the entity, and
   * an entity not in the catalog is then denied). A policy that allows
   * every entity allows this ref too, as the scorecard lists every stored
   * row to such a caller: an entity that left the catalog stays readable
   * until the next scan removes its assessment.
   */
  async mayRead(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<boolean> {
    const [decision] = await this.#permissions.authorize(
      [{ permission: catalogEntityReadPermission, resourceRef: entityRef }],
      { credentials },
    );
    return decision.result === AuthorizeResult.ALLOW;
  }

  async canSee(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<boolean> {
    return Boolean(
      await this.#catalog.getEntityByRef(entityRef, { credentials }),
    );
  }

  /** The entities as the caller sees them, in the order of the refs. */
  async visibleEntities(
    entityRefs: string[],
    credentials: BackstageCredentials,
  ): Promise<(Entity | undefined)[]> {
    const { items } = await this.#catalog.getEntitiesByRefs(
      { entityRefs },
      { credentials },
    );
    return items.map(item => item ?? undefined);
  }

  /**
   * Which assessed entities the caller may see, following the catalog's own
   * read permission: undefined when the policy allows every entity (no
   * per-row cost), none when it denies, otherwise the refs the catalog
   * returns for the caller's credentials.
   */
  async visibleEntityRefs(
    credentials: BackstageCredentials,
  ): Promise<ReadonlySet<string> | undefined> {
    const [decision] = await this.#permissions.authorizeConditional(
      [{ permission: catalogEntityReadPermission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.ALLOW) return undefined;
    if (decision.result === AuthorizeResult.DENY) return new Set();
    // A conditional policy: the catalog applies it. One read per user at a
    // time: the requests of a user that arrive while the catalog is being
    // read (a page's scorecard, counts and tasks at once) share that read.
    const viewer = viewerKey(credentials);
    if (!viewer) return this.#readVisibleRefs(credentials);
    const reading = this.#readingVisible.get(viewer);
    if (reading) return reading;
    const read = this.#readVisibleRefs(credentials);
    this.#readingVisible.set(viewer, read);
    try {
      return await read;
    } finally {
      this.#readingVisible.delete(viewer);
    }
  }

  /** Every entity in scope the catalog shows the caller: their refs only. */
  async #readVisibleRefs(
    credentials: BackstageCredentials,
  ): Promise<ReadonlySet<string>> {
    const refs = new Set<string>();
    for await (const page of readEntitiesInScope(
      this.#catalog,
      this.#scope,
      credentials,
      { fields: REF_FIELDS },
    )) {
      page.forEach(entity => refs.add(stringifyEntityRef(entity)));
    }
    return refs;
  }

  /** Throws `NotAllowedError(denied)` unless the caller may act on the entity. */
  async require(
    permission: EntityPermission,
    entityRef: string,
    credentials: BackstageCredentials,
    denied: string,
  ): Promise<void> {
    const [allowed] = await this.allowedEach(
      permission,
      [entityRef],
      credentials,
    );
    if (!allowed) throw new NotAllowedError(denied);
  }

  /** Whether the caller may act on each entity, in one request to the policy. */
  async allowedEach(
    permission: EntityPermission,
    entityRefs: readonly string[],
    credentials: BackstageCredentials,
  ): Promise<boolean[]> {
    if (entityRefs.length === 0) return [];
    const decisions = await this.#permissions.authorize(
      entityRefs.map(resourceRef => ({ permission, resourceRef })),
      { credentials },
    );
    return decisions.map(d => d.result === AuthorizeResult.ALLOW);
  }
}
