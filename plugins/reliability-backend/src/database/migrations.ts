import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@reliability-hub/plugin-reliability-backend',
  'migrations',
);

/**
 * Brings the plugin's database schema up to date.
 *
 * @internal
 */
export async function applyDatabaseMigrations(knex: Knex): Promise<void> {
  await knex.migrate.latest({ directory: migrationsDir });
}

/** @internal */
export { migrationsDir };
