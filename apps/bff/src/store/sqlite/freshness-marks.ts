import type Database from "better-sqlite3";
import type { FreshnessMarkStore } from "../freshness-marks.ts";

export function sqliteFreshnessMarks(db: Database.Database): FreshnessMarkStore {
  const all = db.prepare("SELECT name, at FROM freshness_marks");
  const insert = db.prepare(
    "INSERT INTO freshness_marks (name, at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
  );
  const get = db.prepare("SELECT at FROM freshness_marks WHERE name = ?");
  const set = db.prepare(
    "INSERT INTO freshness_marks (name, at) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET at = excluded.at",
  );
  const remove = db.prepare("DELETE FROM freshness_marks WHERE name = ?");
  const setIfAbsent = db.transaction((name: string, at: number) => {
    insert.run(name, at);
    return (get.get(name) as { at: number }).at;
  });
  return {
    async all() {
      return new Map((all.all() as Array<{ name: string; at: number }>).map((r) => [r.name, r.at]));
    },
    async setIfAbsent(name, at) {
      return setIfAbsent(name, at);
    },
    async set(name, at) {
      set.run(name, at);
    },
    async remove(name) {
      remove.run(name);
    },
  };
}
