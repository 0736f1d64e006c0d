import { mockServices } from '@backstage/backend-test-utils';
import knexFactory, { Knex } from 'knex';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { useWriteAheadLogOnSqlite } from './writeAheadLog';

async function journalMode(knex: Knex): Promise<string> {
  const [row] = await knex.raw('PRAGMA journal_mode');
  return row.journal_mode;
}

describe('useWriteAheadLogOnSqlite', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reliability-wal-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('puts a database file in write-ahead-log mode, which its next opening keeps', async () => {
    const filename = path.join(dir, 'reliability.sqlite');
    const open = () =>
      knexFactory({
        client: 'better-sqlite3',
        connection: { filename },
        useNullAsDefault: true,
      });
    const knex = open();
    expect(await journalMode(knex)).toBe('delete');
    await useWriteAheadLogOnSqlite(knex, mockServices.logger.mock());
    expect(await journalMode(knex)).toBe('wal');
    await knex.schema.createTable('t', table => table.string('k'));
    await knex('t').insert({ k: 'a' });
    await knex.destroy();

    const again = open();
    expect(await journalMode(again)).toBe('wal');
    expect(await again('t').pluck('k')).toEqual(['a']);
    await again.destroy();
  });

  it('leaves an in-memory database as it is, and says so when it cannot change a file', async () => {
    const knex = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: ':memory:' },
      useNullAsDefault: true,
    });
    await useWriteAheadLogOnSqlite(knex, mockServices.logger.mock());
    expect(await journalMode(knex)).toBe('memory');
    await knex.destroy();

    // A file it may only read: the plugin goes on without.
    const filename = path.join(dir, 'read-only.sqlite');
    const writer = knexFactory({
      client: 'better-sqlite3',
      connection: { filename },
      useNullAsDefault: true,
    });
    await writer.schema.createTable('t', table => table.string('k'));
    await writer.destroy();
    const readOnly = knexFactory({
      client: 'better-sqlite3',
      connection: { filename, options: { readonly: true } },
      useNullAsDefault: true,
    } as Knex.Config);
    const logger = mockServices.logger.mock();
    await useWriteAheadLogOnSqlite(readOnly, logger);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('write-ahead-log mode'),
    );
    expect(await journalMode(readOnly)).toBe('delete');
    await readOnly.destroy();
  });
});
