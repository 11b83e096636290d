import { lazy, Suspense, useState } from "react";

// The dialog (and the domain's format names) loads on the first click.
const ExportDialog = lazy(() => import("./export-dialog.tsx"));

/** "Export as code" on the pool page: opens the export dialog for this pool. */
export function ExportAsCodeButton({ accountId, poolId }: { accountId: string; poolId: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button" onClick={() => setOpen(true)}>
        Export as code
      </button>
      {open && (
        <Suspense
          fallback={
            <span role="status" className="small muted">
              <span className="spinner" aria-hidden="true" /> Opening…
            </span>
          }
        >
          <ExportDialog accountId={accountId} poolId={poolId} onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
