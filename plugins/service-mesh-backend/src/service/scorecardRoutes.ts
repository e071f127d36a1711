import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { SCORECARD_SORT_FIELDS } from '@meshwise/backstage-plugin-service-mesh-common';
import express from 'express';
import { z } from 'zod';
import { ServiceMeshStore } from '../database/ServiceMeshStore';
import { EntityScope } from '../scanner/catalogEntities';
import { visibleEntityRefs } from './entityVisibility';
import { isoDay, listParam, pageOffset } from './queryParams';
import { parseQuery } from './validation';

const STAGES = [
  'not-applicable',
  'not-assessed',
  'blocked',
  'ready',
  'onboarding',
  'meshed',
  'secured',
  'must-migrate',
] as const;

const scorecardQuery = z.object({
  owner: listParam(z.string().min(1)),
  system: listParam(z.string().min(1)),
  stage: listParam(z.enum(STAGES)),
  mesh: listParam(z.string().min(1)),
  q: z.string().max(200).optional(),
  sort: z.enum(SCORECARD_SORT_FIELDS).optional(),
  order: z.enum(['asc', 'desc']).optional(),
  offset: pageOffset,
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

const historyQuery = z
  .object({
    from: isoDay.optional(),
    to: isoDay.optional(),
    groupBy: z.enum(['owner', 'system']).optional(),
    owner: z.string().min(1).optional(),
    system: z.string().min(1).optional(),
  })
  .refine(q => !(q.owner && q.system), {
    message: 'filter by owner or by system, not both',
    path: ['system'],
  })
  .refine(q => !q.from || !q.to || q.from <= q.to, {
    message: 'must not be after to',
    path: ['from'],
  });

export interface ScorecardRoutesOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  store: ServiceMeshStore;
  scope: EntityScope;
}

/** `/scorecard` and `/scorecard/history`, served from the store. */
export function addScorecardRoutes(
  router: express.Router,
  options: ScorecardRoutesOptions,
) {
  const { httpAuth, permissions, catalog, store, scope } = options;

  router.get('/scorecard', async (req, res) => {
    const query = parseQuery(scorecardQuery, req.query);
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const visible = await visibleEntityRefs({
      credentials,
      permissions,
      catalog,
      scope,
    });
    res.json(
      await store.assessments.scorecard(
        query,
        visible === 'all' ? undefined : visible,
      ),
    );
  });

  router.get('/scorecard/history', async (req, res) => {
    const query = parseQuery(historyQuery, req.query);
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const visible = await visibleEntityRefs({
      credentials,
      permissions,
      catalog,
      scope,
    });
    res.json(
      await store.assessments.history(
        query,
        visible === 'all' ? undefined : visible,
      ),
    );
  });
}
