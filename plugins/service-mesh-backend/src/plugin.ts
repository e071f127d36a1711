import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { serviceMeshPermissions } from '@meshwise/backstage-plugin-service-mesh-common';
import {
  ServiceMeshClusterSource,
  serviceMeshClusterSourcesExtensionPoint,
  ServiceMeshTaskSink,
  serviceMeshTaskSinksExtensionPoint,
} from '@meshwise/backstage-plugin-service-mesh-node';
import { loadMeshKnowledgeBase } from '@meshwise/mesh-engine';
import { createClusterLocator } from './clusters/ClusterLocator';
import { ServiceMeshStore } from './database/ServiceMeshStore';
import { demoHistoryBackfill } from './demo/backfillHistory';
import { packageVersion } from './packageVersion';
import { CatalogFollowUp } from './scanner/catalogFollowUp';
import { MeshScanner } from './scanner/MeshScanner';
import { readScanConfig, toMilliseconds } from './scanner/scanConfig';
import { ScanRunLease } from './scanner/ScanRunLease';
import { SCAN_TASK_ID } from './scanner/shards';
import { ShardQueue } from './scanner/ShardQueue';
import { DefaultAssessmentService } from './service/AssessmentService';
import { MeshAuthorizer } from './service/MeshAuthorizer';
import { DefaultMigrationPlanService } from './service/MigrationPlanService';
import { DefaultMigrationTaskService } from './service/MigrationTaskService';
import { createRouter } from './service/router';
import { schedulerRouteGuardServiceRef } from './service/schedulerRouteGuard';
import { TaskNotifications } from './tasks/TaskNotifications';
import { TaskSinks } from './tasks/TaskSinks';

/**
 * The id of the scheduled scan, for `scheduler.triggerTask`. With several
 * shards (`serviceMesh.scan.shards`), it asks for every shard, which the
 * replicas' workers (`SCAN_WORKER_TASK_ID`) then scan.
 */
export { SCAN_TASK_ID };

/** Each replica's worker of a scan split into shards: a local task. */
export const SCAN_WORKER_TASK_ID = 'service-mesh-scan-worker';

/** The id of the catalog follow-up, which triggers the scan for new entities. */
export const FOLLOW_UP_TASK_ID = 'service-mesh-catalog-follow-up';

/**
 * The service-mesh backend plugin: scans the catalog against its clusters
 * on a schedule and serves `/api/service-mesh`.
 *
 * @public
 */
export const serviceMeshPlugin = createBackendPlugin({
  pluginId: 'service-mesh',
  register(env) {
    // Modules add to these before this plugin's init runs.
    const addedClusterSources: ServiceMeshClusterSource[] = [];
    env.registerExtensionPoint(serviceMeshClusterSourcesExtensionPoint, {
      addClusterSource(...sources) {
        addedClusterSources.push(...sources);
      },
    });
    const addedTaskSinks: ServiceMeshTaskSink[] = [];
    env.registerExtensionPoint(serviceMeshTaskSinksExtensionPoint, {
      addTaskSink(...sinks) {
        addedTaskSinks.push(...sinks);
      },
    });

    env.registerInit({
      deps: {
        logger: coreServices.logger,
        auth: coreServices.auth,
        httpAuth: coreServices.httpAuth,
        auditor: coreServices.auditor,
        httpRouter: coreServices.httpRouter,
        // Before the scheduler: it guards the scheduler's trigger and
        // cancel routes, so it must be on the router first (see the file).
        schedulerRouteGuard: schedulerRouteGuardServiceRef,
        database: coreServices.database,
        config: coreServices.rootConfig,
        scheduler: coreServices.scheduler,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        catalog: catalogServiceRef,
        // Posts to the notifications backend; absent, a send fails and is logged.
        notifications: notificationService,
        // Reads the manifest sources given by url, with the app's integrations.
        urlReader: coreServices.urlReader,
      },
      async init(deps) {
        const { logger, config, httpRouter, scheduler } = deps;
        // A bad knowledge-base or scan setting fails the start with an error
        // naming the key, rather than serving something nobody intended.
        const knowledgeBase = loadMeshKnowledgeBase(
          config.getOptional('serviceMesh.knowledgeBase'),
        );
        const scanConfig = readScanConfig(config);
        // A clash of cluster names stops the start here, before any migration.
        const locateClusters = createClusterLocator({
          config,
          catalog: deps.catalog,
          auth: deps.auth,
          added: addedClusterSources,
          logger,
          urlReader: deps.urlReader,
          requestTimeoutMs: scanConfig.requestTimeoutMs,
          pageSize: scanConfig.pageSize,
          podPageSize: scanConfig.podPageSize,
        });
        const store = await ServiceMeshStore.create({
          database: deps.database,
        });

        deps.permissionsRegistry.addPermissions(serviceMeshPermissions);

        // Runs left `running` by a process that is gone are closed now, and
        // once more when a run killed just before this start has gone stale.
        const taskNotifications = new TaskNotifications({
          notifications: deps.notifications,
          logger,
        });
        const runLease = new ScanRunLease({
          scans: store.scans,
          logger,
          timeoutMs: toMilliseconds(scanConfig.schedule.timeout),
        });
        await runLease.reapAbandoned();
        setTimeout(
          () =>
            runLease
              .reapAbandoned()
              .catch(error =>
                logger.warn(
                  `Could not close abandoned scans: ${error.message}`,
                ),
              ),
          runLease.staleAfterMs + 1000,
        ).unref();

        const scanner = new MeshScanner({
          logger,
          auth: deps.auth,
          catalog: deps.catalog,
          store,
          locateClusters,
          scope: scanConfig.scope,
          knowledgeBase,
          targetMesh: scanConfig.targetMesh,
          maxObjectDrop: scanConfig.maxObjectDrop,
          reassessUnchangedAfterMs: scanConfig.reassessUnchangedAfterMs,
          runLease,
          taskNotifications,
        });

        // Demo only, off by default: generated past days after each scan.
        const backfillDemoHistory = demoHistoryBackfill({
          config,
          history: store.history,
          logger,
        });

        // Global scope: with several replicas on PostgreSQL, each task runs
        // on one replica at a time, and another takes it over when its
        // replica dies (once the task's timeout has passed).
        if (scanConfig.shards === 1) {
          await scheduler.scheduleTask({
            id: SCAN_TASK_ID,
            ...scanConfig.schedule,
            // After the schedule: a configured schedule must not make it local.
            scope: 'global',
            // The scheduler aborts the signal when the run is cancelled, past
            // its timeout, or the backend stops: the scan stops between
            // clusters and stored batches.
            fn: async signal => {
              await scanner.scan('schedule', signal);
              await backfillDemoHistory?.();
            },
          });
        } else {
          // Split into shards: the scan on its schedule asks for every
          // shard and starts on them; every replica's worker takes the
          // next due shard whenever it is free (see ShardQueue).
          const queue = new ShardQueue({
            scanner,
            scans: store.scans,
            logger,
            shards: scanConfig.shards,
            owner: runLease.owner,
          });
          await scheduler.scheduleTask({
            id: SCAN_TASK_ID,
            ...scanConfig.schedule,
            scope: 'global',
            fn: async signal => {
              await queue.request();
              await queue.drain(signal);
              await backfillDemoHistory?.();
            },
          });
          await scheduler.scheduleTask({
            id: SCAN_WORKER_TASK_ID,
            frequency: { seconds: 5 },
            timeout: scanConfig.schedule.timeout,
            scope: 'local',
            fn: async signal => {
              await queue.drain(signal);
            },
          });
        }

        if (scanConfig.followUp) {
          const followUp = new CatalogFollowUp({
            catalog: deps.catalog,
            auth: deps.auth,
            assessments: store.assessments,
            scope: scanConfig.scope,
            logger,
            triggerScan: () => scheduler.triggerTask(SCAN_TASK_ID),
            minIntervalMs: scanConfig.followUp.minIntervalMs,
          });
          // Global too: one replica looks at the catalog at a time.
          await scheduler.scheduleTask({
            id: FOLLOW_UP_TASK_ID,
            frequency: scanConfig.followUp.frequency,
            initialDelay: scanConfig.followUp.initialDelay,
            timeout: { minutes: 5 },
            scope: 'global',
            fn: async signal => {
              try {
                await followUp.run(signal);
              } catch (error) {
                logger.warn(
                  `Catalog follow-up failed: ${(error as Error).message}`,
                );
              }
            },
          });
        }

        const authorizer = new MeshAuthorizer({
          catalog: deps.catalog,
          permissions: deps.permissions,
          scope: scanConfig.scope,
        });
        httpRouter.use(
          await createRouter({
            logger,
            httpAuth: deps.httpAuth,
            auditor: deps.auditor,
            store,
            version: packageVersion(),
            knowledgeBase,
            assessments: new DefaultAssessmentService({
              store,
              scanner,
              authorizer,
              scope: scanConfig.scope,
            }),
            plans: new DefaultMigrationPlanService({ scanner, authorizer }),
            tasks: new DefaultMigrationTaskService({
              store,
              authorizer,
              taskSinks: TaskSinks.of(addedTaskSinks, logger),
              notifications: taskNotifications,
            }),
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
