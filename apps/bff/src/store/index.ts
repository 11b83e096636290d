/**
 * Opens the store the configuration chooses: PostgreSQL when `DATABASE_URL` is set (several replicas
 * may share it), else the SQLite file in the data directory.
 */
import { createPostgresStores } from "./postgres/index.ts";
import { createSqliteStores, databasePath } from "./sqlite/index.ts";
import type { Stores } from "./types.ts";

/**
 * `databaseUrl` (postgres://…) wins over `dataDir`. Resolves once the schema is migrated; rejects
 * when the database cannot be opened or is newer than this BFF.
 */
export async function openStores(options: {
  dataDir: string;
  databaseUrl?: string | undefined;
}): Promise<Stores> {
  if (options.databaseUrl)
    return createPostgresStores(options.databaseUrl, {
      // A pooled connection that drops while idle is replaced by the pool; say so, once per drop.
      onError: (error) => process.stderr.write(`PostgreSQL: an idle connection failed (${error.message})\n`),
    });
  return createSqliteStores(databasePath(options.dataDir));
}

/** Where the store is, for messages: the database without its password, or the SQLite file. */
export function describeStore(options: { dataDir: string; databaseUrl?: string | undefined }): string {
  if (!options.databaseUrl) return databasePath(options.dataDir);
  try {
    const url = new URL(options.databaseUrl);
    if (url.password) url.password = "***";
    return url.toString();
  } catch {
    return "the PostgreSQL database in DATABASE_URL";
  }
}
