import type pg from "pg";
import {
  SAVED_VIEW_COLUMNS,
  SavedViewNameTakenError,
  type SavedViewRow,
  type SavedViewStore,
  savedViewNameKey,
  toSavedView,
} from "../saved-views.ts";

const UNIQUE_VIOLATION = "23505";

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === UNIQUE_VIOLATION;
}

export function postgresSavedViews(pool: pg.Pool): SavedViewStore {
  return {
    async listVisibleTo(owner) {
      const { rows } = await pool.query<SavedViewRow>(
        `SELECT ${SAVED_VIEW_COLUMNS} FROM saved_views WHERE owner = $1 OR visibility = 'shared' ORDER BY name_key, id`,
        [owner],
      );
      return rows.map(toSavedView);
    },
    async get(id) {
      const { rows } = await pool.query<SavedViewRow>(
        `SELECT ${SAVED_VIEW_COLUMNS} FROM saved_views WHERE id = $1`,
        [id],
      );
      return rows[0] ? toSavedView(rows[0]) : null;
    },
    async countOwnedBy(owner) {
      const { rows } = await pool.query<{ n: string }>(
        "SELECT COUNT(*) AS n FROM saved_views WHERE owner = $1",
        [owner],
      );
      return Number(rows[0]?.n ?? 0);
    },
    async create(view) {
      try {
        await pool.query(
          "INSERT INTO saved_views (id, owner, name, name_key, visibility, params_json, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
          [
            view.id,
            view.owner,
            view.name,
            savedViewNameKey(view.name),
            view.visibility,
            view.paramsJson,
            view.createdAt,
            view.updatedAt,
          ],
        );
      } catch (error) {
        if (isUniqueViolation(error)) throw new SavedViewNameTakenError(view.name);
        throw error;
      }
    },
    async rename(id, name, now) {
      try {
        const result = await pool.query(
          "UPDATE saved_views SET name = $1, name_key = $2, updated_at = $3 WHERE id = $4",
          [name, savedViewNameKey(name), now, id],
        );
        return (result.rowCount ?? 0) > 0;
      } catch (error) {
        if (isUniqueViolation(error)) throw new SavedViewNameTakenError(name);
        throw error;
      }
    },
    async remove(id) {
      const result = await pool.query("DELETE FROM saved_views WHERE id = $1", [id]);
      return (result.rowCount ?? 0) > 0;
    },
  };
}
