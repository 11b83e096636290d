import Database from "better-sqlite3";
import {
  SAVED_VIEW_COLUMNS,
  SavedViewNameTakenError,
  type SavedViewRow,
  type SavedViewStore,
  savedViewNameKey,
  toSavedView,
} from "../saved-views.ts";

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Database.SqliteError && error.code === "SQLITE_CONSTRAINT_UNIQUE";
}

export function sqliteSavedViews(db: Database.Database): SavedViewStore {
  const list = db.prepare(
    `SELECT ${SAVED_VIEW_COLUMNS} FROM saved_views WHERE owner = ? OR visibility = 'shared' ORDER BY name_key, id`,
  );
  const get = db.prepare(`SELECT ${SAVED_VIEW_COLUMNS} FROM saved_views WHERE id = ?`);
  const count = db.prepare("SELECT COUNT(*) AS n FROM saved_views WHERE owner = ?");
  const insert = db.prepare(
    "INSERT INTO saved_views (id, owner, name, name_key, visibility, params_json, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
  );
  const rename = db.prepare("UPDATE saved_views SET name = ?, name_key = ?, updated_at = ? WHERE id = ?");
  const remove = db.prepare("DELETE FROM saved_views WHERE id = ?");
  return {
    async listVisibleTo(owner) {
      return (list.all(owner) as SavedViewRow[]).map(toSavedView);
    },
    async get(id) {
      const row = get.get(id) as SavedViewRow | undefined;
      return row ? toSavedView(row) : null;
    },
    async countOwnedBy(owner) {
      return (count.get(owner) as { n: number }).n;
    },
    async create(view) {
      try {
        insert.run(
          view.id,
          view.owner,
          view.name,
          savedViewNameKey(view.name),
          view.visibility,
          view.paramsJson,
          view.createdAt,
          view.updatedAt,
        );
      } catch (error) {
        if (isUniqueViolation(error)) throw new SavedViewNameTakenError(view.name);
        throw error;
      }
    },
    async rename(id, name, now) {
      try {
        return rename.run(name, savedViewNameKey(name), now, id).changes > 0;
      } catch (error) {
        if (isUniqueViolation(error)) throw new SavedViewNameTakenError(name);
        throw error;
      }
    },
    async remove(id) {
      return remove.run(id).changes > 0;
    },
  };
}
