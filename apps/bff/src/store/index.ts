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

/**
 * Where the store is, for messages and the start-up line: the SQLite file, or `PostgreSQL database
 * "<db>" on <host>:<port> as <user>`. Never the password, nor the URL's query (which may hold one).
 */
export function describeStore(options: { dataDir: string; databaseUrl?: string | null | undefined }): string {
  if (!options.databaseUrl) return databasePath(options.dataDir);
  try {
    const url = new URL(options.databaseUrl);
    const database = decodeURIComponent(url.pathname.replace(/^\//, "")) || "(the user's default)";
    const user = url.username ? ` as ${decodeURIComponent(url.username)}` : "";
    return `PostgreSQL database "${database}" on ${url.hostname || "localhost"}:${url.port || "5432"}${user}`;
  } catch {
    return "the PostgreSQL database in DATABASE_URL";
  }
}
