import type { PlusPlanHelp } from "@clc/domain";

/** For pools without Plus: what it would enable, where to change it, and what it costs. */
export function PlusPlanNote({ help }: { help: PlusPlanHelp }) {
  return (
    <section className="delivery-plus" aria-labelledby="plus-plan-heading">
      <h3 id="plus-plan-heading">What the Plus plan would enable</h3>
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
        , or with the AWS CLI:
      </p>
      {help.cli.map((command) => (
        <pre key={command} className="delivery-cli">
          <code>{command}</code>
        </pre>
      ))}
      <p className="alert alert-warn small">{help.cliWarning}</p>
    </section>
  );
}
