import {
  coreServices,
  createServiceFactory,
  createServiceRef,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  serviceMeshScanCancelPermission,
  serviceMeshScanTriggerPermission,
} from '@meshwise/backstage-plugin-service-mesh-common';
import Router from 'express-promise-router';

/**
 * Where Backstage's scheduler service mounts the task routes on each
 * plugin's router (`PluginTaskSchedulerImpl.getRouter` in
 * `@backstage/backend-defaults/dist/entrypoints/scheduler/lib`).
 */
const TASK_ACTION_ROUTE = '/.backstage/scheduler/v1/tasks/:id/:action';

const PERMISSION_BY_ACTION = {
  trigger: serviceMeshScanTriggerPermission,
  cancel: serviceMeshScanCancelPermission,
};

/**
 * Lets a caller trigger or cancel the plugin's scheduled tasks only with
 * the matching permission. The permission framework allows service
 * principals (within their access restrictions) and asks the policy for
 * users.
 */
export function createSchedulerRouteGuard(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
}) {
  const router = Router();
  router.post(TASK_ACTION_ROUTE, async (req, _res, next) => {
    const permission =
      PERMISSION_BY_ACTION[
        req.params.action as keyof typeof PERMISSION_BY_ACTION
      ];
    if (!permission) return next();
    const credentials = await options.httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const [decision] = await options.permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Not allowed to ${req.params.action} task ${req.params.id}: permission ${permission.name} is required`,
      );
    }
    return next();
  });
  return router;
}

/**
 * Mounts the guard on the plugin's router before the scheduler mounts its
 * routes. The scheduler adds them when the plugin's scheduler service is
 * created, which happens while the plugin's dependencies are resolved, in
 * the order they are declared, before the plugin's `init` could add a
 * middleware. The plugin therefore declares this service before
 * `coreServices.scheduler`. `src/schedulerGuard.integration.test.ts` holds
 * the order against the real scheduler: a change in Backstage that breaks it
 * fails that test.
 */
export const schedulerRouteGuardServiceRef = createServiceRef<{
  installed: true;
}>({
  id: 'service-mesh.scheduler-route-guard',
  scope: 'plugin',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
      },
      factory({ httpRouter, httpAuth, permissions }) {
        httpRouter.use(createSchedulerRouteGuard({ httpAuth, permissions }));
        return { installed: true as const };
      },
    }),
});
