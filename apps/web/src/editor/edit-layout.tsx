import { EVENT_SOURCE_LABELS, type EventSource } from "@clc/domain";
import { type ReactNode, useEffect, useRef } from "react";
import { Link } from "react-router";
import { usePoolAccount } from "../api/accounts/pool-account.ts";
import { poolPath } from "./paths.ts";
import { Steps } from "./steps.tsx";

/** Frame shared by the edit steps: breadcrumbs, the step list and a heading that takes focus on arrival. */
export function EditLayout({
  poolId,
  poolName,
  eventSource,
  step,
  title,
  children,
}: {
  poolId: string;
  poolName: string;
  eventSource: EventSource;
  step: 0 | 1 | 2;
  title: string;
  children: ReactNode;
}) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const accountId = usePoolAccount();
  // A step change is a new page for screen-reader and keyboard users: start them at its heading.
  // biome-ignore lint/correctness/useExhaustiveDependencies: focus moves when the step changes
  useEffect(() => {
    headingRef.current?.focus();
  }, [step]);
  return (
    <div className="page page-editor">
      <nav aria-label="Breadcrumb" className="breadcrumbs">
        <ol>
          <li>
            <Link to="/">User pools</Link>
          </li>
          <li>
            <Link to={poolPath(accountId, poolId)}>{poolName}</Link>
          </li>
          <li aria-current="page">{EVENT_SOURCE_LABELS[eventSource]}</li>
        </ol>
      </nav>
      <Steps current={step} />
      <h1 ref={headingRef} tabIndex={-1}>
        {title}
      </h1>
      {children}
    </div>
  );
}
