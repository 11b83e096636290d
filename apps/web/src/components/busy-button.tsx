import type { ReactNode } from "react";

/**
 * A button that says what it is doing while its work is under way (`busyLabel`, "Loading…") and
 * cannot be pressed again meanwhile; `disabled` disables it for other reasons too.
 */
export function BusyButton({
  busy,
  busyLabel,
  onClick,
  disabled = false,
  className = "button",
  children,
}: {
  busy: boolean;
  busyLabel: string;
  onClick: () => void;
  disabled?: boolean;
  className?: string;
  children: ReactNode;
}) {
  return (
    <button type="button" className={className} onClick={onClick} disabled={busy || disabled}>
      {busy ? busyLabel : children}
    </button>
  );
}
