import { HttpAuthService, LoggerService } from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import {
  ScanRunList,
  ServiceMeshHealth,
} from '@meshwise/backstage-plugin-service-mesh-common';
import { ServiceMeshStore } from '../database/ServiceMeshStore';
import { parseQuery } from './validation';

export interface RouterOptions {
  logger: LoggerService;
  httpAuth: HttpAuthService;
  store: ServiceMeshStore;
  version: string;
}

const scansQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, store, version } = options;
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
    const body: ScanRunList = { items: await store.listScanRuns({ limit }) };
    res.json(body);
  });

  return router;
}
