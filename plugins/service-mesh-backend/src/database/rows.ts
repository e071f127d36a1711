/** Conversions shared by the repositories: SQLite and PostgreSQL differ here. */

/** Timestamps come back as Date (pg) or as text/epoch numbers (SQLite). */
export function toIso(value: Date | string | number | null): string | null {
  if (value === null || value === undefined) return null;
  return new Date(value).toISOString();
}

/** Counts come back as numbers (SQLite) or strings (pg bigint). */
export function toCount(value: unknown): number {
  return typeof value === 'number' ? value : Number(value ?? 0);
}

/** YYYY-MM-DD in UTC. */
export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Splits work into batches that stay under every driver's parameter limit. */
export function chunks<T>(items: readonly T[], size = 200): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    result.push(items.slice(i, i + size));
  }
  return result;
}
