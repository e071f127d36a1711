import { HttpAuthService, LoggerService } from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import {
  ClusterHealthList,
  MeshKnowledgeBase,
  meshRequirementsSchema,
  ScanRunList,
  ServiceMeshHealth,
} from '@meshwise/backstage-plugin-service-mesh-common';
import { recommendMeshes } from '@meshwise/mesh-engine';
import { ServiceMeshStore } from '../database/ServiceMeshStore';
import { addAssessmentRoutes } from './assessmentRoutes';
import { AssessmentService } from './AssessmentService';
import { callerCredentials } from './caller';
import { MigrationPlanService } from './MigrationPlanService';
import { MigrationTaskService } from './MigrationTaskService';
import { addScorecardRoutes } from './scorecardRoutes';
import { internalErrorFilter } from './internalErrors';
import { addTaskRoutes } from './taskRoutes';
import { parseBody, parseQuery } from './validation';

export interface RouterOptions {
  logger: LoggerService;
  httpAuth: HttpAuthService;
  /** Health, scan runs and clusters: read as stored, for any caller. */
  store: ServiceMeshStore;
  version: string;
  /** The built-in knowledge base with the app-config overrides applied. */
  knowledgeBase: MeshKnowledgeBase;
  assessments: AssessmentService;
  plans: MigrationPlanService;
  tasks: MigrationTaskService;
}

const scansQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, store, version, knowledgeBase } = options;
  const credentialsOf = callerCredentials(httpAuth);
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
    await credentialsOf(req);
    const { limit } = parseQuery(scansQuery, req.query);
    const body: ScanRunList = { items: await store.scans.list({ limit }) };
    res.json(body);
  });

  router.get('/clusters', async (req, res) => {
    await credentialsOf(req);
    const body: ClusterHealthList = { items: await store.scans.listClusters() };
    res.json(body);
  });

  router.get('/meshes', async (req, res) => {
    await credentialsOf(req);
    res.json(knowledgeBase);
  });

  router.post('/recommendations', async (req, res) => {
    await credentialsOf(req);
    const requirements = parseBody(meshRequirementsSchema, req.body);
    res.json(recommendMeshes(requirements, knowledgeBase));
  });

  addAssessmentRoutes(router, options);
  addScorecardRoutes(router, options);
  addTaskRoutes(router, options);
  router.use(internalErrorFilter(options.logger));

  return router;
}
