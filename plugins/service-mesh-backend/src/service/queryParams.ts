import { z } from 'zod';

/** A query parameter that may repeat (`?stage=a&stage=b`) or be comma-separated. */
export function listParam<T extends z.ZodTypeAny>(item: T) {
  return z.preprocess(value => {
    if (value === undefined || value === '') return undefined;
    const values = Array.isArray(value) ? value : [value];
    return values.flatMap(v => String(v).split(',')).filter(Boolean);
  }, z.array(item).optional());
}

export const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD');
