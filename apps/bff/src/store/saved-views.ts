/**
 * Saved views of the fleet (features/views): the store's side. Both dialects implement the same
 * interface (sqlite/saved-views.ts, postgres/saved-views.ts) over the table of schema version 13.
 */

export interface StoredSavedView {
  /** A random UUID the service chose. */
  readonly id: string;
  readonly owner: string;
  readonly name: string;
  readonly visibility: "private" | "shared";
  /** The fleet's URL parameters, as JSON text the service validated. */
  readonly paramsJson: string;
  /** Milliseconds since the epoch. */
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** One owner already has a view of this name (compared without case). */
export class SavedViewNameTakenError extends Error {
  constructor(readonly viewName: string) {
    super(`A view named "${viewName}" already exists`);
    this.name = "SavedViewNameTakenError";
  }
}

export interface SavedViewStore {
  /** `owner`'s views and everyone's shared ones, by name (then id). */
  listVisibleTo(owner: string): Promise<StoredSavedView[]>;
  get(id: string): Promise<StoredSavedView | null>;
  countOwnedBy(owner: string): Promise<number>;
  /** Throws SavedViewNameTakenError when `owner` has a view of this name. */
  create(view: StoredSavedView): Promise<void>;
  /** False when no such view; throws SavedViewNameTakenError when its owner has another of this name. */
  rename(id: string, name: string, now: number): Promise<boolean>;
  /** False when no such view. */
  remove(id: string): Promise<boolean>;
}

/** The key names are compared by: one owner's views never differ only in case. */
export function savedViewNameKey(name: string): string {
  return name.toLocaleLowerCase("en");
}

export interface SavedViewRow {
  id: string;
  owner: string;
  name: string;
  visibility: string;
  params_json: string;
  created_at: number | string;
  updated_at: number | string;
}

export const SAVED_VIEW_COLUMNS = "id, owner, name, visibility, params_json, created_at, updated_at";

export function toSavedView(row: SavedViewRow): StoredSavedView {
  return {
    id: row.id,
    owner: row.owner,
    name: row.name,
    visibility: row.visibility === "shared" ? "shared" : "private",
    paramsJson: row.params_json,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}
