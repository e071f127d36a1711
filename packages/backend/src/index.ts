/*
 * The Meshwise demo backend: a plain Backstage backend with the catalog,
 * guest sign-in, the permission framework, the service-mesh plugin, and the
 * tools Meshwise plugs into: Tech Insights, the Scaffolder, notifications.
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

// Tech Insights: Meshwise's facts per service and the mesh checks of
// app-config.yaml (techInsights), run by the JSON rules engine.
backend.add(import('@backstage-community/plugin-tech-insights-backend'));
backend.add(
  import('@backstage-community/plugin-tech-insights-backend-module-jsonfc'),
);
backend.add(
  import(
    '@meshwise/backstage-plugin-tech-insights-backend-module-service-mesh'
  ),
);

// Scaffolder: templates, GitHub pull requests, and Meshwise's
// meshwise:migration-plan:write for the "Move a service to a mesh" template.
backend.add(import('@backstage/plugin-scaffolder-backend'));
// Without it the catalog refuses Template entities, and the template is not found.
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
backend.add(
  import('@meshwise/backstage-plugin-scaffolder-backend-module-service-mesh'),
);

backend.start();
