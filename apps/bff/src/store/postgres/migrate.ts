import type pg from "pg";
import { type Migration, POSTGRES_MIGRATIONS, refuseNewerSchema } from "../migrations/index.ts";

/** Any fixed number: the advisory lock every replica takes to migrate, so only one migrates at a time. */
const MIGRATION_LOCK = 0x636c_6301;

/**
 * Applies the pending migrations, each in its own transaction, under a database-wide advisory lock:
 * replicas starting together wait for the first, then find nothing left to do. Returns the versions
 * applied.
 */
export async function migratePostgres(
  pool: pg.Pool,
  migrations: readonly Migration[] = POSTGRES_MIGRATIONS,
): Promise<number[]> {
  const client = await pool.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      applied_at TEXT NOT NULL
    )`);
    const { rows } = await client.query<{ version: number | null }>(
      "SELECT MAX(version) AS version FROM schema_migrations",
    );
    const current = rows[0]?.version ?? 0;
    refuseNewerSchema(current, migrations, "point DATABASE_URL at another database");
    const applied: number[] = [];
    for (const migration of migrations) {
      if (migration.version <= current) continue;
      await client.query("BEGIN");
      try {
        await client.query(migration.sql);
        await client.query("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)", [
          migration.version,
          migration.name,
          new Date().toISOString(),
        ]);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      }
      applied.push(migration.version);
    }
    return applied;
  } finally {
    // Unlocks even after a failure (the lock belongs to the session, which goes back to the pool).
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
}
