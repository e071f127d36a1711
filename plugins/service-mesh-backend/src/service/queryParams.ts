import { z } from 'zod';

/** A query parameter that may repeat (`?stage=a&stage=b`) or be comma-separated. */
export function listParam<T extends z.ZodTypeAny>(item: T) {
  return z.preprocess(value => {
    if (value === undefined || value === '') return undefined;
    const values = Array.isArray(value) ? value : [value];
    return values.flatMap(v => String(v).split(',')).filter(Boolean);
  }, z.array(item).optional());
}

/** Whether YYYY-MM-DD names a day of the calendar (not 2026-13-45 or 2027-02-29). */
function isCalendarDay(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

export const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine(isCalendarDay, 'must be a day of the calendar');

/**
 * Rows to skip when paging. Bounded so the value fits every database's
 * OFFSET (and says so) instead of failing in the SQL.
 */
export const pageOffset = z.coerce
  .number()
  .int()
  .min(0)
  .max(1_000_000_000)
  .default(0);
