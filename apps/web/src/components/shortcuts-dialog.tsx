import { useId, useLayoutEffect, useRef } from "react";

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
      <dl className="shortcut-list dialog-body">
        <dt>
          <kbd>/</kbd>
        </dt>
        <dd>Search the user pools (on the fleet)</dd>
        <dt>
          <kbd>?</kbd>
        </dt>
        <dd>Show this list</dd>
        <dt>
          <kbd>Esc</kbd>
        </dt>
        <dd>Close a dialog or the help</dd>
        <dt>
          <kbd>Tab</kbd>
        </dt>
        <dd>After moving to another page, continue from its heading</dd>
      </dl>
      <div className="button-row dialog-actions">
        <button ref={closeRef} type="button" className="button button-primary" onClick={onClose}>
          Close
        </button>
      </div>
    </dialog>
  );
}
