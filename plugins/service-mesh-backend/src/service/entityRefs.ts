import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { z } from 'zod';
import { parsePath } from './validation';

/** Entity refs are stored in columns of 255 characters. */
const MAX_REF_LENGTH = 255;

/**
 * One part of an entity ref (kind, namespace or name): `:` and `/` would
 * make the ref ambiguous, and a control character is never part of a name.
 */
export const entityRefPart = z
  .string()
  .min(1)
  .max(MAX_REF_LENGTH)
  .regex(
    // eslint-disable-next-line no-control-regex
    /^[^:/\u0000-\u001f\u007f]+$/,
    'must not contain ":", "/" or control characters',
  );

/** The path parameters of `/entities/:kind/:namespace/:name/...`. */
export const entityPathParams = z.object({
  kind: entityRefPart,
  namespace: entityRefPart,
  name: entityRefPart,
});

/** An entity ref like `component:default/cart`, returned in its canonical form. */
export const entityRefField = z
  .string()
  .min(1)
  .transform((value, ctx) => {
    try {
      const ref = parseEntityRef(value);
      const parts = entityPathParams.safeParse(ref);
      const canonical = stringifyEntityRef(ref);
      if (parts.success && canonical.length <= MAX_REF_LENGTH) {
        return canonical;
      }
    } catch {
      // reported below
    }
    ctx.addIssue({
      code: 'custom',
      message: `must be an entity ref like component:default/cart, at most ${MAX_REF_LENGTH} characters`,
    });
    return z.NEVER;
  });

/** The entity ref of `/entities/:kind/:namespace/:name/...`, validated. */
export function entityRefOfPath(params: unknown): string {
  return stringifyEntityRef(parsePath(entityPathParams, params));
}
