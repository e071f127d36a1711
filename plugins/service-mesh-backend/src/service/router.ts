import {
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import {
  ClusterHealthList,
  MeshKnowledgeBase,
  meshRequirementsSchema,
  recommendMeshes,
  ScanRunList,
  ServiceMeshHealth,
} from '@meshwise/backstage-plugin-service-mesh-common';
import { ServiceMeshStore } from '../database/ServiceMeshStore';
import { EntityScope } from '../scanner/catalogEntities';
import { MeshScanner } from '../scanner/MeshScanner';
import { TaskSink } from '../tasks/GithubIssueSink';
import { addAssessmentRoutes } from './assessmentRoutes';
import { addScorecardRoutes } from './scorecardRoutes';
import { internalErrorFilter } from './internalErrors';
import { addTaskRoutes } from './taskRoutes';
import { parseBody, parseQuery } from './validation';

export interface RouterOptions {
  logger: LoggerService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  store: ServiceMeshStore;
  scanner: MeshScanner;
  scope: EntityScope;
  version: string;
  /** The built-in knowledge base with the app-config overrides applied. */
  knowledgeBase: MeshKnowledgeBase;
  /** Where tasks are also opened (a GitHub issue), when configured. */
  taskSink?: TaskSink;
}

const scansQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, store, version, knowledgeBase } = options;
  const router = Router();
  router.use(express.json());

  // Unauthenticated by design (see plugin.ts auth policy): probes and the
  // UI's status line read it. It reveals nothing about entities or clusters.
  router.get('/health', async (_req, res) => {
    const body: ServiceMeshHealth = {
      status: 'ok',
      version,
      database: store.databaseEngine(),
      schemaVersion: await store.schemaVersion(),
    };
    res.json(body);
  });

  router.get('/scans', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const { limit } = parseQuery(scansQuery, req.query);
    const body: ScanRunList = { items: await store.scans.list({ limit }) };
    res.json(body);
  });

  router.get('/clusters', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const body: ClusterHealthList = { items: await store.scans.listClusters() };
    res.json(body);
  });

  router.get('/meshes', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json(knowledgeBase);
  });

  router.post('/recommendations', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const requirements = parseBody(meshRequirementsSchema, req.body);
    res.json(recommendMeshes(requirements, knowledgeBase));
  });

  addAssessmentRoutes(router, options);
  addScorecardRoutes(router, options);
  addTaskRoutes(router, options);
  router.use(internalErrorFilter(options.logger));

  return router;
}
