import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Entity,
  getCompoundEntityRef,
  parseEntityRef,
  RELATION_OWNED_BY,
  RELATION_PART_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AssessedEntity,
  KUBERNETES_CLUSTER_ANNOTATION,
  KUBERNETES_ID_ANNOTATION,
  KUBERNETES_LABEL_SELECTOR_ANNOTATION,
  KUBERNETES_NAMESPACE_ANNOTATION,
} from '@meshwise/backstage-plugin-service-mesh-common';

/** Which catalog entities are assessed. */
export interface EntityScope {
  kinds: string[];
  /** `spec.type` values; empty means any type. */
  types: string[];
}

export const DEFAULT_ENTITY_SCOPE: EntityScope = {
  kinds: ['Component'],
  types: ['service'],
};

const PAGE_SIZE = 500;

/**
 * Every entity in scope, page by page through the catalog (cursor paging),
 * so a large catalog is never requested in one response. `fields` limits
 * what the catalog sends of each entity (all of it by default).
 */
export async function* readEntitiesInScope(
  catalog: CatalogService,
  scope: EntityScope,
  credentials: BackstageCredentials,
  options: { fields?: string[] } = {},
): AsyncGenerator<Entity[]> {
  const filter: Record<string, string | string[]> = { kind: scope.kinds };
  if (scope.types.length > 0) filter['spec.type'] = scope.types;
  const fields = options.fields ? { fields: options.fields } : {};
  let cursor: string | undefined;
  do {
    const page = await catalog.queryEntities(
      cursor
        ? { cursor, limit: PAGE_SIZE, ...fields }
        : { filter, limit: PAGE_SIZE, ...fields },
      { credentials },
    );
    yield page.items;
    cursor = page.pageInfo.nextCursor;
  } while (cursor);
}

/** True when the entity is in scope (used when one entity is refreshed). */
export function isInScope(entity: Entity, scope: EntityScope): boolean {
  const kindMatches = scope.kinds.some(
    kind =>
      kind.toLocaleLowerCase('en-US') ===
      entity.kind.toLocaleLowerCase('en-US'),
  );
  const type = (entity.spec as { type?: unknown } | undefined)?.type;
  return (
    kindMatches &&
    (scope.types.length === 0 || scope.types.includes(String(type)))
  );
}

function relationTarget(entity: Entity, type: string): string | undefined {
  return entity.relations?.find(r => r.type === type)?.targetRef;
}

function specRef(
  entity: Entity,
  field: 'owner' | 'system',
  defaultKind: string,
): string | undefined {
  const value = (entity.spec as Record<string, unknown> | undefined)?.[field];
  if (typeof value !== 'string' || !value) return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(value, {
        defaultKind,
        defaultNamespace: entity.metadata.namespace ?? 'default',
      }),
    );
  } catch {
    return undefined;
  }
}

/** The catalog facts stored with an assessment. */
export function toAssessedEntity(entity: Entity): AssessedEntity {
  const { kind, namespace, name } = getCompoundEntityRef(entity);
  const owner =
    relationTarget(entity, RELATION_OWNED_BY) ??
    specRef(entity, 'owner', 'group');
  const system =
    relationTarget(entity, RELATION_PART_OF) ??
    specRef(entity, 'system', 'system');
  const lifecycle = (entity.spec as { lifecycle?: unknown } | undefined)
    ?.lifecycle;
  return {
    entityRef: stringifyEntityRef(entity),
    kind,
    namespace,
    name,
    ...(entity.metadata.title ? { title: entity.metadata.title } : {}),
    ...(owner ? { owner } : {}),
    ...(system?.startsWith('system:') ? { system } : {}),
    ...(typeof lifecycle === 'string' ? { lifecycle } : {}),
  };
}

/** The annotations an assessment reads: its workload selector's. */
const SELECTOR_ANNOTATIONS = [
  KUBERNETES_ID_ANNOTATION,
  KUBERNETES_LABEL_SELECTOR_ANNOTATION,
  KUBERNETES_NAMESPACE_ANNOTATION,
  KUBERNETES_CLUSTER_ANNOTATION,
];

/** The spec fields an assessment reads (and the scope's type). */
const SPEC_FIELDS = ['type', 'owner', 'system', 'lifecycle'];

/**
 * Only what an assessment reads of an entity (`toAssessedEntity` and its
 * workload selector): a scan holds every entity in scope while it runs,
 * and catalog entities carry much else (other annotations, relations with
 * their targets).
 */
export function compactForScan(entity: Entity): Entity {
  const { name, namespace, title } = entity.metadata;
  const annotations: Record<string, string> = {};
  for (const key of SELECTOR_ANNOTATIONS) {
    const value = entity.metadata.annotations?.[key];
    if (value !== undefined) annotations[key] = value;
  }
  const spec = entity.spec;
  const relations = entity.relations
    ?.filter(r => r.type === RELATION_OWNED_BY || r.type === RELATION_PART_OF)
    .map(({ type, targetRef }) => ({ type, targetRef }));
  return {
    apiVersion: entity.apiVersion,
    kind: entity.kind,
    metadata: {
      name,
      ...(namespace !== undefined ? { namespace } : {}),
      ...(title !== undefined ? { title } : {}),
      annotations,
    },
    ...(spec
      ? {
          spec: Object.fromEntries(
            SPEC_FIELDS.filter(key => spec[key] !== undefined).map(key => [
              key,
              spec[key],
            ]),
          ),
        }
      : {}),
    ...(relations ? { relations } : {}),
  };
}
