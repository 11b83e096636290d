import type pg from "pg";
import type { FreshnessMarkStore } from "../freshness-marks.ts";

/** Replicas share the marks: setIfAbsent keeps the first replica's time (one statement, atomic). */
export function postgresFreshnessMarks(pool: pg.Pool): FreshnessMarkStore {
  return {
    async all() {
      const { rows } = await pool.query<{ name: string; at: string }>("SELECT name, at FROM freshness_marks");
      return new Map(rows.map((r) => [r.name, Number(r.at)]));
    },
    async setIfAbsent(name, at) {
      // The no-op update makes RETURNING give the existing row too.
      const { rows } = await pool.query<{ at: string }>(
        `INSERT INTO freshness_marks (name, at) VALUES ($1, $2)
         ON CONFLICT (name) DO UPDATE SET at = freshness_marks.at RETURNING at`,
        [name, at],
      );
      return Number(rows[0]?.at ?? at);
    },
    async set(name, at) {
      await pool.query(
        "INSERT INTO freshness_marks (name, at) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET at = excluded.at",
        [name, at],
      );
    },
    async remove(name) {
      await pool.query("DELETE FROM freshness_marks WHERE name = $1", [name]);
    },
  };
}
