import type { SavedView, SavedViewVisibility } from "@clc/domain";
import { useId, useState } from "react";
import { Link } from "react-router";
import { useCreateSavedView, useDeleteSavedView, useRenameSavedView } from "../api/views/mutations.ts";
import { useSavedViews } from "../api/views/queries.ts";
import { ConfirmDialog } from "../components/confirm-dialog.tsx";
import { ProblemMessage, QueryProblem } from "../components/problem-message.tsx";
import type { FleetFilters } from "./fleet-filters.ts";
import { isCurrentView, viewParamsFromFilters, viewSearch } from "./saved-views.ts";
import "./saved-views.css";

/** Longest name the BFF accepts (SAVED_VIEW_NAME_MAX; not imported: that module loads zod). */
const NAME_MAX = 80;

/**
 * "Views" on the fleet: the operator's saved views and everyone's shared ones, each a link that
 * applies it (so it can be opened in a new tab or copied), and a form that saves what the fleet
 * shows now. Rename and delete appear where the BFF says the operator may.
 */
export function SavedViewsMenu({ filters }: { filters: FleetFilters }) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  return (
    <div className="saved-views">
      <button
        type="button"
        className="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
      >
        Views
      </button>
      {open && (
        <section id={panelId} className="saved-views-panel" aria-label="Saved views">
          <SavedViewList filters={filters} onApply={() => setOpen(false)} />
          <SaveViewForm filters={filters} />
        </section>
      )}
    </div>
  );
}

function SavedViewList({ filters, onApply }: { filters: FleetFilters; onApply: () => void }) {
  const views = useSavedViews();
  if (views.isPending)
    return (
      <p className="muted" role="status">
        Loading views…
      </p>
    );
  if (views.isError) return <QueryProblem query={views} title="Could not load the saved views" />;
  if (views.data.items.length === 0)
    return <p className="muted">No saved views yet. Save the filters you use often below.</p>;
  return (
    <ul className="saved-views-list">
      {views.data.items.map((view) => (
        <SavedViewItem
          key={view.id}
          view={view}
          current={isCurrentView(view.params, filters)}
          onApply={onApply}
        />
      ))}
    </ul>
  );
}

function SavedViewItem({
  view,
  current,
  onApply,
}: {
  view: SavedView;
  current: boolean;
  onApply: () => void;
}) {
  const [renaming, setRenaming] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const remove = useDeleteSavedView();
  return (
    <li className="saved-view">
      {renaming ? (
        <RenameForm view={view} onDone={() => setRenaming(false)} />
      ) : (
        <>
          <Link
            to={{ pathname: "/", search: viewSearch(view.params) }}
            aria-current={current ? "true" : undefined}
            onClick={onApply}
          >
            {view.name}
          </Link>
          <span className="muted small">
            {view.visibility === "shared" ? `Shared by ${view.owner}` : "Only you"}
            {current ? " · showing now" : ""}
          </span>
          <span className="saved-view-actions">
            {view.canRename && (
              <button type="button" className="button button-small" onClick={() => setRenaming(true)}>
                Rename<span className="visually-hidden"> {view.name}</span>
              </button>
            )}
            {view.canDelete && (
              <button type="button" className="button button-small" onClick={() => setConfirming(true)}>
                Delete<span className="visually-hidden"> {view.name}</span>
              </button>
            )}
          </span>
          {remove.isError && <ProblemMessage error={remove.error} title="Could not delete the view" />}
        </>
      )}
      <ConfirmDialog
        open={confirming}
        title={`Delete the view “${view.name}”?`}
        confirmLabel="Delete view"
        busyLabel="Deleting…"
        busy={remove.isPending}
        destructive
        onCancel={() => setConfirming(false)}
        onConfirm={() => remove.mutate(view.id, { onSettled: () => setConfirming(false) })}
      >
        <p>
          {view.visibility === "shared"
            ? "It is shared: it disappears for every operator."
            : "Only you can see it; the pools themselves are not changed."}
        </p>
      </ConfirmDialog>
    </li>
  );
}

function RenameForm({ view, onDone }: { view: SavedView; onDone: () => void }) {
  const id = useId();
  const [name, setName] = useState(view.name);
  const rename = useRenameSavedView();
  return (
    <form
      className="saved-view-rename"
      onSubmit={(event) => {
        event.preventDefault();
        rename.mutate({ id: view.id, name }, { onSuccess: onDone });
      }}
    >
      <label htmlFor={`${id}-name`}>New name for “{view.name}”</label>
      <input
        id={`${id}-name`}
        value={name}
        maxLength={NAME_MAX}
        required
        // biome-ignore lint/a11y/noAutofocus: the field the operator just asked for
        autoFocus
        onChange={(event) => setName(event.target.value)}
      />
      <button type="submit" className="button" disabled={rename.isPending}>
        {rename.isPending ? "Renaming…" : "Rename"}
      </button>
      <button type="button" className="button" onClick={onDone}>
        Cancel
      </button>
      {rename.isError && <ProblemMessage error={rename.error} title="Could not rename the view" />}
    </form>
  );
}

function SaveViewForm({ filters }: { filters: FleetFilters }) {
  const id = useId();
  const [name, setName] = useState("");
  const [visibility, setVisibility] = useState<SavedViewVisibility>("private");
  const create = useCreateSavedView();
  return (
    <form
      className="saved-view-save"
      onSubmit={(event) => {
        event.preventDefault();
        create.mutate(
          { name, visibility, params: viewParamsFromFilters(filters) },
          { onSuccess: () => setName("") },
        );
      }}
    >
      <h2 className="saved-views-heading">Save the current filters and sort</h2>
      <div className="field">
        <label htmlFor={`${id}-name`}>View name</label>
        <input
          id={`${id}-name`}
          value={name}
          maxLength={NAME_MAX}
          required
          onChange={(event) => setName(event.target.value)}
        />
      </div>
      <fieldset className="saved-view-visibility">
        <legend>Who sees it</legend>
        {(
          [
            ["private", "Only me"],
            ["shared", "Every operator"],
          ] as const
        ).map(([value, label]) => (
          <label key={value}>
            <input
              type="radio"
              name={`${id}-visibility`}
              value={value}
              checked={visibility === value}
              onChange={() => setVisibility(value)}
            />{" "}
            {label}
          </label>
        ))}
      </fieldset>
      <button type="submit" className="button button-primary" disabled={create.isPending}>
        {create.isPending ? "Saving…" : "Save view"}
      </button>
      {create.isSuccess && !create.isPending && (
        <p role="status" className="muted">
          Saved “{create.data.name}”.
        </p>
      )}
      {create.isError && <ProblemMessage error={create.error} title="Could not save the view" />}
    </form>
  );
}
