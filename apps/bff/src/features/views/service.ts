/**
 * Saved views of the fleet (issue 19): an operator keeps the fleet's filters and sort under a name,
 * for themselves (`private`) or for everyone (`shared`).
 *
 * Who may do what: everyone signed in lists their own views and every shared one, and saves views;
 * only a view's owner renames it; its owner deletes it, and an admin may delete a shared one too
 * (a shared view is everyone's clutter when it goes stale). A private view of someone else is
 * answered 404, never 403: its existence is private too.
 *
 * Every write is recorded in the audit trail once, with its outcome (nothing is sent to AWS, so
 * there is no attempt to record first): `view.save`, `view.rename`, `view.delete`, resource
 * `view:<id>`, before → after as { name, visibility, params }.
 */
import { randomUUID } from "node:crypto";
import {
  type CreateSavedViewBody,
  SAVED_VIEWS_PER_OPERATOR,
  type SavedView,
  type SavedViewParams,
  SavedViewParamsSchema,
} from "@clc/domain";
import { ServiceError } from "../../lib/errors.ts";
import {
  SavedViewNameTakenError,
  type SavedViewStore,
  type StoredSavedView,
} from "../../store/saved-views.ts";
import type { AuditEntry, AuditSink } from "../audit/trail.ts";

export interface ViewOperator {
  readonly username: string;
  readonly role: "viewer" | "admin";
}

export interface SavedViewService {
  list(operator: ViewOperator): Promise<SavedView[]>;
  /** Throws 409 `view-name-taken` / `too-many-views`. */
  create(operator: ViewOperator, body: CreateSavedViewBody, requestId: string): Promise<SavedView>;
  /** Throws 404 `view-not-found`, 403 `view-not-yours`, 409 `view-name-taken`. */
  rename(operator: ViewOperator, id: string, name: string, requestId: string): Promise<SavedView>;
  /** Throws 404 `view-not-found`, 403 `view-not-yours`. */
  remove(operator: ViewOperator, id: string, requestId: string): Promise<void>;
}

const notFound = (id: string) =>
  new ServiceError("not-found", "view-not-found", "No such view", {
    detail: `There is no view ${id} that you can see: it was deleted, or it is another operator's private view.`,
    hint: "Reload the views menu to see the current list.",
  });

/** A permission refusal, answered 403 like the access plugin's own. */
const notYours = (view: StoredSavedView, what: string) =>
  new ServiceError(
    "forbidden",
    "view-not-yours",
    `Only its owner${what === "delete" ? " or an admin" : ""} can ${what} this view`,
    {
      detail: `The view “${view.name}” belongs to ${view.owner}.`,
      hint:
        what === "delete"
          ? "Ask its owner or an admin to delete it."
          : "Save the same filters as a view of your own under the name you want.",
    },
  );

const nameTaken = (name: string) =>
  new ServiceError("conflict", "view-name-taken", "You already have a view of this name", {
    detail: `One of your views is already named “${name}” (names are compared without case).`,
    errors: [{ path: "body.name", message: "You already have a view of this name: choose another" }],
    hint: "Choose another name, or rename or delete the other view first.",
  });

/** What a view holds, as the audit's before/after shows it. */
function auditState(view: StoredSavedView): { name: string; visibility: string; params: unknown } {
  return { name: view.name, visibility: view.visibility, params: JSON.parse(view.paramsJson) };
}

export function createSavedViewService(deps: {
  store: SavedViewStore;
  audit: AuditSink;
  clock?: () => number;
}): SavedViewService {
  const clock = deps.clock ?? Date.now;
  const { store } = deps;

  const answer = (view: StoredSavedView, operator: ViewOperator): SavedView => {
    const own = view.owner === operator.username;
    // A stored view is read back through the same schema that let it in (a hand-edited row holding
    // junk shows as no filter at all rather than reaching the fleet).
    const parsed = SavedViewParamsSchema.safeParse(JSON.parse(view.paramsJson));
    return {
      id: view.id,
      name: view.name,
      visibility: view.visibility,
      owner: view.owner,
      params: parsed.success ? parsed.data : {},
      createdAt: new Date(view.createdAt).toISOString(),
      updatedAt: new Date(view.updatedAt).toISOString(),
      canRename: own,
      canDelete: own || (view.visibility === "shared" && operator.role === "admin"),
    };
  };

  /** Finds a view the operator can see; another's private view is "not found". */
  const visible = async (operator: ViewOperator, id: string): Promise<StoredSavedView> => {
    const view = await store.get(id);
    if (!view || (view.visibility === "private" && view.owner !== operator.username)) throw notFound(id);
    return view;
  };

  const record = (
    operator: ViewOperator,
    requestId: string,
    entry: Pick<AuditEntry, "action" | "outcome" | "before" | "after" | "error"> & { id: string },
  ) =>
    deps.audit.record({
      action: entry.action,
      outcome: entry.outcome,
      operator: operator.username,
      role: operator.role,
      region: null,
      poolId: null,
      resource: `view:${entry.id}`,
      before: entry.before,
      after: entry.after,
      attemptId: null,
      error: entry.error,
      requestId,
      awsRequestId: null,
    });

  return {
    async list(operator) {
      return (await store.listVisibleTo(operator.username)).map((view) => answer(view, operator));
    },

    async create(operator, body, requestId) {
      const name = body.name.trim();
      // The body was validated by the route; keep only what the fleet's URL would hold.
      const params: SavedViewParams = SavedViewParamsSchema.parse(body.params);
      if ((await store.countOwnedBy(operator.username)) >= SAVED_VIEWS_PER_OPERATOR) {
        throw new ServiceError("conflict", "too-many-views", "You have too many saved views", {
          detail: `An operator keeps at most ${SAVED_VIEWS_PER_OPERATOR} views.`,
          hint: "Delete views you no longer use, then save this one again.",
        });
      }
      const now = clock();
      const view: StoredSavedView = {
        id: randomUUID(),
        owner: operator.username,
        name,
        visibility: body.visibility,
        paramsJson: JSON.stringify(params),
        createdAt: now,
        updatedAt: now,
      };
      try {
        await store.create(view);
      } catch (error) {
        if (error instanceof SavedViewNameTakenError) throw nameTaken(name);
        throw error;
      }
      await record(operator, requestId, {
        id: view.id,
        action: "view.save",
        outcome: "success",
        before: null,
        after: auditState(view),
        error: null,
      });
      return answer(view, operator);
    },

    async rename(operator, id, rawName, requestId) {
      const name = rawName.trim();
      const view = await visible(operator, id);
      if (view.owner !== operator.username) throw notYours(view, "rename");
      const now = clock();
      try {
        if (!(await store.rename(id, name, now))) throw notFound(id);
      } catch (error) {
        if (error instanceof SavedViewNameTakenError) throw nameTaken(name);
        throw error;
      }
      const renamed = { ...view, name, updatedAt: now };
      await record(operator, requestId, {
        id,
        action: "view.rename",
        outcome: "success",
        before: auditState(view),
        after: auditState(renamed),
        error: null,
      });
      return answer(renamed, operator);
    },

    async remove(operator, id, requestId) {
      const view = await visible(operator, id);
      const own = view.owner === operator.username;
      if (!own && !(view.visibility === "shared" && operator.role === "admin"))
        throw notYours(view, "delete");
      if (!(await store.remove(id))) throw notFound(id);
      await record(operator, requestId, {
        id,
        action: "view.delete",
        outcome: "success",
        before: auditState(view),
        after: null,
        error: null,
      });
    },
  };
}
