import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@meshwise/backstage-plugin-service-mesh-backend',
  'migrations',
);

/** Brings the plugin's tables up to date; safe to call on every start. */
export async function applyDatabaseMigrations(knex: Knex): Promise<void> {
  await knex.migrate.latest({ directory: migrationsDir });
}

/** The newest migration applied, or null on an empty database. */
export async function currentSchemaVersion(knex: Knex): Promise<string | null> {
  const version: string = await knex.migrate.currentVersion({
    directory: migrationsDir,
  });
  return version === 'none' ? null : version;
}
