import { NotFoundError } from '@backstage/errors';
import {
  EntityAssessmentResponse,
  ScorecardQuery,
  ScorecardResponse,
  serviceMeshRefreshPermission,
  StageHistoryQuery,
  StageHistoryResponse,
} from '@meshwise/backstage-plugin-service-mesh-common';
import { ServiceMeshStore } from '../database/ServiceMeshStore';
import { EntityScope, isInScope } from '../scanner/catalogEntities';
import { MeshScanner } from '../scanner/MeshScanner';
import {
  CallerOptions,
  MeshAuthorizer,
  notVisibleError,
} from './MeshAuthorizer';

/** Assessments, the scorecard and its history, as the caller may see them. */
export interface AssessmentService {
  /** The stored assessment of one entity, as the JSON text it was saved as. */
  assessmentJson(entityRef: string, options: CallerOptions): Promise<string>;
  /** Re-assesses one entity now. */
  refresh(
    entityRef: string,
    options: CallerOptions,
  ): Promise<EntityAssessmentResponse>;
  scorecard(
    query: ScorecardQuery,
    options: CallerOptions,
  ): Promise<ScorecardResponse>;
  history(
    query: StageHistoryQuery,
    options: CallerOptions,
  ): Promise<StageHistoryResponse>;
}

/**
 * Serves assessments from the store (pages never wait on a cluster), and
 * refreshes one on demand through the scanner. The scorecard and its
 * history hold only the entities the caller may see in the catalog; a
 * refresh needs the plugin's refresh permission. Every check goes through
 * the `MeshAuthorizer`.
 */
export class DefaultAssessmentService implements AssessmentService {
  readonly #store: ServiceMeshStore;
  readonly #scanner: MeshScanner;
  readonly #authorizer: MeshAuthorizer;
  readonly #scope: EntityScope;

  constructor(options: {
    store: ServiceMeshStore;
    scanner: MeshScanner;
    authorizer: MeshAuthorizer;
    scope: EntityScope;
  }) {
    this.#store = options.store;
    this.#scanner = options.scanner;
    this.#authorizer = options.authorizer;
    this.#scope = options.scope;
  }

  /**
   * The stored row is read while the permission framework decides whether
   * the caller may read the entity (one authorization, not a catalog fetch
   * of the entity), and sent only once it does: a caller who may not see
   * the entity gets the 404 of an unknown entity and nothing else.
   */
  async assessmentJson(entityRef: string, { credentials }: CallerOptions) {
    const stored = this.#store.assessments.getJson(entityRef);
    // Awaited below, once the decision is known: a denial answers first.
    stored.catch(() => {});
    if (!(await this.#authorizer.mayRead(entityRef, credentials))) {
      throw notVisibleError(entityRef);
    }
    return (await stored) ?? this.#notStored(entityRef, credentials);
  }

  /**
   * Nothing stored: the catalog says whether the entity exists and, if it
   * does, why it has no assessment. (Refs are compared in lower case, as
   * `stringifyEntityRef` writes them, so the requested ref is the stored one.)
   */
  async #notStored(
    entityRef: string,
    credentials: CallerOptions['credentials'],
  ): Promise<never> {
    const entity = await this.#authorizer.visibleEntity(entityRef, credentials);
    const scope = this.#scope;
    throw new NotFoundError(
      isInScope(entity, scope)
        ? `Entity ${entityRef} has not been assessed yet: the scanner assesses it on its next run, or refresh it now`
        : `Entity ${entityRef} is not assessed: Meshwise assesses ${scope.kinds.join(
            ', ',
          )} entities${
            scope.types.length ? ` of type ${scope.types.join(', ')}` : ''
          } (serviceMesh.entities in app-config)`,
    );
  }

  async refresh(entityRef: string, { credentials }: CallerOptions) {
    const entity = await this.#authorizer.visibleEntity(entityRef, credentials);
    await this.#authorizer.require(
      serviceMeshRefreshPermission,
      entityRef,
      credentials,
      `You may not refresh the assessment of ${entityRef}`,
    );
    const assessment = await this.#scanner.refreshEntity(entity);
    if (!assessment) {
      throw new NotFoundError(
        isInScope(entity, this.#scope)
          ? `Entity ${entityRef} could not be assessed: none of its clusters could be read yet (see GET /clusters)`
          : `Entity ${entityRef} is not in the scope Meshwise assesses (serviceMesh.entities in app-config)`,
      );
    }
    return assessment;
  }

  async scorecard(query: ScorecardQuery, { credentials }: CallerOptions) {
    const visible = await this.#authorizer.visibleEntityRefs(credentials);
    return this.#store.assessments.scorecard(query, visible);
  }

  async history(query: StageHistoryQuery, { credentials }: CallerOptions) {
    const visible = await this.#authorizer.visibleEntityRefs(credentials);
    return this.#store.history.history(query, visible);
  }
}
