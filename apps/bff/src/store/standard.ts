/**
 * Where the logging standard and its exemptions are kept (schema version 15). The standard is one
 * shared document, replaced whole: every write names the revision it was made on, and a write on an
 * older revision changes nothing (the caller answers 412), so a concurrent edit is never lost.
 * Documents are JSON text the BFF wrote and validates when it reads them back.
 */

export interface StoredStandard {
  /** The standard as JSON; null when none was ever saved (revision 0). */
  readonly documentJson: string | null;
  readonly revision: number;
  readonly updatedAt: number | null;
  readonly updatedBy: string | null;
}

export interface StoredExemption {
  readonly id: string;
  /** The exemption's input (target, reason, expiry) as JSON. */
  readonly dataJson: string;
  readonly revision: number;
  readonly createdAt: number;
  readonly createdBy: string | null;
  readonly updatedAt: number;
  readonly updatedBy: string | null;
}

export interface StandardStore {
  get(): Promise<StoredStandard>;
  /**
   * Replaces the standard when its revision is still `expectedRevision` (0: none saved yet), in one
   * statement. Answers the new revision, or null when another write came first.
   */
  put(documentJson: string, expectedRevision: number, by: string | null, now: number): Promise<number | null>;
  /** Oldest first. */
  listExemptions(): Promise<StoredExemption[]>;
  getExemption(id: string): Promise<StoredExemption | null>;
  /** A new exemption at revision 1. */
  createExemption(exemption: { id: string; dataJson: string; by: string | null; now: number }): Promise<void>;
  /** Replaces it when its revision is still `expectedRevision`; false otherwise (changed or gone). */
  updateExemption(
    id: string,
    dataJson: string,
    expectedRevision: number,
    by: string | null,
    now: number,
  ): Promise<boolean>;
  /** Removes it when its revision is still `expectedRevision`; false otherwise. */
  deleteExemption(id: string, expectedRevision: number): Promise<boolean>;
}

export const EMPTY_STORED_STANDARD: StoredStandard = {
  documentJson: null,
  revision: 0,
  updatedAt: null,
  updatedBy: null,
};

/** For an app built without a store (tests of the API's logic): kept in memory, same rules. */
export function memoryStandardStore(): StandardStore {
  let standard: StoredStandard = EMPTY_STORED_STANDARD;
  const exemptions = new Map<string, StoredExemption>();
  return {
    async get() {
      return standard;
    },
    async put(documentJson, expectedRevision, by, now) {
      if (standard.revision !== expectedRevision) return null;
      standard = { documentJson, revision: expectedRevision + 1, updatedAt: now, updatedBy: by };
      return standard.revision;
    },
    async listExemptions() {
      return [...exemptions.values()];
    },
    async getExemption(id) {
      return exemptions.get(id) ?? null;
    },
    async createExemption({ id, dataJson, by, now }) {
      exemptions.set(id, {
        id,
        dataJson,
        revision: 1,
        createdAt: now,
        createdBy: by,
        updatedAt: now,
        updatedBy: by,
      });
    },
    async updateExemption(id, dataJson, expectedRevision, by, now) {
      const existing = exemptions.get(id);
      if (existing?.revision !== expectedRevision) return false;
      exemptions.set(id, {
        ...existing,
        dataJson,
        revision: expectedRevision + 1,
        updatedAt: now,
        updatedBy: by,
      });
      return true;
    },
    async deleteExemption(id, expectedRevision) {
      if (exemptions.get(id)?.revision !== expectedRevision) return false;
      return exemptions.delete(id);
    },
  };
}

/** The columns of `standard_exemptions`, named as StoredExemption. */
export const EXEMPTION_COLUMNS =
  "id, data_json AS dataJson, revision, created_at AS createdAt, created_by AS createdBy, updated_at AS updatedAt, updated_by AS updatedBy";
export const STANDARD_COLUMNS =
  "document_json AS documentJson, revision, updated_at AS updatedAt, updated_by AS updatedBy";
