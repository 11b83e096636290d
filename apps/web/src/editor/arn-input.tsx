import {
  applyEdit,
  DESTINATION_KIND_LABELS,
  type DestinationKind,
  type EventSource,
  isFieldError,
  type LogDeliveryModel,
  type PoolFacts,
  parseDestinationArn,
  validateConfiguration,
} from "@clc/domain";
import { useId } from "react";

export type ArnCheck = { ok: true; kind: DestinationKind } | { ok: false; message: string } | { ok: null };

/**
 * Checks a typed ARN with the same rules (and words) the BFF uses: shape, Cognito's pattern, the kind
 * chosen, and that it lives in the pool's account and region.
 */
export function checkArn(
  arn: string,
  kind: DestinationKind | null,
  eventSource: EventSource,
  pool: Pick<PoolFacts, "tier" | "region" | "accountId"> & Partial<Pick<PoolFacts, "threatProtection">>,
  current: LogDeliveryModel,
): ArnCheck {
  if (arn === "") return { ok: null };
  const parsed = parseDestinationArn(arn, `${eventSource}.destination.arn`);
  if (isFieldError(parsed)) return { ok: false, message: parsed.message };
  const desired = applyEdit(current, eventSource, { kind: kind ?? parsed.kind, arn });
  const errors = validateConfiguration(desired, pool).filter((error) => error.path.startsWith(eventSource));
  const first = errors[0];
  if (first) return { ok: false, message: first.message };
  return { ok: true, kind: parsed.kind };
}

/** A text field for a pasted ARN, checked on every keystroke. */
export function ArnInput({
  value,
  onChange,
  check,
}: {
  value: string;
  onChange: (value: string) => void;
  check: ArnCheck;
}) {
  const id = useId();
  const messageId = `${id}-message`;
  return (
    <div className="field">
      <label htmlFor={id}>Destination ARN</label>
      <input
        id={id}
        type="text"
        className="mono arn-input"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        placeholder="arn:aws:logs:us-east-1:123456789012:log-group:/aws/vendedlogs/cognito/my-pool"
        spellCheck={false}
        autoComplete="off"
        aria-invalid={check.ok === false}
        aria-describedby={messageId}
      />
      <span
        id={messageId}
        aria-live="polite"
        className={check.ok === false ? "field-error" : check.ok ? "field-ok" : "field-hint"}
      >
        {check.ok === false
          ? check.message
          : check.ok
            ? `Looks right: a ${DESTINATION_KIND_LABELS[check.kind]} in the pool's account and region.`
            : "Paste the ARN of a destination, or pick one from the list."}
      </span>
    </div>
  );
}
