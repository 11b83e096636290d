import { useId, useLayoutEffect, useRef } from "react";

const SHORTCUTS: ReadonlyArray<readonly [key: string, what: string]> = [
  ["/", "Search the user pools (on the fleet)"],
  ["?", "List the keyboard shortcuts"],
  ["Esc", "Close a dialog or the help"],
];

/** The shortcuts, as the `?` dialog and the help panel both list them. */
export function ShortcutList({ className }: { className: string }) {
  return (
    <dl className={className}>
      {SHORTCUTS.map(([key, what]) => (
        <div key={key} className="shortcut">
          <dt>
            <kbd>{key}</kbd>
          </dt>
          <dd>{what}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The list of keyboard shortcuts (`?`), on the native modal <dialog>. */
export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  useLayoutEffect(() => {
    const dialog = dialogRef.current;
    const opener = document.activeElement;
    if (dialog && !dialog.open) dialog.showModal();
    closeRef.current?.focus();
    return () => {
      if (dialog?.open) dialog.close();
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
    };
  }, []);
  return (
    <dialog
      ref={dialogRef}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id={titleId} className="dialog-title">
        Keyboard shortcuts
      </h2>
      <ShortcutList className="shortcut-list dialog-body" />
      <div className="button-row dialog-actions">
        <button ref={closeRef} type="button" className="button button-primary" onClick={onClose}>
          Close
        </button>
      </div>
    </dialog>
  );
}
