import { LoggerService } from '@backstage/backend-plugin-api';
import { isError } from '@backstage/errors';
import express from 'express';
import { randomBytes } from 'node:crypto';

/** Errors of `@backstage/errors` whose message is written for the caller. */
const CALLER_ERRORS = new Set([
  'InputError',
  'AuthenticationError',
  'NotAllowedError',
  'NotFoundError',
  'ConflictError',
  'NotModifiedError',
  'NotImplementedError',
  'ServiceUnavailableError',
  'IdempotencyKeyReusedError',
]);

function isMeantForCaller(error: unknown): boolean {
  if (!isError(error)) return false;
  if (CALLER_ERRORS.has(error.name)) return true;
  // Client errors of Express middleware (e.g. a body that is not JSON).
  const status = (error as { status?: unknown; statusCode?: unknown }).status;
  return (
    typeof status === 'number' &&
    status < 500 &&
    (error as { expose?: unknown }).expose === true
  );
}

/**
 * Error middleware, last on the plugin's router: an unexpected error (a
 * database error whose message carries the SQL, a bug) is logged with an id
 * and answered as a bare 500 naming that id, whatever the driver. Backstage's
 * own handler filters only PostgreSQL's `DatabaseError`, and SQLite's errors
 * carry the statement.
 */
export function internalErrorFilter(
  logger: LoggerService,
): express.ErrorRequestHandler {
  return (error, _req, _res, next) => {
    if (isMeantForCaller(error)) {
      next(error);
      return;
    }
    const logId = randomBytes(10).toString('hex');
    logger.error(
      `Internal error logId=${logId}`,
      isError(error) ? error : new Error(String(error)),
    );
    const internal = new Error(`An internal error occurred logId=${logId}`);
    delete internal.stack;
    next(internal);
  };
}
