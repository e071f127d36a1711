import {
  ApiRouter,
  createValidatedOpenApiRouter,
} from '@backstage/backend-openapi-utils';
import { spec } from '../schema/openapi.generated';
import { rejectNulBytes } from './validation';
import { validationErrorMessages } from './validationMessages';

/** The plugin's router, typed by `openapi.yaml`. */
export type ServiceMeshRouter = ApiRouter<typeof spec>;

/**
 * A router that parses JSON and validates every request (path, query,
 * headers, body) against `openapi.yaml` before the routes see it, so the
 * routes get typed, coerced input with the spec's defaults applied. The
 * validator's failures answer 400 naming the field.
 */
export function createOpenApiRouter(): ServiceMeshRouter {
  // The validator resolves and annotates the document it gets: give it a copy.
  const router = createValidatedOpenApiRouter<typeof spec>(
    structuredClone(spec),
    {
      validatorOptions: {
        // Backstage's httpAuth answers a missing identity with 401; the
        // validator would answer 400.
        validateSecurity: false,
        // The spec is fixed at build time and checked against the OpenAPI
        // 3.1 schema by openapi.test.ts; checking it again at every start
        // would only delay the first requests.
        validateApiSpec: false,
        // `format: date` checks the calendar (no 2026-02-30), not only the shape.
        ajvFormats: { mode: 'full' },
      },
    },
  );
  // Only the validator's errors reach this handler: it comes before every route.
  router.use(validationErrorMessages(spec));
  router.use(rejectNulBytes);
  return router;
}
