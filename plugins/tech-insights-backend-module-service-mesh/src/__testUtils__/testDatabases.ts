/* eslint-disable jest/no-export -- shared test helpers, not a test file */
import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';

const POSTGRES_ENV = 'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING';

/**
 * SQLite always, PostgreSQL 15 when a server is configured; a missing
 * PostgreSQL is reported as a skipped test with the reason.
 */
export function createTestDatabases() {
  const ids: TestDatabaseId[] = ['SQLITE_3'];
  if (process.env[POSTGRES_ENV]) ids.push('POSTGRES_15');
  const databases = TestDatabases.create({ ids });
  const reportSkipped = () => {
    if (!process.env[POSTGRES_ENV]) {
      // eslint-disable-next-line jest/no-disabled-tests, jest/expect-expect
      it.skip(`POSTGRES_15: skipped because ${POSTGRES_ENV} is not set`, () => {});
    }
  };
  return { databases, ids, reportSkipped };
}
