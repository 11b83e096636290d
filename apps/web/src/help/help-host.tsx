import { lazy, Suspense } from "react";
import { useLocation, useNavigate } from "react-router";
import { helpFromHash } from "./help-topics.ts";

// The panel's text and styles load the first time help is opened, never with the first screen.
const HelpPanel = lazy(async () => ({ default: (await import("./help-panel.tsx")).HelpPanel }));

/** Opens the help panel while the URL's hash asks for it (`#help`, `#help-<topic>`). */
export function HelpHost() {
  const location = useLocation();
  const navigate = useNavigate();
  const help = helpFromHash(location.hash);
  if (!help) return null;
  const close = () => {
    // Opened by a link on this page: Back returns to the page as it was; opened from a shared URL:
    // drop the hash in place, so Back does not reopen it.
    if ((location.state as { helpOpenedHere?: boolean } | null)?.helpOpenedHere) navigate(-1);
    else
      navigate(
        { pathname: location.pathname, search: location.search },
        { replace: true, preventScrollReset: true },
      );
  };
  return (
    <Suspense fallback={null}>
      <HelpPanel topic={help.topic} onClose={close} />
    </Suspense>
  );
}
