import express from 'express';
import { createHash } from 'node:crypto';

/**
 * The request's `Idempotency-Key` (its length is bounded by the spec);
 * undefined when none is sent.
 */
export function idempotencyKeyOf(
  req: Pick<express.Request, 'header'>,
): string | undefined {
  const key = req.header('Idempotency-Key');
  return key === undefined || key === '' ? undefined : key;
}

/** JSON with object keys sorted: equal bodies give equal text. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => a.localeCompare(b, 'en-US'));
    return `{${entries
      .map(([k, item]) => `${JSON.stringify(k)}:${canonicalJson(item)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Identifies a request body (as validated, so key order and whitespace do
 * not matter): stored with the idempotency key it was sent with.
 */
export function requestHash(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}
