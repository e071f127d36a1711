import {
  AuditorService,
  HttpAuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import express from 'express';
import { MeshKnowledgeBase } from '@meshwise/backstage-plugin-service-mesh-common';
import { recommendMeshes } from '@meshwise/mesh-engine';
import { ServiceMeshStore } from '../database/ServiceMeshStore';
import { addAssessmentRoutes } from './assessmentRoutes';
import { AssessmentService } from './AssessmentService';
import { callerCredentials } from './caller';
import { MigrationPlanService } from './MigrationPlanService';
import { MigrationTaskService } from './MigrationTaskService';
import { addScorecardRoutes } from './scorecardRoutes';
import { internalErrorFilter } from './internalErrors';
import { createOpenApiRouter } from './openApiRouter';
import { addTaskRoutes } from './taskRoutes';

export interface RouterOptions {
  logger: LoggerService;
  httpAuth: HttpAuthService;
  /** Records every change made through the API (refreshes, tasks). */
  auditor: AuditorService;
  /** Health, scan runs and clusters: read as stored, for any caller. */
  store: ServiceMeshStore;
  version: string;
  /** The built-in knowledge base with the app-config overrides applied. */
  knowledgeBase: MeshKnowledgeBase;
  assessments: AssessmentService;
  plans: MigrationPlanService;
  tasks: MigrationTaskService;
}

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, store, version, knowledgeBase } = options;
  const credentialsOf = callerCredentials(httpAuth);
  // Requests reach the routes validated against openapi.yaml.
  const router = createOpenApiRouter();

  // Unauthenticated by design (see plugin.ts auth policy): probes and the
  // UI's status line read it. It reveals nothing about entities or clusters.
  router.get('/health', async (_req, res) => {
    res.json({
      status: 'ok',
      version,
      database: store.databaseEngine(),
      schemaVersion: await store.schemaVersion(),
    });
  });

  router.get('/scans', async (req, res) => {
    await credentialsOf(req);
    // The validator has filled in the spec's default.
    const limit = req.query.limit!;
    res.json({ items: await store.scans.list({ limit }) });
  });

  router.get('/clusters', async (req, res) => {
    await credentialsOf(req);
    res.json({ items: await store.scans.listClusters() });
  });

  router.get('/meshes', async (req, res) => {
    await credentialsOf(req);
    // The model's lists are read-only; the response type's are not.
    const { capabilities, entries } = knowledgeBase;
    res.json({ capabilities: [...capabilities], entries: [...entries] });
  });

  router.post('/recommendations', async (req, res) => {
    await credentialsOf(req);
    // The engine fills in the defaults of what the spec let through.
    res.json(recommendMeshes(req.body, knowledgeBase));
  });

  addAssessmentRoutes(router, options);
  addScorecardRoutes(router, options);
  addTaskRoutes(router, options);
  router.use(internalErrorFilter(options.logger));

  return router;
}
