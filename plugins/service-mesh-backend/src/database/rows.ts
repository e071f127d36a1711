/** Conversions shared by the repositories: SQLite and PostgreSQL differ here. */

import { Knex } from 'knex';

/** Whether the store runs on PostgreSQL (`pg`, or a client named after it). */
export function isPostgres(knex: Knex): boolean {
  const client = String(knex.client.config.client);
  return client === 'pg' || client.includes('postgres');
}

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

/** A unique index refused the write (PostgreSQL 23505, SQLite SQLITE_CONSTRAINT_UNIQUE). */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}
