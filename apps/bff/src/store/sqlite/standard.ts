import type Database from "better-sqlite3";
import {
  EMPTY_STORED_STANDARD,
  EXEMPTION_COLUMNS,
  STANDARD_COLUMNS,
  type StandardStore,
  type StoredExemption,
  type StoredStandard,
} from "../standard.ts";

export function sqliteStandard(db: Database.Database): StandardStore {
  const get = db.prepare(`SELECT ${STANDARD_COLUMNS} FROM logging_standard WHERE id = 1`);
  const insert = db.prepare(
    `INSERT INTO logging_standard (id, document_json, revision, updated_at, updated_by) VALUES (1, ?, 1, ?, ?)
     ON CONFLICT(id) DO NOTHING`,
  );
  // The revision check and the write are one statement: two writers on the same revision, one wins.
  const update = db.prepare(
    `UPDATE logging_standard SET document_json = ?, revision = revision + 1, updated_at = ?, updated_by = ?
     WHERE id = 1 AND revision = ?`,
  );
  const list = db.prepare(`SELECT ${EXEMPTION_COLUMNS} FROM standard_exemptions ORDER BY created_at, id`);
  const getExemption = db.prepare(`SELECT ${EXEMPTION_COLUMNS} FROM standard_exemptions WHERE id = ?`);
  const insertExemption = db.prepare(
    `INSERT INTO standard_exemptions (id, data_json, revision, created_at, created_by, updated_at, updated_by)
     VALUES (?, ?, 1, ?, ?, ?, ?)`,
  );
  const updateExemption = db.prepare(
    `UPDATE standard_exemptions SET data_json = ?, revision = revision + 1, updated_at = ?, updated_by = ?
     WHERE id = ? AND revision = ?`,
  );
  const deleteExemption = db.prepare("DELETE FROM standard_exemptions WHERE id = ? AND revision = ?");
  return {
    async get() {
      return (get.get() as StoredStandard | undefined) ?? EMPTY_STORED_STANDARD;
    },
    async put(documentJson, expectedRevision, by, now) {
      const changed =
        expectedRevision === 0
          ? insert.run(documentJson, now, by).changes
          : update.run(documentJson, now, by, expectedRevision).changes;
      return changed > 0 ? expectedRevision + 1 : null;
    },
    async listExemptions() {
      return list.all() as StoredExemption[];
    },
    async getExemption(id) {
      return (getExemption.get(id) as StoredExemption | undefined) ?? null;
    },
    async createExemption({ id, dataJson, by, now }) {
      insertExemption.run(id, dataJson, now, by, now, by);
    },
    async updateExemption(id, dataJson, expectedRevision, by, now) {
      return updateExemption.run(dataJson, now, by, id, expectedRevision).changes > 0;
    },
    async deleteExemption(id, expectedRevision) {
      return deleteExemption.run(id, expectedRevision).changes > 0;
    },
  };
}
