import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  MIGRATION_TARGETS,
  MigrationTarget,
  serviceMeshRefreshPermission,
} from '@meshwise/backstage-plugin-service-mesh-common';
import { z } from 'zod';
import { entityPathParams } from './entityRefs';
import { parsePath, parseQuery } from './validation';
import express from 'express';
import { ServiceMeshStore } from '../database/ServiceMeshStore';
import { EntityScope, isInScope } from '../scanner/catalogEntities';
import { MeshScanner } from '../scanner/MeshScanner';

const planQuery = z.object({
  target: z.enum(
    MIGRATION_TARGETS.map(t => t.id) as [MigrationTarget, ...MigrationTarget[]],
  ),
});

export interface AssessmentRoutesOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  store: ServiceMeshStore;
  scanner: MeshScanner;
  scope: EntityScope;
}

/** `/entities/:kind/:namespace/:name/assessment` and `/refresh`. */
export function addAssessmentRoutes(
  router: express.Router,
  options: AssessmentRoutesOptions,
) {
  const { httpAuth, permissions, catalog, store, scanner, scope } = options;

  /** The entity as the caller sees it in the catalog, or a 404 that says why. */
  async function visibleEntity(req: express.Request) {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const { kind, namespace, name } = parsePath(entityPathParams, req.params);
    const ref = stringifyEntityRef({ kind, namespace, name });
    const entity = await catalog.getEntityByRef(ref, { credentials });
    if (!entity) {
      throw new NotFoundError(
        `Entity ${ref} is not in the catalog, or you may not see it`,
      );
    }
    return { entity, ref, credentials };
  }

  router.get(
    '/entities/:kind/:namespace/:name/assessment',
    async (req, res) => {
      const { entity, ref } = await visibleEntity(req);
      const stored = await store.assessments.getJson(
        stringifyEntityRef(entity),
      );
      if (stored === undefined) {
        throw new NotFoundError(
          isInScope(entity, scope)
            ? `Entity ${ref} has not been assessed yet: the scanner assesses it on its next run, or refresh it now`
            : `Entity ${ref} is not assessed: Meshwise assesses ${scope.kinds.join(
                ', ',
              )} entities${
                scope.types.length ? ` of type ${scope.types.join(', ')}` : ''
              } (serviceMesh.entities in app-config)`,
        );
      }
      // Stored as the JSON of the response: sent as is.
      res.type('application/json').send(stored);
    },
  );

  router.get(
    '/entities/:kind/:namespace/:name/migration-plan',
    async (req, res) => {
      const { target } = parseQuery(planQuery, req.query);
      const { entity, ref } = await visibleEntity(req);
      const plan = await scanner.migrationPlan(entity, target);
      if (!plan) {
        throw new NotFoundError(
          `No migration plan for ${ref}: none of its workloads was found (see its assessment)`,
        );
      }
      res.json(plan);
    },
  );

  router.post('/entities/:kind/:namespace/:name/refresh', async (req, res) => {
    const { entity, ref, credentials } = await visibleEntity(req);
    const [decision] = await permissions.authorize(
      [{ permission: serviceMeshRefreshPermission, resourceRef: ref }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`You may not refresh the assessment of ${ref}`);
    }
    const assessment = await scanner.refreshEntity(entity);
    if (!assessment) {
      throw new NotFoundError(
        isInScope(entity, scope)
          ? `Entity ${ref} could not be assessed: none of its clusters could be read yet (see GET /clusters)`
          : `Entity ${ref} is not in the scope Meshwise assesses (serviceMesh.entities in app-config)`,
      );
    }
    res.json(assessment);
  });
}
