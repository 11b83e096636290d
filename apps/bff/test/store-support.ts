/**
 * The two stores the contract tests run against: SQLite (a file in a temporary directory) and a real
 * PostgreSQL server (never a mock).
 *
 * The PostgreSQL server is the one `scripts/test.sh` starts and names in CLC_TEST_DATABASE_URL. When
 * that is unset (vitest run by hand), the first test file that needs it starts one with the same
 * script (`scripts/ensure-postgres.sh start`, in /tmp/clc-test-postgres-<uid>, left running for the
 * next run). If that fails, the PostgreSQL half fails under CI=true and is skipped, saying why,
 * elsewhere.
 *
 * Each `fresh()` database is a schema of its own on that server (chosen through the connection's
 * search_path), so tests never see each other's rows.
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import pg from "pg";
import { createPostgresStores } from "../src/store/postgres/index.ts";
import { migratePostgres } from "../src/store/postgres/migrate.ts";
import { createSqliteStores, databasePath } from "../src/store/sqlite/index.ts";
import { migrate } from "../src/store/sqlite/migrate.ts";
import type { Stores } from "../src/store/types.ts";

const ENSURE_SCRIPT = fileURLToPath(new URL("../../../scripts/ensure-postgres.sh", import.meta.url));

/** One empty database of a backend. */
export interface FreshDatabase {
  /** Where it is: the SQLite file, or the PostgreSQL URL (its schema chosen by search_path). */
  readonly url: string;
  /** Opens the store on it (migrating it); each call is another connection, like another replica. */
  open(): Promise<Stores>;
  /** Runs SQL on it directly, past the store (rows of the last statement). */
  sql(statement: string): Promise<unknown[]>;
  /** Runs the backend's migrations again; returns the versions applied. */
  migrate(): Promise<number[]>;
  /** Removes what the database left behind (the SQLite file). */
  dispose(): Promise<void>;
}

export interface Backend {
  readonly name: "sqlite" | "postgres";
  /** Set: the backend cannot run here, and why (never under CI=true). */
  readonly skip: string | null;
  fresh(): Promise<FreshDatabase>;
}

export const sqliteBackend: Backend = {
  name: "sqlite",
  skip: null,
  async fresh() {
    const dir = mkdtempSync(path.join(tmpdir(), "clc-store-"));
    const file = databasePath(dir);
    const withDb = async <T>(work: (db: Database.Database) => T): Promise<T> => {
      const db = new Database(file);
      try {
        return work(db);
      } finally {
        db.close();
      }
    };
    return {
      url: file,
      async open() {
        return createSqliteStores(file);
      },
      sql: (statement) =>
        withDb((db) => {
          const prepared = db.prepare(statement);
          if (prepared.reader) return prepared.all();
          prepared.run();
          return [];
        }),
      migrate: () => withDb((db) => migrate(db)),
      async dispose() {
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

/** The test server's URL: CLC_TEST_DATABASE_URL, or one the script starts now. */
function postgresServer(): { url: string } | { error: string } {
  const given = process.env.CLC_TEST_DATABASE_URL;
  if (given) return { url: given };
  try {
    const out = execFileSync("bash", [ENSURE_SCRIPT, "start"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    });
    const url = out.trim().split("\n").at(-1) ?? "";
    process.env.CLC_TEST_DATABASE_URL = url;
    return { url };
  } catch (error) {
    return { error: `scripts/ensure-postgres.sh could not start PostgreSQL: ${(error as Error).message}` };
  }
}

function postgresBackend(): Backend {
  const server = postgresServer();
  if ("error" in server) {
    // In CI a missing PostgreSQL is a failure, never a silent skip.
    if (process.env.CI) throw new Error(server.error);
    process.stderr.write(`PostgreSQL store tests SKIPPED: ${server.error}\n`);
    return { name: "postgres", skip: server.error, fresh: () => Promise.reject(new Error(server.error)) };
  }
  return {
    name: "postgres",
    skip: null,
    async fresh() {
      const schema = `t_${randomBytes(6).toString("hex")}`;
      const admin = new pg.Client({ connectionString: server.url });
      await admin.connect();
      await admin.query(`CREATE SCHEMA ${schema}`);
      await admin.end();
      const url = new URL(server.url);
      url.searchParams.set("options", `-c search_path=${schema}`);
      const scoped = url.toString();
      const withPool = async <T>(work: (pool: pg.Pool) => Promise<T>): Promise<T> => {
        const pool = new pg.Pool({ connectionString: scoped, max: 1 });
        try {
          return await work(pool);
        } finally {
          await pool.end();
        }
      };
      return {
        url: scoped,
        open: () => createPostgresStores(scoped),
        sql: (statement) => withPool(async (pool) => (await pool.query(statement)).rows),
        migrate: () => withPool((pool) => migratePostgres(pool)),
        // The schema stays: the server is a throw-away one, and dropping costs the shared machine time.
        async dispose() {},
      };
    },
  };
}

/** Both stores: the contract tests run once per backend (`describe.each(BACKENDS)`). */
export const BACKENDS: readonly Backend[] = [sqliteBackend, postgresBackend()];
