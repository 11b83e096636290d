import { consoleUrlForArn, userPoolConsoleUrl } from "@clc/domain/console-links";
import { useEffect, useState } from "react";

/**
 * Copies `text` to the clipboard and says so for a moment ("Copied"), or that it could not (a
 * browser that refuses clipboard access: select the text instead). `what` names the thing for
 * screen readers ("the ARN of …").
 */
export function CopyButton({ text, what }: { text: string; what: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => {
    if (state === "idle") return;
    const timer = window.setTimeout(() => setState("idle"), 2_000);
    return () => window.clearTimeout(timer);
  }, [state]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState("copied");
    } catch {
      setState("failed");
    }
  };
  return (
    <>
      <button type="button" className="button button-small" aria-label={`Copy ${what}`} onClick={copy}>
        Copy
      </button>
      <span role="status" className="small muted">
        {state === "copied" ? "Copied" : state === "failed" ? "Could not copy: select the text instead" : ""}
      </span>
    </>
  );
}

/** A link that opens in a new tab on the AWS console (never with this page as its opener). */
function ConsoleLink({ href, what }: { href: string; what: string }) {
  return (
    <a
      href={href}
      target="_blank"
      rel="noopener noreferrer"
      aria-label={`Open ${what} in the AWS console (new tab)`}
    >
      AWS console ↗
    </a>
  );
}

/**
 * An ARN in full, with a copy button and, for a kind the console has a page for (log group, Firehose
 * stream, S3 bucket, IAM role, user pool), a link to it in the right partition and region.
 * `region` places an S3 bucket, whose ARN has none.
 */
export function ArnLine({ arn, region, what }: { arn: string; region?: string | null; what: string }) {
  const href = consoleUrlForArn(arn, region ?? undefined);
  return (
    <p className="arn-line small">
      <span className="mono muted arn-text">{arn}</span> <CopyButton text={arn} what={`the ARN of ${what}`} />
      {href && <ConsoleLink href={href} what={what} />}
    </p>
  );
}

/** The pool's own page in the Cognito console. */
export function PoolConsoleLink({ poolId, region, name }: { poolId: string; region: string; name: string }) {
  return (
    <a
      className="button"
      href={userPoolConsoleUrl(poolId, region)}
      target="_blank"
      rel="noopener noreferrer"
      aria-label={`Open the user pool ${name} in the AWS console (new tab)`}
    >
      AWS console ↗
    </a>
  );
}
