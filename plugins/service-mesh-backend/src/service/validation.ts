import { InputError } from '@backstage/errors';
import { z } from 'zod';

/** Describes zod issues as `field: problem`, so a 400 names what is wrong. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map(issue => {
      const path = issue.path.length ? issue.path.join('.') : '(root)';
      return `${path}: ${issue.message}`;
    })
    .join('; ');
}

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

function parseWith<T extends z.ZodTypeAny>(
  schema: T,
  value: unknown,
  what: string,
): z.infer<T> {
  const nul = pathOfNulByte(value);
  if (nul) {
    throw new InputError(
      `Invalid ${what}: ${
        nul.join('.') || '(root)'
      }: must not contain a NUL character`,
    );
  }
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new InputError(`Invalid ${what}: ${describeIssues(result.error)}`);
  }
  return result.data;
}

export function parseQuery<T extends z.ZodTypeAny>(
  schema: T,
  query: unknown,
): z.infer<T> {
  return parseWith(schema, query, 'query');
}

export function parseBody<T extends z.ZodTypeAny>(
  schema: T,
  body: unknown,
): z.infer<T> {
  return parseWith(schema, body, 'request body');
}

export function parsePath<T extends z.ZodTypeAny>(
  schema: T,
  params: unknown,
): z.infer<T> {
  return parseWith(schema, params, 'path');
}
