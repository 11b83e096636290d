import type pg from "pg";
import {
  EMPTY_STORED_STANDARD,
  EXEMPTION_COLUMNS,
  STANDARD_COLUMNS,
  type StandardStore,
  type StoredExemption,
  type StoredStandard,
} from "../standard.ts";

/** PostgreSQL folds unquoted aliases to lowercase: quote the camelCase ones the rows are read by. */
function quoted(columns: string): string {
  return columns.replace(/ AS (\w+)/g, ' AS "$1"');
}

export function postgresStandard(pool: pg.Pool): StandardStore {
  const standardColumns = quoted(STANDARD_COLUMNS);
  const exemptionColumns = quoted(EXEMPTION_COLUMNS);
  return {
    async get() {
      const { rows } = await pool.query<StoredStandard>(
        `SELECT ${standardColumns} FROM logging_standard WHERE id = 1`,
      );
      return rows[0] ?? EMPTY_STORED_STANDARD;
    },
    async put(documentJson, expectedRevision, by, now) {
      // The revision check and the write are one statement: two writers on the same revision, one wins.
      const result =
        expectedRevision === 0
          ? await pool.query(
              `INSERT INTO logging_standard (id, document_json, revision, updated_at, updated_by)
               VALUES (1, $1, 1, $2, $3) ON CONFLICT (id) DO NOTHING`,
              [documentJson, now, by],
            )
          : await pool.query(
              `UPDATE logging_standard SET document_json = $1, revision = revision + 1, updated_at = $2,
                 updated_by = $3 WHERE id = 1 AND revision = $4`,
              [documentJson, now, by, expectedRevision],
            );
      return (result.rowCount ?? 0) > 0 ? expectedRevision + 1 : null;
    },
    async listExemptions() {
      const { rows } = await pool.query<StoredExemption>(
        `SELECT ${exemptionColumns} FROM standard_exemptions ORDER BY created_at, id`,
      );
      return rows;
    },
    async getExemption(id) {
      const { rows } = await pool.query<StoredExemption>(
        `SELECT ${exemptionColumns} FROM standard_exemptions WHERE id = $1`,
        [id],
      );
      return rows[0] ?? null;
    },
    async createExemption({ id, dataJson, by, now }) {
      await pool.query(
        `INSERT INTO standard_exemptions (id, data_json, revision, created_at, created_by, updated_at, updated_by)
         VALUES ($1, $2, 1, $3, $4, $3, $4)`,
        [id, dataJson, now, by],
      );
    },
    async updateExemption(id, dataJson, expectedRevision, by, now) {
      const result = await pool.query(
        `UPDATE standard_exemptions SET data_json = $1, revision = revision + 1, updated_at = $2, updated_by = $3
         WHERE id = $4 AND revision = $5`,
        [dataJson, now, by, id, expectedRevision],
      );
      return (result.rowCount ?? 0) > 0;
    },
    async deleteExemption(id, expectedRevision) {
      const result = await pool.query("DELETE FROM standard_exemptions WHERE id = $1 AND revision = $2", [
        id,
        expectedRevision,
      ]);
      return (result.rowCount ?? 0) > 0;
    },
  };
}
