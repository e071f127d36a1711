import { CustomErrorBase } from '@backstage/errors';

/**
 * An `Idempotency-Key` sent again with a different request: replaying the
 * first task would hide that the second request was not carried out. 422, as
 * the IETF Idempotency-Key draft asks
 * (https://datatracker.ietf.org/doc/draft-ietf-httpapi-idempotency-key-header/).
 */
export class IdempotencyKeyReusedError extends CustomErrorBase {
  name = 'IdempotencyKeyReusedError' as const;
  /** Read by Backstage's error handler as the response status. */
  readonly statusCode = 422;
}
