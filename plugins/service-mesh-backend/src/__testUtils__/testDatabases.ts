/* eslint-disable jest/no-export -- shared test helpers, not a test file */
import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';

const POSTGRES_ENV = 'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING';

/**
 * The databases the store is tested on: SQLite always, PostgreSQL 15 when a
 * server is configured. A missing PostgreSQL is reported as a skipped test
 * with the reason, never passed silently.
 */
export function createStoreTestDatabases(): {
  databases: TestDatabases;
  ids: TestDatabaseId[];
  skipped: { id: TestDatabaseId; reason: string }[];
} {
  const ids: TestDatabaseId[] = ['SQLITE_3'];
  const skipped: { id: TestDatabaseId; reason: string }[] = [];
  if (process.env[POSTGRES_ENV]) {
    ids.push('POSTGRES_15');
  } else {
    skipped.push({
      id: 'POSTGRES_15',
      reason: `${POSTGRES_ENV} is not set, so no PostgreSQL server is reachable`,
    });
  }
  const databases = TestDatabases.create({ ids });
  return { databases, ids, skipped };
}

/** Registers one skipped test per database that cannot run, naming why. */
export function reportSkippedDatabases(
  skipped: { id: TestDatabaseId; reason: string }[],
) {
  for (const { id, reason } of skipped) {
    // eslint-disable-next-line jest/no-disabled-tests, jest/expect-expect
    it.skip(`${id}: skipped because ${reason}`, () => {});
  }
}
