import type Database from 'better-sqlite3-multiple-ciphers';
import {
  createTableRelationsHelpers,
  extractTablesRelationalConfig,
  type ExtractTablesWithRelations,
} from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { BetterSQLiteSession } from 'drizzle-orm/better-sqlite3/session';
import { BaseSQLiteDatabase, SQLiteSyncDialect } from 'drizzle-orm/sqlite-core';

/**
 * drizzle's better-sqlite3 database over a better-sqlite3-multiple-ciphers connection.
 *
 * `drizzle()` from 'drizzle-orm/better-sqlite3' cannot be used: its module imports the
 * 'better-sqlite3' package at load time (to open connections from a path), and we ship the
 * cipher fork instead, so loading it fails with "Cannot find package 'better-sqlite3'". The
 * fork has the same API, so we assemble the same objects drizzle's driver does (dialect,
 * session, database) around our own connection. drizzle's session, query builders,
 * relational queries, transactions and migrator all work unchanged on the result.
 */
export function drizzleClient<TSchema extends Record<string, unknown>>(
  client: Database.Database,
  schema: TSchema,
): BetterSQLite3Database<TSchema> {
  const dialect = new SQLiteSyncDialect();
  type Tables = ExtractTablesWithRelations<TSchema>;
  const tables = extractTablesRelationalConfig<Tables>(schema, createTableRelationsHelpers);
  const relational = { fullSchema: schema, schema: tables.tables, tableNamesMap: tables.tableNamesMap };
  const session = new BetterSQLiteSession<TSchema, Tables>(client, dialect, relational);
  return new BaseSQLiteDatabase('sync', dialect, session, relational);
}
