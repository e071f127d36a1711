import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { invalidInput } from './validationMessages';

/** Entity refs are stored in columns of 255 characters. */
const MAX_REF_LENGTH = 255;

/**
 * An entity ref as stored (`component:default/cart`, kind and namespace in
 * lower case): the spec checks its shape, this its canonical form, which
 * must still fit the column once a left-out namespace is filled in.
 */
export function canonicalEntityRef(
  value: string,
  place: 'body' | 'query',
  field: string,
): string {
  const canonical = stringifyEntityRef(parseEntityRef(value));
  if (canonical.length > MAX_REF_LENGTH) {
    throw invalidInput(
      place,
      field,
      `must be an entity ref like component:default/cart, at most ${MAX_REF_LENGTH} characters`,
    );
  }
  return canonical;
}

/** The entity ref of `/entities/{kind}/{namespace}/{name}/...` (the spec checks the parts). */
export function entityRefOfPath(params: {
  kind: string;
  namespace: string;
  name: string;
}): string {
  return stringifyEntityRef(params);
}
