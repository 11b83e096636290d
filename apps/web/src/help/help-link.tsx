import type { ReactNode } from "react";
import { Link, useLocation } from "react-router";
import { HELP_TOPICS, type HelpTopic, helpHash } from "./help-topics.ts";

/**
 * A term that opens the help panel at the section explaining it, staying on the page (same path and
 * search; only the hash changes, so Back closes the help). `children` is the term as the page says it.
 */
export function HelpLink({ topic, children }: { topic?: HelpTopic; children: ReactNode }) {
  const location = useLocation();
  return (
    <Link
      className="help-term"
      to={{ pathname: location.pathname, search: location.search, hash: helpHash(topic) }}
      // Opening the help must not scroll the page to its top.
      preventScrollReset
      state={{ ...(location.state as object | null), helpOpenedHere: true }}
      title={topic ? `Help: ${HELP_TOPICS[topic]}` : "Help"}
    >
      {children}
    </Link>
  );
}
