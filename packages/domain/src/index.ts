export * from "./accounts.ts";
export * from "./api.ts";
export * from "./api-auth.ts";
export * from "./arn.ts";
export * from "./aws-config.ts";
export * from "./aws-errors.ts";
export * from "./aws-request.ts";
export * from "./batch-rollback.ts";
export * from "./batches.ts";
export * from "./console-links.ts";
export * from "./creation/index.ts";
export * from "./csv.ts";
export * from "./delivery/index.ts";
export * from "./diff.ts";
export * from "./export-as-code/index.ts";
export * from "./fleet.ts";
export * from "./freshness.ts";
export * from "./kms.ts";
export * from "./labels.ts";
export * from "./member-role.ts";
export * from "./model.ts";
export * from "./policies.ts";
export * from "./preflight.ts";
export * from "./query-params.ts";
export * from "./rollback.ts";
export * from "./saved-views.ts";
export * from "./standard/index.ts";
export * from "./url-secrets.ts";
export * from "./validate.ts";
export * from "./zod-messages.ts";

import { installUserTermsErrors } from "./zod-messages.ts";

// Every schema here is parsed for a person (the BFF's answers, the web's forms): zod's developer
// texts must never reach them, whichever layer imported the domain first.
installUserTermsErrors();
