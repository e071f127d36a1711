/*
 * The Meshwise demo backend: a plain Backstage backend with the catalog,
 * guest sign-in, the permission framework and the service-mesh plugin.
 */
import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

// Sign-in: the guest provider for the demo (see app-config.yaml).
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

// Catalog: the example entities under examples/catalog.
backend.add(import('@backstage/plugin-catalog-backend'));

// Permissions: the demo policy (see ./permissionPolicy.ts).
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(import('./permissionPolicy'));

backend.add(import('@meshwise/backstage-plugin-service-mesh-backend'));
// Opens a GitHub issue per migration task when serviceMesh.tasks.github is set.
backend.add(
  import('@meshwise/backstage-plugin-service-mesh-backend-module-github'),
);

// Notifications: Meshwise tells assignees of filed, assigned and closed tasks.
backend.add(import('@backstage/plugin-notifications-backend'));

backend.start();
