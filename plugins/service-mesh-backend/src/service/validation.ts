import express from 'express';
import { invalidInput } from './validationMessages';

/**
 * The path of the first string holding a NUL byte. PostgreSQL cannot store
 * one in text, and no field of this API needs one.
 */
function pathOfNulByte(
  value: unknown,
  path: string[] = [],
): string[] | undefined {
  if (typeof value === 'string')
    return value.includes('\u0000') ? path : undefined;
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = pathOfNulByte(item, [...path, key]);
      if (found) return found;
    }
  }
  return undefined;
}

const NUL_CHECKED = [
  ['query', 'query'],
  ['body', 'body'],
] as const;

/**
 * Refuses a NUL character anywhere in the query or body, naming the field:
 * one rule for every string of the API, so the spec need not repeat it on
 * each. (Path parameters are patterns in the spec: they exclude every
 * control character.)
 */
export const rejectNulBytes: express.RequestHandler = (req, _res, next) => {
  for (const [key, place] of NUL_CHECKED) {
    const path = pathOfNulByte(req[key]);
    if (path) {
      next(
        invalidInput(
          place,
          path.join('.') || undefined,
          'must not contain a NUL character',
        ),
      );
      return;
    }
  }
  next();
};
