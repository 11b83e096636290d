import type { PlusPlanHelp } from "@clc/domain";

/** The id the pool page's other mentions of the plan point to. */
export const PLUS_PLAN_SECTION_ID = "plus-plan";

/**
 * For pools without Plus: what it would enable, where to change it, and what it costs. Said once
 * per pool page (issue 19): the event-source panel and the delivery card only point here.
 */
export function PlusPlanNote({ help }: { help: PlusPlanHelp }) {
  return (
    <section
      id={PLUS_PLAN_SECTION_ID}
      className="panel delivery-plus"
      aria-labelledby="plus-plan-heading"
      tabIndex={-1}
    >
      <h2 id="plus-plan-heading">What the Plus plan would enable</h2>
      <p className="muted small">
        This pool is on {help.currentTier === "LITE" ? "Lite" : "Essentials"}: user activity is not
        applicable, not a gap.
      </p>
      <ul>
        {help.enables.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <p>
        <strong>Cost:</strong> {help.cost}{" "}
        <a href={help.pricingUrl} target="_blank" rel="noreferrer noopener">
          Cognito pricing
        </a>
      </p>
      <p>
        Change it in the{" "}
        <a href={help.consoleUrl} target="_blank" rel="noreferrer noopener">
          AWS console (the pool's feature plan)
        </a>
        , which keeps the pool's other settings, or with the AWS CLI:
      </p>
      <p className="alert alert-warn small">{help.cliWarning}</p>
      {help.cli.map((command) => (
        <pre key={command} className="delivery-cli">
          <code>{command}</code>
        </pre>
      ))}
    </section>
  );
}
