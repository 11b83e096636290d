/**
 * GENERATED from the BFF's OpenAPI document (GET /api/openapi.json) by apps/web/scripts/generate-api.ts.
 * Do not edit: change the route or its zod schema in the BFF, then run `corepack pnpm --filter @clc/web generate:api`.
 */

export interface paths {
    "/api/accounts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The AWS accounts the console reads (discovered through AWS Organizations, listed, or its own), with OU path, role, status and enabled regions from the last fleet read. */
        get: operations["listAccounts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/accounts/{accountId}/connection-test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Tests one account the console reads in a region (default: the first shown): the role assumed in it, who the console is there, and each permission of the member role's read variant, missing ones named. */
        post: operations["testConnectionOfAccount"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/accounts/{accountId}/pools/{poolId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One pool: facts, log delivery configuration, its destinations and findings. ETag = version. */
        get: operations["getPool"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/accounts/{accountId}/pools/{poolId}/delivery": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Is each event source of the pool delivering? State, last event, events in the window and the most recent ones, read from the destination and the pool's CloudWatch metrics. */
        get: operations["getPoolDelivery"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/accounts/{accountId}/pools/{poolId}/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The pool's log delivery as AWS holds it now (a fresh GetLogDeliveryConfiguration), as Terraform, CloudFormation or AWS CLI. */
        get: operations["exportPoolAsCode"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/accounts/{accountId}/pools/{poolId}/fixes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Carries out a finding's fix: add the log group resource policy, tag the Firehose stream, add the bucket policy, or turn threat protection on (audit). */
        post: operations["applyFix"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/accounts/{accountId}/pools/{poolId}/log-delivery/{eventSource}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Sends one event source to a destination, keeping the other as AWS has it. Needs If-Match; answers what AWS stored. */
        put: operations["applyLogDelivery"];
        post?: never;
        /** Stops exporting one event source, keeping the other. Needs If-Match; answers what AWS stored. */
        delete: operations["disableLogDelivery"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/accounts/{accountId}/pools/{poolId}/log-delivery/{eventSource}/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** What applying this edit would do (diff, errors, findings), without writing anything. */
        post: operations["previewLogDelivery"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/accounts/connection-test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Tests the console's account in a region (default: the first shown): who it is there, and each permission of the member role's read variant, missing ones named. */
        post: operations["testAccountConnection"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/accounts/member-role-template": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The CloudFormation template of the role the console assumes in member accounts (read or full variant), as a YAML or JSON download. */
        get: operations["getMemberRoleTemplate"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The audit trail, newest first, filtered by pool (id, or start of id or name), AWS account, operator, action, time and sign-ins */
        get: operations["listAuditRecords"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/audit/{id}/rollback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What rolling back this record's change would do now: diff, findings, and whether the pool moved on since. ETag = the pool's version. */
        get: operations["previewRollback"];
        put?: never;
        /** Restores what this record's change replaced, on the version in If-Match; refused (409) when the pool changed again since. Answers what AWS stored. */
        post: operations["applyRollback"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/audit/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every matching audit record as a CSV or JSON download */
        get: operations["exportAuditRecords"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/audit/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Checks the audit trail's hash chain, oldest record first; answers the first broken link (200 either way) */
        get: operations["verifyAuditTrail"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/batches": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The batches, newest first, with counts per review outcome and per run state. */
        get: operations["listBatches"];
        put?: never;
        /** Plans one change on many pools (explicit pools, the fleet's filter, or per-pool changes): reads each pool, diffs and judges it, and stores the plan for review. Writes nothing to AWS. */
        post: operations["createBatch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/batches/{batchId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One batch with each pool's plan and where its run is. */
        get: operations["getBatch"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/batches/{batchId}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancels a batch: no pool is written after the one in flight; the others are listed as cancelled. */
        post: operations["cancelBatch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/batches/{batchId}/pause": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Pauses a running batch after the pool being written. */
        post: operations["pauseBatch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/batches/{batchId}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Resumes a paused or interrupted batch where it stopped, on any replica. */
        post: operations["resumeBatch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/batches/{batchId}/rollback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What rolling this finished or cancelled batch back would do now: each pool it wrote restored as its record had it before (only the sources the batch changed), pools changed since refused with what changed. Writes nothing. */
        get: operations["previewBatchRollback"];
        put?: never;
        /** Plans the rollback of this batch as a new batch (planned, not started): review it and start it like any batch. Each pool's write is audited as log-delivery.rollback of its record. */
        post: operations["createBatchRollback"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/batches/{batchId}/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Starts applying a planned batch, paced under Cognito's write quota. Pools with warnings need acknowledgeWarnings. */
        post: operations["startBatch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/destinations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Log groups (q = name prefix), Firehose streams or S3 buckets (q = name search) of a region, with what log delivery needs of them. Paged by an opaque cursor. */
        get: operations["listDestinations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/destinations/bucket-availability": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether a bucket name can be created in the pool's region (S3 naming rules, then HeadBucket). */
        get: operations["getBucketAvailability"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/destinations/plan": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The steps, AWS calls and IAM permissions creating this destination takes (nothing is created).
         * @description Body: a CreationInput (kind logGroup | s3 | firehose). The plan lists what exists under each planned name (`existing`: new, reuse or conflict, with what differs), the changes it would make to resources it did not create, and a `token` to confirm it with.
         */
        post: operations["planDestination"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/destinations/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Past creation runs, newest first. */
        get: operations["listDestinationRuns"];
        put?: never;
        /** Starts creating a destination, or resumes a run (by runId, or the same input). Refused (409) when the plan has a conflict, or changes resources the run did not create without planToken confirming that plan. */
        post: operations["startDestinationRun"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/destinations/runs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A run's steps and their status (poll while it is running). */
        get: operations["getDestinationRun"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/destinations/runs/{id}/cleanup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Removes what this run created or added, and nothing else. */
        post: operations["cleanUpDestinationRun"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/fleet/delivery": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Delivery state of each pool and event source across the fleet, for one page of the pool list (same filters, sort and paging), with counts over the whole fleet. Read in the background after the fleet's rows: poll while progress.state is checking. */
        get: operations["getFleetDelivery"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/fleet/findings/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The findings of the pools the fleet's filters match, each with its remediation (console, CLI, Terraform, CloudFormation), as CSV, JSON or AWS Security Hub findings (ASFF, for batch-import-findings: at most 100 per call). */
        get: operations["exportFleetFindings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/fleet/freshness": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How the fleet is kept fresh in each account and region: by Cognito's change events, or by the slow sweep (and why). */
        get: operations["getFreshness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/fleet/freshness/plan": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What setting up change events in one account and region would create, and the IAM permissions it needs. */
        get: operations["getFreshnessPlan"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/fleet/freshness/setup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Creates the console's queue (tagged), its policy, the rule (tagged) and its target in one account and region. Never adopts a queue or rule it did not create (409). */
        post: operations["setUpFreshness"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/fleet/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Starts a new fleet read (a read: viewers may call it). Answers at once with the status. */
        post: operations["refreshFleet"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/fleet/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Progress of the current (or last) fleet read. */
        get: operations["getFleetStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/notifications/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The webhooks notifications go to, each with the events it hears about (never its secret). */
        get: operations["listWebhooks"];
        put?: never;
        /** Adds a webhook (generic JSON or Slack). Its address's path and query are its secret: kept, never shown again. https only; never link-local or metadata addresses. */
        post: operations["addWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/notifications/webhooks/{webhookId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Removes a webhook with its attempts. */
        delete: operations["removeWebhook"];
        options?: never;
        head?: never;
        /** Renames a webhook, changes the events it hears about, or turns it off and on. */
        patch: operations["updateWebhook"];
        trace?: never;
    };
    "/api/notifications/webhooks/{webhookId}/attempts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every delivery attempt to this webhook, newest first: time, HTTP status or error, attempt number. */
        get: operations["listWebhookAttempts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/notifications/webhooks/{webhookId}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sends a test notification to this webhook; answers its first attempt (retries, if it failed, go on and appear in the attempts). */
        post: operations["testWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This document. */
        get: operations["getOpenApi"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/pools": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The user pools of every configured region with their logging status (served while a fleet read loads). */
        get: operations["listPools"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/pools/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Several pools in one file (one resource or command each, names unique), named or as the fleet's filters; at most 500. Built from the fleet's last reads. */
        post: operations["exportPoolsAsCode"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/regions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The console's mode, AWS account and the regions it shows. */
        get: operations["getRegions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in operator and the CSRF token to send with changes */
        get: operations["getSession"];
        put?: never;
        /** Sign in; sets the session cookie (a new session id at every sign-in) */
        post: operations["signIn"];
        /** Sign out: ends the session on the server and clears the cookie (204; 200 with the provider's end-session URL after single sign-on) */
        delete: operations["signOut"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/session/methods": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How operators may sign in: password, single sign-on, or both */
        get: operations["getSignInMethods"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/standard": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The logging standard, with its revision (ETag). */
        get: operations["getStandard"];
        /** Replaces the standard, if If-Match names its current revision (412 otherwise). Audited. */
        put: operations["putStandard"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/standard/evaluation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Each pool of the fleet's rows against the standard (compliant, drift, cannot comply, exempt), with counts. No AWS call. */
        get: operations["getStandardEvaluation"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/standard/exemptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every exemption from the standard, expired ones included (flagged). */
        get: operations["listExemptions"];
        put?: never;
        /** Exempts a pool (by id) or the pools matching a pattern, with a reason and an optional expiry. Audited. */
        post: operations["createExemption"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/standard/exemptions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One exemption, with its revision (ETag). */
        get: operations["getExemption"];
        /** Replaces an exemption, if If-Match names its current revision. Audited. */
        put: operations["updateExemption"];
        post?: never;
        /** Removes an exemption, if If-Match names its current revision. Audited. */
        delete: operations["deleteExemption"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/views": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in operator's saved views of the fleet and everyone's shared ones, by name. */
        get: operations["listSavedViews"];
        put?: never;
        /** Saves the fleet's filters and sort (its URL parameters, checked as the fleet checks them) under a name, private or shared. */
        post: operations["createSavedView"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/views/{viewId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Deletes a view: its owner may, and an admin may delete a shared one. */
        delete: operations["deleteSavedView"];
        options?: never;
        head?: never;
        /** Renames one of the signed-in operator's views. */
        patch: operations["renameSavedView"];
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness: the process answers. */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness: AWS (or the sandbox) answers with the configured credentials (STS, asked once), and the Cognito read worker has started. */
        get: operations["getReadiness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: never;
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listAccounts: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        accounts: {
                            accountId: string;
                            error?: {
                                code: string;
                                message: string;
                                whatToDo: string;
                            };
                            name: string;
                            ouPath: string | null;
                            own: boolean;
                            regions: {
                                message?: string;
                                region: string;
                                /** @enum {string} */
                                status: "ok" | "not-enabled" | "error" | "pending";
                            }[];
                            roleArn: string | null;
                            /** @enum {string} */
                            status: "ok" | "error" | "pending";
                        }[];
                        error?: {
                            code: string;
                            message: string;
                            whatToDo: string;
                        };
                        ouPathsError?: {
                            code: string;
                            message: string;
                            whatToDo: string;
                        };
                        /** @enum {string} */
                        source: "organization" | "list" | "own";
                    };
                };
            };
            /** @description Default Response */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
    testConnectionOfAccount: {
        parameters: {
            query?: {
                region?: string;
            };
            header?: never;
            path: {
                accountId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        checks: {
                            action: string;
                            message: string;
                            /** @enum {string} */
                            outcome: "allowed" | "missing" | "error";
                        }[];
                        identity: {
                            account: string;
                            arn: string | null;
                        } | null;
                        ok: boolean;
                        region: string;
                        unchecked: {
                            action: string;
                            reason: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
    getPool: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                accountId: string;
                poolId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        account?: {
                            name: string;
                            ouPath: string | null;
                            roleArn: string | null;
                        };
                        configuration: {
                            userAuthEvents: {
                                arn: string;
                                /** @enum {string} */
                                kind: "logGroup" | "firehose" | "s3";
                            } | null;
                            userNotification: {
                                arn: string;
                                /** @enum {string} */
                                kind: "logGroup" | "firehose" | "s3";
                            } | null;
                        };
                        destinations: {
                            userAuthEvents: ({
                                accountId: string;
                                arn: string;
                                checkedAt?: string;
                                createdAt: string | null;
                                dataProtectionStatus?: string | null;
                                /** @enum {string} */
                                deliveryPolicy: "present" | "missing" | "unknown";
                                deliveryPolicyScope?: ("log-group" | "account") | null;
                                /** @enum {string} */
                                kind: "logGroup";
                                kmsKeyId: string | null;
                                logGroupClass: string | null;
                                logGroupPolicyDocument?: string | null;
                                name: string;
                                region: string;
                                retentionInDays: number | null;
                            } | {
                                accountId: string;
                                arn: string;
                                bucketArn?: string | null;
                                checkedAt?: string;
                                createdAt?: string | null;
                                deliveryStreamType: string;
                                destinationSummary: string;
                                /** @enum {string} */
                                destinationType: "s3" | "http" | "other";
                                encryption?: {
                                    keyArn: string | null;
                                    keyType: string | null;
                                    status: string;
                                } | null;
                                /** @enum {string} */
                                kind: "firehose";
                                logDeliveryEnabledTag: boolean;
                                name: string;
                                region: string;
                                status: string;
                                tags?: {
                                    [key: string]: string;
                                };
                            } | {
                                arn: string;
                                bucketKeyEnabled?: boolean | null;
                                checkedAt?: string;
                                /** @enum {string} */
                                deliveryPolicy: "present" | "missing" | "unknown";
                                encryption: string | null;
                                /** @enum {string} */
                                kind: "s3";
                                kmsKeyId?: string | null;
                                kmsKeyManager?: ("AWS" | "CUSTOMER" | "unknown") | null;
                                name: string;
                                region: string | null;
                            }) | null;
                            userNotification: ({
                                accountId: string;
                                arn: string;
                                checkedAt?: string;
                                createdAt: string | null;
                                dataProtectionStatus?: string | null;
                                /** @enum {string} */
                                deliveryPolicy: "present" | "missing" | "unknown";
                                deliveryPolicyScope?: ("log-group" | "account") | null;
                                /** @enum {string} */
                                kind: "logGroup";
                                kmsKeyId: string | null;
                                logGroupClass: string | null;
                                logGroupPolicyDocument?: string | null;
                                name: string;
                                region: string;
                                retentionInDays: number | null;
                            } | {
                                accountId: string;
                                arn: string;
                                bucketArn?: string | null;
                                checkedAt?: string;
                                createdAt?: string | null;
                                deliveryStreamType: string;
                                destinationSummary: string;
                                /** @enum {string} */
                                destinationType: "s3" | "http" | "other";
                                encryption?: {
                                    keyArn: string | null;
                                    keyType: string | null;
                                    status: string;
                                } | null;
                                /** @enum {string} */
                                kind: "firehose";
                                logDeliveryEnabledTag: boolean;
                                name: string;
                                region: string;
                                status: string;
                                tags?: {
                                    [key: string]: string;
                                };
                            } | {
                                arn: string;
                                bucketKeyEnabled?: boolean | null;
                                checkedAt?: string;
                                /** @enum {string} */
                                deliveryPolicy: "present" | "missing" | "unknown";
                                encryption: string | null;
                                /** @enum {string} */
                                kind: "s3";
                                kmsKeyId?: string | null;
                                kmsKeyManager?: ("AWS" | "CUSTOMER" | "unknown") | null;
                                name: string;
                                region: string | null;
                            }) | null;
                        };
                        findings: {
                            /** @enum {string} */
                            eventSource?: "userNotification" | "userAuthEvents";
                            fix?: {
                                /** @enum {string} */
                                action: "add-log-group-policy" | "tag-firehose-stream" | "add-bucket-policy" | "enable-threat-protection";
                                label: string;
                                target?: string;
                            };
                            id: string;
                            message: string;
                            /** @enum {string} */
                            severity: "block" | "warn";
                        }[];
                        pool: {
                            accountId: string;
                            arn: string;
                            id: string;
                            name: string;
                            region: string;
                            tags?: {
                                [key: string]: string;
                            };
                            /** @enum {string} */
                            threatProtection: "OFF" | "AUDIT" | "ENFORCED";
                            /** @enum {string} */
                            tier: "LITE" | "ESSENTIALS" | "PLUS";
                        };
                        readAt: string;
                        version: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
    getPoolDelivery: {
        parameters: {
            query?: {
                objectEvents?: "true" | "false";
                window?: string;
            };
            header?: never;
            path: {
                accountId: string;
                poolId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        checkedAt: string;
                        plusPlan: {
                            cli: string[];
                            cliWarning: string;
                            consoleUrl: string;
                            cost: string;
                            /** @enum {string} */
                            currentTier: "LITE" | "ESSENTIALS";
                            enables: string[];
                            pricingUrl: string;
                        } | null;
                        poolId: string;
                        region: string;
                        sources: {
                            userAuthEvents: {
                                countIsLowerBound: boolean;
                                /** @enum {string} */
                                countUnit: "events" | "objects" | "records";
                                destination: {
                                    arn: string;
                                    consoleUrl: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                    name: string;
                                } | null;
                                eventsInWindow: number | null;
                                /** @enum {string} */
                                eventSource: "userNotification" | "userAuthEvents";
                                lastEventAt: string | null;
                                logStreams?: {
                                    lastEventAt: string | null;
                                    name: string;
                                }[];
                                objects?: {
                                    key: string;
                                    lastModified: string | null;
                                    size: number;
                                }[];
                                readError: string | null;
                                reason: {
                                    id: string;
                                    message: string;
                                };
                                recent: ({
                                    at: string | null;
                                    eventType: string | null;
                                    ipAddress: string | null;
                                    /** @enum {string} */
                                    kind: "userActivity";
                                    outcome: string | null;
                                    place: string | null;
                                    riskDecision: string | null;
                                    riskLevel: string | null;
                                    user: string | null;
                                    userPoolId: string | null;
                                } | {
                                    at: string | null;
                                    details: string | null;
                                    /** @enum {string} */
                                    kind: "notification";
                                    userPoolId: string | null;
                                } | {
                                    at: string | null;
                                    /** @enum {string} */
                                    kind: "unread";
                                    raw: string;
                                    userPoolId: string | null;
                                })[];
                                /** @enum {string} */
                                state: "delivering" | "silent" | "idle" | "failing" | "not-configured" | "not-applicable" | "unknown";
                                stream?: {
                                    attempts: number;
                                    backupBucket: string | null;
                                    failedAttempts: number;
                                    incomingRecords: number;
                                    metricPrefix: string;
                                };
                            };
                            userNotification: {
                                countIsLowerBound: boolean;
                                /** @enum {string} */
                                countUnit: "events" | "objects" | "records";
                                destination: {
                                    arn: string;
                                    consoleUrl: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                    name: string;
                                } | null;
                                eventsInWindow: number | null;
                                /** @enum {string} */
                                eventSource: "userNotification" | "userAuthEvents";
                                lastEventAt: string | null;
                                logStreams?: {
                                    lastEventAt: string | null;
                                    name: string;
                                }[];
                                objects?: {
                                    key: string;
                                    lastModified: string | null;
                                    size: number;
                                }[];
                                readError: string | null;
                                reason: {
                                    id: string;
                                    message: string;
                                };
                                recent: ({
                                    at: string | null;
                                    eventType: string | null;
                                    ipAddress: string | null;
                                    /** @enum {string} */
                                    kind: "userActivity";
                                    outcome: string | null;
                                    place: string | null;
                                    riskDecision: string | null;
                                    riskLevel: string | null;
                                    user: string | null;
                                    userPoolId: string | null;
                                } | {
                                    at: string | null;
                                    details: string | null;
                                    /** @enum {string} */
                                    kind: "notification";
                                    userPoolId: string | null;
                                } | {
                                    at: string | null;
                                    /** @enum {string} */
                                    kind: "unread";
                                    raw: string;
                                    userPoolId: string | null;
                                })[];
                                /** @enum {string} */
                                state: "delivering" | "silent" | "idle" | "failing" | "not-configured" | "not-applicable" | "unknown";
                                stream?: {
                                    attempts: number;
                                    backupBucket: string | null;
                                    failedAttempts: number;
                                    incomingRecords: number;
                                    metricPrefix: string;
                                };
                            };
                        };
                        /** @enum {string} */
                        threatProtection: "OFF" | "AUDIT" | "ENFORCED";
                        /** @enum {string} */
                        tier: "LITE" | "ESSENTIALS" | "PLUS";
                        traffic: {
                            federations: number;
                            signIns: number;
                            signUps: number;
                            tokenRefreshes: number;
                        } | null;
                        trafficError: string | null;
                        window: {
                            from: string;
                            seconds: number;
                            text: string;
                            to: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
    exportPoolAsCode: {
        parameters: {
            query: {
                destinations?: "arn" | "data";
                format: "terraform" | "cloudformation" | "cli";
            };
            header?: never;
            path: {
                accountId: string;
                poolId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        content: string;
                        filename: string;
                        /** @enum {string} */
                        format: "terraform" | "cloudformation" | "cli";
                        mediaType: string;
                        pools: number;
                        warnings: string[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
    applyFix: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                accountId: string;
                poolId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    action: "add-log-group-policy" | "tag-firehose-stream" | "add-bucket-policy" | "enable-threat-protection";
                    /** @enum {string} */
                    policyScope?: "log-group" | "account";
                    target: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        action: "add-log-group-policy" | "tag-firehose-stream" | "add-bucket-policy" | "enable-threat-protection";
                        changed: boolean;
                        message: string;
                        pool: {
                            account?: {
                                name: string;
                                ouPath: string | null;
                                roleArn: string | null;
                            };
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            destinations: {
                                userAuthEvents: ({
                                    accountId: string;
                                    arn: string;
                                    checkedAt?: string;
                                    createdAt: string | null;
                                    dataProtectionStatus?: string | null;
                                    /** @enum {string} */
                                    deliveryPolicy: "present" | "missing" | "unknown";
                                    deliveryPolicyScope?: ("log-group" | "account") | null;
                                    /** @enum {string} */
                                    kind: "logGroup";
                                    kmsKeyId: string | null;
                                    logGroupClass: string | null;
                                    logGroupPolicyDocument?: string | null;
                                    name: string;
                                    region: string;
                                    retentionInDays: number | null;
                                } | {
                                    accountId: string;
                                    arn: string;
                                    bucketArn?: string | null;
                                    checkedAt?: string;
                                    createdAt?: string | null;
                                    deliveryStreamType: string;
                                    destinationSummary: string;
                                    /** @enum {string} */
                                    destinationType: "s3" | "http" | "other";
                                    encryption?: {
                                        keyArn: string | null;
                                        keyType: string | null;
                                        status: string;
                                    } | null;
                                    /** @enum {string} */
                                    kind: "firehose";
                                    logDeliveryEnabledTag: boolean;
                                    name: string;
                                    region: string;
                                    status: string;
                                    tags?: {
                                        [key: string]: string;
                                    };
                                } | {
                                    arn: string;
                                    bucketKeyEnabled?: boolean | null;
                                    checkedAt?: string;
                                    /** @enum {string} */
                                    deliveryPolicy: "present" | "missing" | "unknown";
                                    encryption: string | null;
                                    /** @enum {string} */
                                    kind: "s3";
                                    kmsKeyId?: string | null;
                                    kmsKeyManager?: ("AWS" | "CUSTOMER" | "unknown") | null;
                                    name: string;
                                    region: string | null;
                                }) | null;
                                userNotification: ({
                                    accountId: string;
                                    arn: string;
                                    checkedAt?: string;
                                    createdAt: string | null;
                                    dataProtectionStatus?: string | null;
                                    /** @enum {string} */
                                    deliveryPolicy: "present" | "missing" | "unknown";
                                    deliveryPolicyScope?: ("log-group" | "account") | null;
                                    /** @enum {string} */
                                    kind: "logGroup";
                                    kmsKeyId: string | null;
                                    logGroupClass: string | null;
                                    logGroupPolicyDocument?: string | null;
                                    name: string;
                                    region: string;
                                    retentionInDays: number | null;
                                } | {
                                    accountId: string;
                                    arn: string;
                                    bucketArn?: string | null;
                                    checkedAt?: string;
                                    createdAt?: string | null;
                                    deliveryStreamType: string;
                                    destinationSummary: string;
                                    /** @enum {string} */
                                    destinationType: "s3" | "http" | "other";
                                    encryption?: {
                                        keyArn: string | null;
                                        keyType: string | null;
                                        status: string;
                                    } | null;
                                    /** @enum {string} */
                                    kind: "firehose";
                                    logDeliveryEnabledTag: boolean;
                                    name: string;
                                    region: string;
                                    status: string;
                                    tags?: {
                                        [key: string]: string;
                                    };
                                } | {
                                    arn: string;
                                    bucketKeyEnabled?: boolean | null;
                                    checkedAt?: string;
                                    /** @enum {string} */
                                    deliveryPolicy: "present" | "missing" | "unknown";
                                    encryption: string | null;
                                    /** @enum {string} */
                                    kind: "s3";
                                    kmsKeyId?: string | null;
                                    kmsKeyManager?: ("AWS" | "CUSTOMER" | "unknown") | null;
                                    name: string;
                                    region: string | null;
                                }) | null;
                            };
                            findings: {
                                /** @enum {string} */
                                eventSource?: "userNotification" | "userAuthEvents";
                                fix?: {
                                    /** @enum {string} */
                                    action: "add-log-group-policy" | "tag-firehose-stream" | "add-bucket-policy" | "enable-threat-protection";
                                    label: string;
                                    target?: string;
                                };
                                id: string;
                                message: string;
                                /** @enum {string} */
                                severity: "block" | "warn";
                            }[];
                            pool: {
                                accountId: string;
                                arn: string;
                                id: string;
                                name: string;
                                region: string;
                                tags?: {
                                    [key: string]: string;
                                };
                                /** @enum {string} */
                                threatProtection: "OFF" | "AUDIT" | "ENFORCED";
                                /** @enum {string} */
                                tier: "LITE" | "ESSENTIALS" | "PLUS";
                            };
                            readAt: string;
                            version: string;
                        };
                        target: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
    applyLogDelivery: {
        parameters: {
            query?: never;
            header?: {
                "if-match"?: string;
            };
            path: {
                accountId: string;
                eventSource: "userNotification" | "userAuthEvents";
                poolId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    destination: {
                        arn: string;
                        /** @enum {string} */
                        kind: "logGroup" | "firehose" | "s3";
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        account?: {
                            name: string;
                            ouPath: string | null;
                            roleArn: string | null;
                        };
                        configuration: {
                            userAuthEvents: {
                                arn: string;
                                /** @enum {string} */
                                kind: "logGroup" | "firehose" | "s3";
                            } | null;
                            userNotification: {
                                arn: string;
                                /** @enum {string} */
                                kind: "logGroup" | "firehose" | "s3";
                            } | null;
                        };
                        destinations: {
                            userAuthEvents: ({
                                accountId: string;
                                arn: string;
                                checkedAt?: string;
                                createdAt: string | null;
                                dataProtectionStatus?: string | null;
                                /** @enum {string} */
                                deliveryPolicy: "present" | "missing" | "unknown";
                                deliveryPolicyScope?: ("log-group" | "account") | null;
                                /** @enum {string} */
                                kind: "logGroup";
                                kmsKeyId: string | null;
                                logGroupClass: string | null;
                                logGroupPolicyDocument?: string | null;
                                name: string;
                                region: string;
                                retentionInDays: number | null;
                            } | {
                                accountId: string;
                                arn: string;
                                bucketArn?: string | null;
                                checkedAt?: string;
                                createdAt?: string | null;
                                deliveryStreamType: string;
                                destinationSummary: string;
                                /** @enum {string} */
                                destinationType: "s3" | "http" | "other";
                                encryption?: {
                                    keyArn: string | null;
                                    keyType: string | null;
                                    status: string;
                                } | null;
                                /** @enum {string} */
                                kind: "firehose";
                                logDeliveryEnabledTag: boolean;
                                name: string;
                                region: string;
                                status: string;
                                tags?: {
                                    [key: string]: string;
                                };
                            } | {
                                arn: string;
                                bucketKeyEnabled?: boolean | null;
                                checkedAt?: string;
                                /** @enum {string} */
                                deliveryPolicy: "present" | "missing" | "unknown";
                                encryption: string | null;
                                /** @enum {string} */
                                kind: "s3";
                                kmsKeyId?: string | null;
                                kmsKeyManager?: ("AWS" | "CUSTOMER" | "unknown") | null;
                                name: string;
                                region: string | null;
                            }) | null;
                            userNotification: ({
                                accountId: string;
                                arn: string;
                                checkedAt?: string;
                                createdAt: string | null;
                                dataProtectionStatus?: string | null;
                                /** @enum {string} */
                                deliveryPolicy: "present" | "missing" | "unknown";
                                deliveryPolicyScope?: ("log-group" | "account") | null;
                                /** @enum {string} */
                                kind: "logGroup";
                                kmsKeyId: string | null;
                                logGroupClass: string | null;
                                logGroupPolicyDocument?: string | null;
                                name: string;
                                region: string;
                                retentionInDays: number | null;
                            } | {
                                accountId: string;
                                arn: string;
                                bucketArn?: string | null;
                                checkedAt?: string;
                                createdAt?: string | null;
                                deliveryStreamType: string;
                                destinationSummary: string;
                                /** @enum {string} */
                                destinationType: "s3" | "http" | "other";
                                encryption?: {
                                    keyArn: string | null;
                                    keyType: string | null;
                                    status: string;
                                } | null;
                                /** @enum {string} */
                                kind: "firehose";
                                logDeliveryEnabledTag: boolean;
                                name: string;
                                region: string;
                                status: string;
                                tags?: {
                                    [key: string]: string;
                                };
                            } | {
                                arn: string;
                                bucketKeyEnabled?: boolean | null;
                                checkedAt?: string;
                                /** @enum {string} */
                                deliveryPolicy: "present" | "missing" | "unknown";
                                encryption: string | null;
                                /** @enum {string} */
                                kind: "s3";
                                kmsKeyId?: string | null;
                                kmsKeyManager?: ("AWS" | "CUSTOMER" | "unknown") | null;
                                name: string;
                                region: string | null;
                            }) | null;
                        };
                        findings: {
                            /** @enum {string} */
                            eventSource?: "userNotification" | "userAuthEvents";
                            fix?: {
                                /** @enum {string} */
                                action: "add-log-group-policy" | "tag-firehose-stream" | "add-bucket-policy" | "enable-threat-protection";
                                label: string;
                                target?: string;
                            };
                            id: string;
                            message: string;
                            /** @enum {string} */
                            severity: "block" | "warn";
                        }[];
                        pool: {
                            accountId: string;
                            arn: string;
                            id: string;
                            name: string;
                            region: string;
                            tags?: {
                                [key: string]: string;
                            };
                            /** @enum {string} */
                            threatProtection: "OFF" | "AUDIT" | "ENFORCED";
                            /** @enum {string} */
                            tier: "LITE" | "ESSENTIALS" | "PLUS";
                        };
                        readAt: string;
                        version: string;
                        written: boolean;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
    disableLogDelivery: {
        parameters: {
            query?: never;
            header?: {
                "if-match"?: string;
            };
            path: {
                accountId: string;
                eventSource: "userNotification" | "userAuthEvents";
                poolId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        account?: {
                            name: string;
                            ouPath: string | null;
                            roleArn: string | null;
                        };
                        configuration: {
                            userAuthEvents: {
                                arn: string;
                                /** @enum {string} */
                                kind: "logGroup" | "firehose" | "s3";
                            } | null;
                            userNotification: {
                                arn: string;
                                /** @enum {string} */
                                kind: "logGroup" | "firehose" | "s3";
                            } | null;
                        };
                        destinations: {
                            userAuthEvents: ({
                                accountId: string;
                                arn: string;
                                checkedAt?: string;
                                createdAt: string | null;
                                dataProtectionStatus?: string | null;
                                /** @enum {string} */
                                deliveryPolicy: "present" | "missing" | "unknown";
                                deliveryPolicyScope?: ("log-group" | "account") | null;
                                /** @enum {string} */
                                kind: "logGroup";
                                kmsKeyId: string | null;
                                logGroupClass: string | null;
                                logGroupPolicyDocument?: string | null;
                                name: string;
                                region: string;
                                retentionInDays: number | null;
                            } | {
                                accountId: string;
                                arn: string;
                                bucketArn?: string | null;
                                checkedAt?: string;
                                createdAt?: string | null;
                                deliveryStreamType: string;
                                destinationSummary: string;
                                /** @enum {string} */
                                destinationType: "s3" | "http" | "other";
                                encryption?: {
                                    keyArn: string | null;
                                    keyType: string | null;
                                    status: string;
                                } | null;
                                /** @enum {string} */
                                kind: "firehose";
                                logDeliveryEnabledTag: boolean;
                                name: string;
                                region: string;
                                status: string;
                                tags?: {
                                    [key: string]: string;
                                };
                            } | {
                                arn: string;
                                bucketKeyEnabled?: boolean | null;
                                checkedAt?: string;
                                /** @enum {string} */
                                deliveryPolicy: "present" | "missing" | "unknown";
                                encryption: string | null;
                                /** @enum {string} */
                                kind: "s3";
                                kmsKeyId?: string | null;
                                kmsKeyManager?: ("AWS" | "CUSTOMER" | "unknown") | null;
                                name: string;
                                region: string | null;
                            }) | null;
                            userNotification: ({
                                accountId: string;
                                arn: string;
                                checkedAt?: string;
                                createdAt: string | null;
                                dataProtectionStatus?: string | null;
                                /** @enum {string} */
                                deliveryPolicy: "present" | "missing" | "unknown";
                                deliveryPolicyScope?: ("log-group" | "account") | null;
                                /** @enum {string} */
                                kind: "logGroup";
                                kmsKeyId: string | null;
                                logGroupClass: string | null;
                                logGroupPolicyDocument?: string | null;
                                name: string;
                                region: string;
                                retentionInDays: number | null;
                            } | {
                                accountId: string;
                                arn: string;
                                bucketArn?: string | null;
                                checkedAt?: string;
                                createdAt?: string | null;
                                deliveryStreamType: string;
                                destinationSummary: string;
                                /** @enum {string} */
                                destinationType: "s3" | "http" | "other";
                                encryption?: {
                                    keyArn: string | null;
                                    keyType: string | null;
                                    status: string;
                                } | null;
                                /** @enum {string} */
                                kind: "firehose";
                                logDeliveryEnabledTag: boolean;
                                name: string;
                                region: string;
                                status: string;
                                tags?: {
                                    [key: string]: string;
                                };
                            } | {
                                arn: string;
                                bucketKeyEnabled?: boolean | null;
                                checkedAt?: string;
                                /** @enum {string} */
                                deliveryPolicy: "present" | "missing" | "unknown";
                                encryption: string | null;
                                /** @enum {string} */
                                kind: "s3";
                                kmsKeyId?: string | null;
                                kmsKeyManager?: ("AWS" | "CUSTOMER" | "unknown") | null;
                                name: string;
                                region: string | null;
                            }) | null;
                        };
                        findings: {
                            /** @enum {string} */
                            eventSource?: "userNotification" | "userAuthEvents";
                            fix?: {
                                /** @enum {string} */
                                action: "add-log-group-policy" | "tag-firehose-stream" | "add-bucket-policy" | "enable-threat-protection";
                                label: string;
                                target?: string;
                            };
                            id: string;
                            message: string;
                            /** @enum {string} */
                            severity: "block" | "warn";
                        }[];
                        pool: {
                            accountId: string;
                            arn: string;
                            id: string;
                            name: string;
                            region: string;
                            tags?: {
                                [key: string]: string;
                            };
                            /** @enum {string} */
                            threatProtection: "OFF" | "AUDIT" | "ENFORCED";
                            /** @enum {string} */
                            tier: "LITE" | "ESSENTIALS" | "PLUS";
                        };
                        readAt: string;
                        version: string;
                        written: boolean;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
    previewLogDelivery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                accountId: string;
                eventSource: "userNotification" | "userAuthEvents";
                poolId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    destination: {
                        arn: string;
                        /** @enum {string} */
                        kind: "logGroup" | "firehose" | "s3";
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        canApply: boolean;
                        desired: {
                            userAuthEvents: {
                                arn: string;
                                /** @enum {string} */
                                kind: "logGroup" | "firehose" | "s3";
                            } | null;
                            userNotification: {
                                arn: string;
                                /** @enum {string} */
                                kind: "logGroup" | "firehose" | "s3";
                            } | null;
                        };
                        diff: {
                            after: {
                                arn: string;
                                /** @enum {string} */
                                kind: "logGroup" | "firehose" | "s3";
                            } | null;
                            before: {
                                arn: string;
                                /** @enum {string} */
                                kind: "logGroup" | "firehose" | "s3";
                            } | null;
                            /** @enum {string} */
                            change: "added" | "changed" | "removed" | "unchanged";
                            /** @enum {string} */
                            eventSource: "userNotification" | "userAuthEvents";
                        }[];
                        errors: {
                            message: string;
                            path: string;
                        }[];
                        findings: {
                            /** @enum {string} */
                            eventSource?: "userNotification" | "userAuthEvents";
                            fix?: {
                                /** @enum {string} */
                                action: "add-log-group-policy" | "tag-firehose-stream" | "add-bucket-policy" | "enable-threat-protection";
                                label: string;
                                target?: string;
                            };
                            id: string;
                            message: string;
                            /** @enum {string} */
                            severity: "block" | "warn";
                        }[];
                        sendsNothing: boolean;
                        version: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
    testAccountConnection: {
        parameters: {
            query?: {
                region?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        checks: {
                            action: string;
                            message: string;
                            /** @enum {string} */
                            outcome: "allowed" | "missing" | "error";
                        }[];
                        identity: {
                            account: string;
                            arn: string | null;
                        } | null;
                        ok: boolean;
                        region: string;
                        unchecked: {
                            action: string;
                            reason: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
    getMemberRoleTemplate: {
        parameters: {
            query?: {
                format?: "yaml" | "json";
                variant?: "read" | "full";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    listAuditRecords: {
        parameters: {
            query?: {
                account?: string;
                action?: "log-delivery.apply" | "log-delivery.disable" | "log-delivery.rollback" | "destination.create" | "destination.cleanup" | "fix.apply" | "operator.add" | "operator.set-role" | "operator.reset-password" | "operator.remove" | "session.sign-in" | "session.sign-out" | "audit.prune" | "webhook.add" | "webhook.update" | "webhook.remove" | "webhook.test" | "view.save" | "view.rename" | "view.delete" | "freshness.setup" | "batch.start" | "batch.pause" | "batch.resume" | "batch.cancel" | "standard.update" | "standard.exemption.create" | "standard.exemption.update" | "standard.exemption.delete";
                cursor?: string;
                from?: string;
                limit?: number;
                operator?: string;
                pool?: string;
                signIns?: "include" | "exclude";
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            accountId?: string | null;
                            /** @enum {string} */
                            action: "log-delivery.apply" | "log-delivery.disable" | "log-delivery.rollback" | "destination.create" | "destination.cleanup" | "fix.apply" | "operator.add" | "operator.set-role" | "operator.reset-password" | "operator.remove" | "session.sign-in" | "session.sign-out" | "audit.prune" | "webhook.add" | "webhook.update" | "webhook.remove" | "webhook.test" | "view.save" | "view.rename" | "view.delete" | "freshness.setup" | "batch.start" | "batch.pause" | "batch.resume" | "batch.cancel" | "standard.update" | "standard.exemption.create" | "standard.exemption.update" | "standard.exemption.delete";
                            after: unknown | null;
                            at: string;
                            attemptId: string | null;
                            awsRequestId: string | null;
                            before: unknown | null;
                            error: string | null;
                            hash?: string | null;
                            id: string;
                            operator: string | null;
                            /** @enum {string} */
                            outcome: "attempt" | "success" | "failure";
                            poolId: string | null;
                            prevHash?: string | null;
                            region: string | null;
                            requestId: string | null;
                            resource: string | null;
                            role: ("viewer" | "admin") | null;
                            roleArn?: string | null;
                            undoes?: string | null;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
    previewRollback: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        accountId: string | null;
                        canApply: boolean;
                        desired: {
                            userAuthEvents: {
                                arn: string;
                                /** @enum {string} */
                                kind: "logGroup" | "firehose" | "s3";
                            } | null;
                            userNotification: {
                                arn: string;
                                /** @enum {string} */
                                kind: "logGroup" | "firehose" | "s3";
                            } | null;
                        };
                        diff: {
                            after: {
                                arn: string;
                                /** @enum {string} */
                                kind: "logGroup" | "firehose" | "s3";
                            } | null;
                            before: {
                                arn: string;
                                /** @enum {string} */
                                kind: "logGroup" | "firehose" | "s3";
                            } | null;
                            /** @enum {string} */
                            change: "added" | "changed" | "removed" | "unchanged";
                            /** @enum {string} */
                            eventSource: "userNotification" | "userAuthEvents";
                        }[];
                        errors: {
                            message: string;
                            path: string;
                        }[];
                        findings: {
                            /** @enum {string} */
                            eventSource?: "userNotification" | "userAuthEvents";
                            fix?: {
                                /** @enum {string} */
                                action: "add-log-group-policy" | "tag-firehose-stream" | "add-bucket-policy" | "enable-threat-protection";
                                label: string;
                                target?: string;
                            };
                            id: string;
                            message: string;
                            /** @enum {string} */
                            severity: "block" | "warn";
                        }[];
                        movedOn: {
                            /** @enum {string} */
                            eventSource: "userNotification" | "userAuthEvents";
                            now: {
                                arn: string;
                                /** @enum {string} */
                                kind: "logGroup" | "firehose" | "s3";
                            } | null;
                            recorded: {
                                arn: string;
                                /** @enum {string} */
                                kind: "logGroup" | "firehose" | "s3";
                            } | null;
                        }[];
                        poolId: string;
                        poolName: string;
                        recorded: {
                            after: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            before: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                        };
                        recordId: string;
                        region: string;
                        sendsNothing: boolean;
                        version: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
    applyRollback: {
        parameters: {
            query?: never;
            header?: {
                "if-match"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        account?: {
                            name: string;
                            ouPath: string | null;
                            roleArn: string | null;
                        };
                        configuration: {
                            userAuthEvents: {
                                arn: string;
                                /** @enum {string} */
                                kind: "logGroup" | "firehose" | "s3";
                            } | null;
                            userNotification: {
                                arn: string;
                                /** @enum {string} */
                                kind: "logGroup" | "firehose" | "s3";
                            } | null;
                        };
                        destinations: {
                            userAuthEvents: ({
                                accountId: string;
                                arn: string;
                                checkedAt?: string;
                                createdAt: string | null;
                                dataProtectionStatus?: string | null;
                                /** @enum {string} */
                                deliveryPolicy: "present" | "missing" | "unknown";
                                deliveryPolicyScope?: ("log-group" | "account") | null;
                                /** @enum {string} */
                                kind: "logGroup";
                                kmsKeyId: string | null;
                                logGroupClass: string | null;
                                logGroupPolicyDocument?: string | null;
                                name: string;
                                region: string;
                                retentionInDays: number | null;
                            } | {
                                accountId: string;
                                arn: string;
                                bucketArn?: string | null;
                                checkedAt?: string;
                                createdAt?: string | null;
                                deliveryStreamType: string;
                                destinationSummary: string;
                                /** @enum {string} */
                                destinationType: "s3" | "http" | "other";
                                encryption?: {
                                    keyArn: string | null;
                                    keyType: string | null;
                                    status: string;
                                } | null;
                                /** @enum {string} */
                                kind: "firehose";
                                logDeliveryEnabledTag: boolean;
                                name: string;
                                region: string;
                                status: string;
                                tags?: {
                                    [key: string]: string;
                                };
                            } | {
                                arn: string;
                                bucketKeyEnabled?: boolean | null;
                                checkedAt?: string;
                                /** @enum {string} */
                                deliveryPolicy: "present" | "missing" | "unknown";
                                encryption: string | null;
                                /** @enum {string} */
                                kind: "s3";
                                kmsKeyId?: string | null;
                                kmsKeyManager?: ("AWS" | "CUSTOMER" | "unknown") | null;
                                name: string;
                                region: string | null;
                            }) | null;
                            userNotification: ({
                                accountId: string;
                                arn: string;
                                checkedAt?: string;
                                createdAt: string | null;
                                dataProtectionStatus?: string | null;
                                /** @enum {string} */
                                deliveryPolicy: "present" | "missing" | "unknown";
                                deliveryPolicyScope?: ("log-group" | "account") | null;
                                /** @enum {string} */
                                kind: "logGroup";
                                kmsKeyId: string | null;
                                logGroupClass: string | null;
                                logGroupPolicyDocument?: string | null;
                                name: string;
                                region: string;
                                retentionInDays: number | null;
                            } | {
                                accountId: string;
                                arn: string;
                                bucketArn?: string | null;
                                checkedAt?: string;
                                createdAt?: string | null;
                                deliveryStreamType: string;
                                destinationSummary: string;
                                /** @enum {string} */
                                destinationType: "s3" | "http" | "other";
                                encryption?: {
                                    keyArn: string | null;
                                    keyType: string | null;
                                    status: string;
                                } | null;
                                /** @enum {string} */
                                kind: "firehose";
                                logDeliveryEnabledTag: boolean;
                                name: string;
                                region: string;
                                status: string;
                                tags?: {
                                    [key: string]: string;
                                };
                            } | {
                                arn: string;
                                bucketKeyEnabled?: boolean | null;
                                checkedAt?: string;
                                /** @enum {string} */
                                deliveryPolicy: "present" | "missing" | "unknown";
                                encryption: string | null;
                                /** @enum {string} */
                                kind: "s3";
                                kmsKeyId?: string | null;
                                kmsKeyManager?: ("AWS" | "CUSTOMER" | "unknown") | null;
                                name: string;
                                region: string | null;
                            }) | null;
                        };
                        findings: {
                            /** @enum {string} */
                            eventSource?: "userNotification" | "userAuthEvents";
                            fix?: {
                                /** @enum {string} */
                                action: "add-log-group-policy" | "tag-firehose-stream" | "add-bucket-policy" | "enable-threat-protection";
                                label: string;
                                target?: string;
                            };
                            id: string;
                            message: string;
                            /** @enum {string} */
                            severity: "block" | "warn";
                        }[];
                        pool: {
                            accountId: string;
                            arn: string;
                            id: string;
                            name: string;
                            region: string;
                            tags?: {
                                [key: string]: string;
                            };
                            /** @enum {string} */
                            threatProtection: "OFF" | "AUDIT" | "ENFORCED";
                            /** @enum {string} */
                            tier: "LITE" | "ESSENTIALS" | "PLUS";
                        };
                        readAt: string;
                        version: string;
                        written: boolean;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
    exportAuditRecords: {
        parameters: {
            query?: {
                account?: string;
                action?: "log-delivery.apply" | "log-delivery.disable" | "log-delivery.rollback" | "destination.create" | "destination.cleanup" | "fix.apply" | "operator.add" | "operator.set-role" | "operator.reset-password" | "operator.remove" | "session.sign-in" | "session.sign-out" | "audit.prune" | "webhook.add" | "webhook.update" | "webhook.remove" | "webhook.test" | "view.save" | "view.rename" | "view.delete" | "freshness.setup" | "batch.start" | "batch.pause" | "batch.resume" | "batch.cancel" | "standard.update" | "standard.exemption.create" | "standard.exemption.update" | "standard.exemption.delete";
                format?: "csv" | "json";
                from?: string;
                operator?: string;
                pool?: string;
                signIns?: "include" | "exclude";
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    verifyAuditTrail: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        broken: {
                            expected: string | null;
                            found: string | null;
                            id: string;
                            problem: string;
                        } | null;
                        checked: number;
                        firstId: string | null;
                        headHash: string | null;
                        lastId: string | null;
                        ok: boolean;
                        unhashed: number;
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
    listBatches: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            createdAt: string;
                            createdBy: string | null;
                            finishedAt: string | null;
                            id: string;
                            outcomes: {
                                blocked: number;
                                nothing: number;
                                ready: number;
                                warning: number;
                            };
                            standardRevision?: number | null;
                            startedAt: string | null;
                            states: {
                                cancelled: number;
                                changed: number;
                                done: number;
                                failed: number;
                                pending: number;
                                running: number;
                                skipped: number;
                            };
                            /** @enum {string} */
                            status: "planned" | "running" | "paused" | "interrupted" | "cancelled" | "finished";
                            title: string;
                            total: number;
                            updatedAt: string;
                            warningsAcknowledged: boolean;
                        }[];
                    };
                };
            };
        };
    };
    createBatch: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    change: {
                        /**
                         * @default {
                         *       "action": "keep"
                         *     }
                         */
                        userAuthEvents?: {
                            /** @enum {string} */
                            action: "keep";
                        } | {
                            /** @enum {string} */
                            action: "remove";
                        } | {
                            /** @enum {string} */
                            action: "set";
                            destination: {
                                arn: string;
                                /** @enum {string} */
                                kind: "logGroup" | "firehose" | "s3";
                            };
                        } | {
                            /** @enum {string} */
                            action: "set-log-group";
                            logGroupName: string;
                        };
                        /**
                         * @default {
                         *       "action": "keep"
                         *     }
                         */
                        userNotification?: {
                            /** @enum {string} */
                            action: "keep";
                        } | {
                            /** @enum {string} */
                            action: "remove";
                        } | {
                            /** @enum {string} */
                            action: "set";
                            destination: {
                                arn: string;
                                /** @enum {string} */
                                kind: "logGroup" | "firehose" | "s3";
                            };
                        } | {
                            /** @enum {string} */
                            action: "set-log-group";
                            logGroupName: string;
                        };
                    };
                    pools: {
                        accountId: string;
                        poolId: string;
                        region: string;
                    }[];
                    title?: string;
                } | {
                    change: {
                        /**
                         * @default {
                         *       "action": "keep"
                         *     }
                         */
                        userAuthEvents?: {
                            /** @enum {string} */
                            action: "keep";
                        } | {
                            /** @enum {string} */
                            action: "remove";
                        } | {
                            /** @enum {string} */
                            action: "set";
                            destination: {
                                arn: string;
                                /** @enum {string} */
                                kind: "logGroup" | "firehose" | "s3";
                            };
                        } | {
                            /** @enum {string} */
                            action: "set-log-group";
                            logGroupName: string;
                        };
                        /**
                         * @default {
                         *       "action": "keep"
                         *     }
                         */
                        userNotification?: {
                            /** @enum {string} */
                            action: "keep";
                        } | {
                            /** @enum {string} */
                            action: "remove";
                        } | {
                            /** @enum {string} */
                            action: "set";
                            destination: {
                                arn: string;
                                /** @enum {string} */
                                kind: "logGroup" | "firehose" | "s3";
                            };
                        } | {
                            /** @enum {string} */
                            action: "set-log-group";
                            logGroupName: string;
                        };
                    };
                    filter: {
                        account?: string | string[];
                        /** @enum {string} */
                        compliance?: "compliant" | "drift" | "cannot-comply" | "exempt" | "not-governed" | "unknown";
                        /** @enum {string} */
                        delivery?: "delivering" | "silent" | "idle" | "failing" | "not-configured" | "not-applicable" | "unknown";
                        /** @enum {string} */
                        deliverySource?: "userNotification" | "userAuthEvents";
                        /** @enum {string} */
                        destinationKind?: "logGroup" | "firehose" | "s3";
                        /** @enum {string} */
                        exporting?: "none" | "any";
                        /** @enum {string} */
                        hasWarnings?: "true" | "false";
                        ou?: string;
                        q?: string;
                        region?: string | string[];
                        /** @enum {string} */
                        tier?: "LITE" | "ESSENTIALS" | "PLUS";
                    };
                    title?: string;
                } | {
                    items: {
                        accountId: string;
                        change: {
                            /**
                             * @default {
                             *       "action": "keep"
                             *     }
                             */
                            userAuthEvents?: {
                                /** @enum {string} */
                                action: "keep";
                            } | {
                                /** @enum {string} */
                                action: "remove";
                            } | {
                                /** @enum {string} */
                                action: "set";
                                destination: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                };
                            } | {
                                /** @enum {string} */
                                action: "set-log-group";
                                logGroupName: string;
                            };
                            /**
                             * @default {
                             *       "action": "keep"
                             *     }
                             */
                            userNotification?: {
                                /** @enum {string} */
                                action: "keep";
                            } | {
                                /** @enum {string} */
                                action: "remove";
                            } | {
                                /** @enum {string} */
                                action: "set";
                                destination: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                };
                            } | {
                                /** @enum {string} */
                                action: "set-log-group";
                                logGroupName: string;
                            };
                        };
                        poolId: string;
                        region: string;
                    }[];
                    title?: string;
                } | {
                    filter?: {
                        account?: string | string[];
                        /** @enum {string} */
                        compliance?: "compliant" | "drift" | "cannot-comply" | "exempt" | "not-governed" | "unknown";
                        /** @enum {string} */
                        delivery?: "delivering" | "silent" | "idle" | "failing" | "not-configured" | "not-applicable" | "unknown";
                        /** @enum {string} */
                        deliverySource?: "userNotification" | "userAuthEvents";
                        /** @enum {string} */
                        destinationKind?: "logGroup" | "firehose" | "s3";
                        /** @enum {string} */
                        exporting?: "none" | "any";
                        /** @enum {string} */
                        hasWarnings?: "true" | "false";
                        ou?: string;
                        q?: string;
                        region?: string | string[];
                        /** @enum {string} */
                        tier?: "LITE" | "ESSENTIALS" | "PLUS";
                    };
                    /** @enum {boolean} */
                    standard: true;
                    title?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        createdAt: string;
                        createdBy: string | null;
                        finishedAt: string | null;
                        heldUntil?: string;
                        id: string;
                        items: {
                            accountId: string;
                            auditId: string | null;
                            before: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            } | null;
                            change: {
                                /**
                                 * @default {
                                 *       "action": "keep"
                                 *     }
                                 */
                                userAuthEvents: {
                                    /** @enum {string} */
                                    action: "keep";
                                } | {
                                    /** @enum {string} */
                                    action: "remove";
                                } | {
                                    /** @enum {string} */
                                    action: "set";
                                    destination: {
                                        arn: string;
                                        /** @enum {string} */
                                        kind: "logGroup" | "firehose" | "s3";
                                    };
                                } | {
                                    /** @enum {string} */
                                    action: "set-log-group";
                                    logGroupName: string;
                                };
                                /**
                                 * @default {
                                 *       "action": "keep"
                                 *     }
                                 */
                                userNotification: {
                                    /** @enum {string} */
                                    action: "keep";
                                } | {
                                    /** @enum {string} */
                                    action: "remove";
                                } | {
                                    /** @enum {string} */
                                    action: "set";
                                    destination: {
                                        arn: string;
                                        /** @enum {string} */
                                        kind: "logGroup" | "firehose" | "s3";
                                    };
                                } | {
                                    /** @enum {string} */
                                    action: "set-log-group";
                                    logGroupName: string;
                                };
                            };
                            creates?: {
                                arn: string;
                                /** @enum {string} */
                                eventSource: "userNotification" | "userAuthEvents";
                                /** @enum {string} */
                                kind: "logGroup";
                                name: string;
                            }[];
                            desired: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            } | null;
                            diff: {
                                after: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                before: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                /** @enum {string} */
                                change: "added" | "changed" | "removed" | "unchanged";
                                /** @enum {string} */
                                eventSource: "userNotification" | "userAuthEvents";
                            }[];
                            errors: {
                                message: string;
                                path: string;
                            }[];
                            findings: {
                                /** @enum {string} */
                                eventSource?: "userNotification" | "userAuthEvents";
                                fix?: {
                                    /** @enum {string} */
                                    action: "add-log-group-policy" | "tag-firehose-stream" | "add-bucket-policy" | "enable-threat-protection";
                                    label: string;
                                    target?: string;
                                };
                                id: string;
                                message: string;
                                /** @enum {string} */
                                severity: "block" | "warn";
                            }[];
                            finishedAt: string | null;
                            message: string | null;
                            /** @enum {string} */
                            outcome: "ready" | "warning" | "blocked" | "nothing";
                            plannedVersion: string | null;
                            poolId: string;
                            poolName: string;
                            reason: string | null;
                            region: string;
                            seq: number;
                            standardRevision?: number | null;
                            /** @enum {string} */
                            state: "pending" | "running" | "done" | "changed" | "failed" | "skipped" | "cancelled";
                            undoes?: string | null;
                            undoesBatch?: string;
                        }[];
                        outcomes: {
                            blocked: number;
                            nothing: number;
                            ready: number;
                            warning: number;
                        };
                        rolledBackBy?: string[];
                        standardRevision?: number | null;
                        startedAt: string | null;
                        states: {
                            cancelled: number;
                            changed: number;
                            done: number;
                            failed: number;
                            pending: number;
                            running: number;
                            skipped: number;
                        };
                        /** @enum {string} */
                        status: "planned" | "running" | "paused" | "interrupted" | "cancelled" | "finished";
                        title: string;
                        total: number;
                        undoesBatch?: string | null;
                        updatedAt: string;
                        warningsAcknowledged: boolean;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
    getBatch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                batchId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        createdAt: string;
                        createdBy: string | null;
                        finishedAt: string | null;
                        heldUntil?: string;
                        id: string;
                        items: {
                            accountId: string;
                            auditId: string | null;
                            before: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            } | null;
                            change: {
                                /**
                                 * @default {
                                 *       "action": "keep"
                                 *     }
                                 */
                                userAuthEvents: {
                                    /** @enum {string} */
                                    action: "keep";
                                } | {
                                    /** @enum {string} */
                                    action: "remove";
                                } | {
                                    /** @enum {string} */
                                    action: "set";
                                    destination: {
                                        arn: string;
                                        /** @enum {string} */
                                        kind: "logGroup" | "firehose" | "s3";
                                    };
                                } | {
                                    /** @enum {string} */
                                    action: "set-log-group";
                                    logGroupName: string;
                                };
                                /**
                                 * @default {
                                 *       "action": "keep"
                                 *     }
                                 */
                                userNotification: {
                                    /** @enum {string} */
                                    action: "keep";
                                } | {
                                    /** @enum {string} */
                                    action: "remove";
                                } | {
                                    /** @enum {string} */
                                    action: "set";
                                    destination: {
                                        arn: string;
                                        /** @enum {string} */
                                        kind: "logGroup" | "firehose" | "s3";
                                    };
                                } | {
                                    /** @enum {string} */
                                    action: "set-log-group";
                                    logGroupName: string;
                                };
                            };
                            creates?: {
                                arn: string;
                                /** @enum {string} */
                                eventSource: "userNotification" | "userAuthEvents";
                                /** @enum {string} */
                                kind: "logGroup";
                                name: string;
                            }[];
                            desired: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            } | null;
                            diff: {
                                after: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                before: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                /** @enum {string} */
                                change: "added" | "changed" | "removed" | "unchanged";
                                /** @enum {string} */
                                eventSource: "userNotification" | "userAuthEvents";
                            }[];
                            errors: {
                                message: string;
                                path: string;
                            }[];
                            findings: {
                                /** @enum {string} */
                                eventSource?: "userNotification" | "userAuthEvents";
                                fix?: {
                                    /** @enum {string} */
                                    action: "add-log-group-policy" | "tag-firehose-stream" | "add-bucket-policy" | "enable-threat-protection";
                                    label: string;
                                    target?: string;
                                };
                                id: string;
                                message: string;
                                /** @enum {string} */
                                severity: "block" | "warn";
                            }[];
                            finishedAt: string | null;
                            message: string | null;
                            /** @enum {string} */
                            outcome: "ready" | "warning" | "blocked" | "nothing";
                            plannedVersion: string | null;
                            poolId: string;
                            poolName: string;
                            reason: string | null;
                            region: string;
                            seq: number;
                            standardRevision?: number | null;
                            /** @enum {string} */
                            state: "pending" | "running" | "done" | "changed" | "failed" | "skipped" | "cancelled";
                            undoes?: string | null;
                            undoesBatch?: string;
                        }[];
                        outcomes: {
                            blocked: number;
                            nothing: number;
                            ready: number;
                            warning: number;
                        };
                        rolledBackBy?: string[];
                        standardRevision?: number | null;
                        startedAt: string | null;
                        states: {
                            cancelled: number;
                            changed: number;
                            done: number;
                            failed: number;
                            pending: number;
                            running: number;
                            skipped: number;
                        };
                        /** @enum {string} */
                        status: "planned" | "running" | "paused" | "interrupted" | "cancelled" | "finished";
                        title: string;
                        total: number;
                        undoesBatch?: string | null;
                        updatedAt: string;
                        warningsAcknowledged: boolean;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
    cancelBatch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                batchId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        createdAt: string;
                        createdBy: string | null;
                        finishedAt: string | null;
                        heldUntil?: string;
                        id: string;
                        items: {
                            accountId: string;
                            auditId: string | null;
                            before: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            } | null;
                            change: {
                                /**
                                 * @default {
                                 *       "action": "keep"
                                 *     }
                                 */
                                userAuthEvents: {
                                    /** @enum {string} */
                                    action: "keep";
                                } | {
                                    /** @enum {string} */
                                    action: "remove";
                                } | {
                                    /** @enum {string} */
                                    action: "set";
                                    destination: {
                                        arn: string;
                                        /** @enum {string} */
                                        kind: "logGroup" | "firehose" | "s3";
                                    };
                                } | {
                                    /** @enum {string} */
                                    action: "set-log-group";
                                    logGroupName: string;
                                };
                                /**
                                 * @default {
                                 *       "action": "keep"
                                 *     }
                                 */
                                userNotification: {
                                    /** @enum {string} */
                                    action: "keep";
                                } | {
                                    /** @enum {string} */
                                    action: "remove";
                                } | {
                                    /** @enum {string} */
                                    action: "set";
                                    destination: {
                                        arn: string;
                                        /** @enum {string} */
                                        kind: "logGroup" | "firehose" | "s3";
                                    };
                                } | {
                                    /** @enum {string} */
                                    action: "set-log-group";
                                    logGroupName: string;
                                };
                            };
                            creates?: {
                                arn: string;
                                /** @enum {string} */
                                eventSource: "userNotification" | "userAuthEvents";
                                /** @enum {string} */
                                kind: "logGroup";
                                name: string;
                            }[];
                            desired: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            } | null;
                            diff: {
                                after: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                before: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                /** @enum {string} */
                                change: "added" | "changed" | "removed" | "unchanged";
                                /** @enum {string} */
                                eventSource: "userNotification" | "userAuthEvents";
                            }[];
                            errors: {
                                message: string;
                                path: string;
                            }[];
                            findings: {
                                /** @enum {string} */
                                eventSource?: "userNotification" | "userAuthEvents";
                                fix?: {
                                    /** @enum {string} */
                                    action: "add-log-group-policy" | "tag-firehose-stream" | "add-bucket-policy" | "enable-threat-protection";
                                    label: string;
                                    target?: string;
                                };
                                id: string;
                                message: string;
                                /** @enum {string} */
                                severity: "block" | "warn";
                            }[];
                            finishedAt: string | null;
                            message: string | null;
                            /** @enum {string} */
                            outcome: "ready" | "warning" | "blocked" | "nothing";
                            plannedVersion: string | null;
                            poolId: string;
                            poolName: string;
                            reason: string | null;
                            region: string;
                            seq: number;
                            standardRevision?: number | null;
                            /** @enum {string} */
                            state: "pending" | "running" | "done" | "changed" | "failed" | "skipped" | "cancelled";
                            undoes?: string | null;
                            undoesBatch?: string;
                        }[];
                        outcomes: {
                            blocked: number;
                            nothing: number;
                            ready: number;
                            warning: number;
                        };
                        rolledBackBy?: string[];
                        standardRevision?: number | null;
                        startedAt: string | null;
                        states: {
                            cancelled: number;
                            changed: number;
                            done: number;
                            failed: number;
                            pending: number;
                            running: number;
                            skipped: number;
                        };
                        /** @enum {string} */
                        status: "planned" | "running" | "paused" | "interrupted" | "cancelled" | "finished";
                        title: string;
                        total: number;
                        undoesBatch?: string | null;
                        updatedAt: string;
                        warningsAcknowledged: boolean;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
    pauseBatch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                batchId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        createdAt: string;
                        createdBy: string | null;
                        finishedAt: string | null;
                        heldUntil?: string;
                        id: string;
                        items: {
                            accountId: string;
                            auditId: string | null;
                            before: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            } | null;
                            change: {
                                /**
                                 * @default {
                                 *       "action": "keep"
                                 *     }
                                 */
                                userAuthEvents: {
                                    /** @enum {string} */
                                    action: "keep";
                                } | {
                                    /** @enum {string} */
                                    action: "remove";
                                } | {
                                    /** @enum {string} */
                                    action: "set";
                                    destination: {
                                        arn: string;
                                        /** @enum {string} */
                                        kind: "logGroup" | "firehose" | "s3";
                                    };
                                } | {
                                    /** @enum {string} */
                                    action: "set-log-group";
                                    logGroupName: string;
                                };
                                /**
                                 * @default {
                                 *       "action": "keep"
                                 *     }
                                 */
                                userNotification: {
                                    /** @enum {string} */
                                    action: "keep";
                                } | {
                                    /** @enum {string} */
                                    action: "remove";
                                } | {
                                    /** @enum {string} */
                                    action: "set";
                                    destination: {
                                        arn: string;
                                        /** @enum {string} */
                                        kind: "logGroup" | "firehose" | "s3";
                                    };
                                } | {
                                    /** @enum {string} */
                                    action: "set-log-group";
                                    logGroupName: string;
                                };
                            };
                            creates?: {
                                arn: string;
                                /** @enum {string} */
                                eventSource: "userNotification" | "userAuthEvents";
                                /** @enum {string} */
                                kind: "logGroup";
                                name: string;
                            }[];
                            desired: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            } | null;
                            diff: {
                                after: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                before: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                /** @enum {string} */
                                change: "added" | "changed" | "removed" | "unchanged";
                                /** @enum {string} */
                                eventSource: "userNotification" | "userAuthEvents";
                            }[];
                            errors: {
                                message: string;
                                path: string;
                            }[];
                            findings: {
                                /** @enum {string} */
                                eventSource?: "userNotification" | "userAuthEvents";
                                fix?: {
                                    /** @enum {string} */
                                    action: "add-log-group-policy" | "tag-firehose-stream" | "add-bucket-policy" | "enable-threat-protection";
                                    label: string;
                                    target?: string;
                                };
                                id: string;
                                message: string;
                                /** @enum {string} */
                                severity: "block" | "warn";
                            }[];
                            finishedAt: string | null;
                            message: string | null;
                            /** @enum {string} */
                            outcome: "ready" | "warning" | "blocked" | "nothing";
                            plannedVersion: string | null;
                            poolId: string;
                            poolName: string;
                            reason: string | null;
                            region: string;
                            seq: number;
                            standardRevision?: number | null;
                            /** @enum {string} */
                            state: "pending" | "running" | "done" | "changed" | "failed" | "skipped" | "cancelled";
                            undoes?: string | null;
                            undoesBatch?: string;
                        }[];
                        outcomes: {
                            blocked: number;
                            nothing: number;
                            ready: number;
                            warning: number;
                        };
                        rolledBackBy?: string[];
                        standardRevision?: number | null;
                        startedAt: string | null;
                        states: {
                            cancelled: number;
                            changed: number;
                            done: number;
                            failed: number;
                            pending: number;
                            running: number;
                            skipped: number;
                        };
                        /** @enum {string} */
                        status: "planned" | "running" | "paused" | "interrupted" | "cancelled" | "finished";
                        title: string;
                        total: number;
                        undoesBatch?: string | null;
                        updatedAt: string;
                        warningsAcknowledged: boolean;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
    resumeBatch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                batchId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @default false */
                    acknowledgeWarnings?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        createdAt: string;
                        createdBy: string | null;
                        finishedAt: string | null;
                        heldUntil?: string;
                        id: string;
                        items: {
                            accountId: string;
                            auditId: string | null;
                            before: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            } | null;
                            change: {
                                /**
                                 * @default {
                                 *       "action": "keep"
                                 *     }
                                 */
                                userAuthEvents: {
                                    /** @enum {string} */
                                    action: "keep";
                                } | {
                                    /** @enum {string} */
                                    action: "remove";
                                } | {
                                    /** @enum {string} */
                                    action: "set";
                                    destination: {
                                        arn: string;
                                        /** @enum {string} */
                                        kind: "logGroup" | "firehose" | "s3";
                                    };
                                } | {
                                    /** @enum {string} */
                                    action: "set-log-group";
                                    logGroupName: string;
                                };
                                /**
                                 * @default {
                                 *       "action": "keep"
                                 *     }
                                 */
                                userNotification: {
                                    /** @enum {string} */
                                    action: "keep";
                                } | {
                                    /** @enum {string} */
                                    action: "remove";
                                } | {
                                    /** @enum {string} */
                                    action: "set";
                                    destination: {
                                        arn: string;
                                        /** @enum {string} */
                                        kind: "logGroup" | "firehose" | "s3";
                                    };
                                } | {
                                    /** @enum {string} */
                                    action: "set-log-group";
                                    logGroupName: string;
                                };
                            };
                            creates?: {
                                arn: string;
                                /** @enum {string} */
                                eventSource: "userNotification" | "userAuthEvents";
                                /** @enum {string} */
                                kind: "logGroup";
                                name: string;
                            }[];
                            desired: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            } | null;
                            diff: {
                                after: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                before: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                /** @enum {string} */
                                change: "added" | "changed" | "removed" | "unchanged";
                                /** @enum {string} */
                                eventSource: "userNotification" | "userAuthEvents";
                            }[];
                            errors: {
                                message: string;
                                path: string;
                            }[];
                            findings: {
                                /** @enum {string} */
                                eventSource?: "userNotification" | "userAuthEvents";
                                fix?: {
                                    /** @enum {string} */
                                    action: "add-log-group-policy" | "tag-firehose-stream" | "add-bucket-policy" | "enable-threat-protection";
                                    label: string;
                                    target?: string;
                                };
                                id: string;
                                message: string;
                                /** @enum {string} */
                                severity: "block" | "warn";
                            }[];
                            finishedAt: string | null;
                            message: string | null;
                            /** @enum {string} */
                            outcome: "ready" | "warning" | "blocked" | "nothing";
                            plannedVersion: string | null;
                            poolId: string;
                            poolName: string;
                            reason: string | null;
                            region: string;
                            seq: number;
                            standardRevision?: number | null;
                            /** @enum {string} */
                            state: "pending" | "running" | "done" | "changed" | "failed" | "skipped" | "cancelled";
                            undoes?: string | null;
                            undoesBatch?: string;
                        }[];
                        outcomes: {
                            blocked: number;
                            nothing: number;
                            ready: number;
                            warning: number;
                        };
                        rolledBackBy?: string[];
                        standardRevision?: number | null;
                        startedAt: string | null;
                        states: {
                            cancelled: number;
                            changed: number;
                            done: number;
                            failed: number;
                            pending: number;
                            running: number;
                            skipped: number;
                        };
                        /** @enum {string} */
                        status: "planned" | "running" | "paused" | "interrupted" | "cancelled" | "finished";
                        title: string;
                        total: number;
                        undoesBatch?: string | null;
                        updatedAt: string;
                        warningsAcknowledged: boolean;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
    previewBatchRollback: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                batchId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        batchId: string;
                        items: {
                            accountId: string;
                            before: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            } | null;
                            change: {
                                /**
                                 * @default {
                                 *       "action": "keep"
                                 *     }
                                 */
                                userAuthEvents: {
                                    /** @enum {string} */
                                    action: "keep";
                                } | {
                                    /** @enum {string} */
                                    action: "remove";
                                } | {
                                    /** @enum {string} */
                                    action: "set";
                                    destination: {
                                        arn: string;
                                        /** @enum {string} */
                                        kind: "logGroup" | "firehose" | "s3";
                                    };
                                } | {
                                    /** @enum {string} */
                                    action: "set-log-group";
                                    logGroupName: string;
                                };
                                /**
                                 * @default {
                                 *       "action": "keep"
                                 *     }
                                 */
                                userNotification: {
                                    /** @enum {string} */
                                    action: "keep";
                                } | {
                                    /** @enum {string} */
                                    action: "remove";
                                } | {
                                    /** @enum {string} */
                                    action: "set";
                                    destination: {
                                        arn: string;
                                        /** @enum {string} */
                                        kind: "logGroup" | "firehose" | "s3";
                                    };
                                } | {
                                    /** @enum {string} */
                                    action: "set-log-group";
                                    logGroupName: string;
                                };
                            };
                            creates?: {
                                arn: string;
                                /** @enum {string} */
                                eventSource: "userNotification" | "userAuthEvents";
                                /** @enum {string} */
                                kind: "logGroup";
                                name: string;
                            }[];
                            desired: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            } | null;
                            diff: {
                                after: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                before: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                /** @enum {string} */
                                change: "added" | "changed" | "removed" | "unchanged";
                                /** @enum {string} */
                                eventSource: "userNotification" | "userAuthEvents";
                            }[];
                            errors: {
                                message: string;
                                path: string;
                            }[];
                            findings: {
                                /** @enum {string} */
                                eventSource?: "userNotification" | "userAuthEvents";
                                fix?: {
                                    /** @enum {string} */
                                    action: "add-log-group-policy" | "tag-firehose-stream" | "add-bucket-policy" | "enable-threat-protection";
                                    label: string;
                                    target?: string;
                                };
                                id: string;
                                message: string;
                                /** @enum {string} */
                                severity: "block" | "warn";
                            }[];
                            /** @enum {string} */
                            outcome: "ready" | "warning" | "blocked" | "nothing";
                            plannedVersion: string | null;
                            poolId: string;
                            poolName: string;
                            reason: string | null;
                            region: string;
                            standardRevision?: number | null;
                            undoes?: string | null;
                            undoesBatch?: string;
                        }[];
                        outcomes: {
                            [key: string]: number;
                        };
                        title: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
    createBatchRollback: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                batchId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        createdAt: string;
                        createdBy: string | null;
                        finishedAt: string | null;
                        heldUntil?: string;
                        id: string;
                        items: {
                            accountId: string;
                            auditId: string | null;
                            before: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            } | null;
                            change: {
                                /**
                                 * @default {
                                 *       "action": "keep"
                                 *     }
                                 */
                                userAuthEvents: {
                                    /** @enum {string} */
                                    action: "keep";
                                } | {
                                    /** @enum {string} */
                                    action: "remove";
                                } | {
                                    /** @enum {string} */
                                    action: "set";
                                    destination: {
                                        arn: string;
                                        /** @enum {string} */
                                        kind: "logGroup" | "firehose" | "s3";
                                    };
                                } | {
                                    /** @enum {string} */
                                    action: "set-log-group";
                                    logGroupName: string;
                                };
                                /**
                                 * @default {
                                 *       "action": "keep"
                                 *     }
                                 */
                                userNotification: {
                                    /** @enum {string} */
                                    action: "keep";
                                } | {
                                    /** @enum {string} */
                                    action: "remove";
                                } | {
                                    /** @enum {string} */
                                    action: "set";
                                    destination: {
                                        arn: string;
                                        /** @enum {string} */
                                        kind: "logGroup" | "firehose" | "s3";
                                    };
                                } | {
                                    /** @enum {string} */
                                    action: "set-log-group";
                                    logGroupName: string;
                                };
                            };
                            creates?: {
                                arn: string;
                                /** @enum {string} */
                                eventSource: "userNotification" | "userAuthEvents";
                                /** @enum {string} */
                                kind: "logGroup";
                                name: string;
                            }[];
                            desired: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            } | null;
                            diff: {
                                after: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                before: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                /** @enum {string} */
                                change: "added" | "changed" | "removed" | "unchanged";
                                /** @enum {string} */
                                eventSource: "userNotification" | "userAuthEvents";
                            }[];
                            errors: {
                                message: string;
                                path: string;
                            }[];
                            findings: {
                                /** @enum {string} */
                                eventSource?: "userNotification" | "userAuthEvents";
                                fix?: {
                                    /** @enum {string} */
                                    action: "add-log-group-policy" | "tag-firehose-stream" | "add-bucket-policy" | "enable-threat-protection";
                                    label: string;
                                    target?: string;
                                };
                                id: string;
                                message: string;
                                /** @enum {string} */
                                severity: "block" | "warn";
                            }[];
                            finishedAt: string | null;
                            message: string | null;
                            /** @enum {string} */
                            outcome: "ready" | "warning" | "blocked" | "nothing";
                            plannedVersion: string | null;
                            poolId: string;
                            poolName: string;
                            reason: string | null;
                            region: string;
                            seq: number;
                            standardRevision?: number | null;
                            /** @enum {string} */
                            state: "pending" | "running" | "done" | "changed" | "failed" | "skipped" | "cancelled";
                            undoes?: string | null;
                            undoesBatch?: string;
                        }[];
                        outcomes: {
                            blocked: number;
                            nothing: number;
                            ready: number;
                            warning: number;
                        };
                        rolledBackBy?: string[];
                        standardRevision?: number | null;
                        startedAt: string | null;
                        states: {
                            cancelled: number;
                            changed: number;
                            done: number;
                            failed: number;
                            pending: number;
                            running: number;
                            skipped: number;
                        };
                        /** @enum {string} */
                        status: "planned" | "running" | "paused" | "interrupted" | "cancelled" | "finished";
                        title: string;
                        total: number;
                        undoesBatch?: string | null;
                        updatedAt: string;
                        warningsAcknowledged: boolean;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
    startBatch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                batchId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @default false */
                    acknowledgeWarnings?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        createdAt: string;
                        createdBy: string | null;
                        finishedAt: string | null;
                        heldUntil?: string;
                        id: string;
                        items: {
                            accountId: string;
                            auditId: string | null;
                            before: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            } | null;
                            change: {
                                /**
                                 * @default {
                                 *       "action": "keep"
                                 *     }
                                 */
                                userAuthEvents: {
                                    /** @enum {string} */
                                    action: "keep";
                                } | {
                                    /** @enum {string} */
                                    action: "remove";
                                } | {
                                    /** @enum {string} */
                                    action: "set";
                                    destination: {
                                        arn: string;
                                        /** @enum {string} */
                                        kind: "logGroup" | "firehose" | "s3";
                                    };
                                } | {
                                    /** @enum {string} */
                                    action: "set-log-group";
                                    logGroupName: string;
                                };
                                /**
                                 * @default {
                                 *       "action": "keep"
                                 *     }
                                 */
                                userNotification: {
                                    /** @enum {string} */
                                    action: "keep";
                                } | {
                                    /** @enum {string} */
                                    action: "remove";
                                } | {
                                    /** @enum {string} */
                                    action: "set";
                                    destination: {
                                        arn: string;
                                        /** @enum {string} */
                                        kind: "logGroup" | "firehose" | "s3";
                                    };
                                } | {
                                    /** @enum {string} */
                                    action: "set-log-group";
                                    logGroupName: string;
                                };
                            };
                            creates?: {
                                arn: string;
                                /** @enum {string} */
                                eventSource: "userNotification" | "userAuthEvents";
                                /** @enum {string} */
                                kind: "logGroup";
                                name: string;
                            }[];
                            desired: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            } | null;
                            diff: {
                                after: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                before: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                /** @enum {string} */
                                change: "added" | "changed" | "removed" | "unchanged";
                                /** @enum {string} */
                                eventSource: "userNotification" | "userAuthEvents";
                            }[];
                            errors: {
                                message: string;
                                path: string;
                            }[];
                            findings: {
                                /** @enum {string} */
                                eventSource?: "userNotification" | "userAuthEvents";
                                fix?: {
                                    /** @enum {string} */
                                    action: "add-log-group-policy" | "tag-firehose-stream" | "add-bucket-policy" | "enable-threat-protection";
                                    label: string;
                                    target?: string;
                                };
                                id: string;
                                message: string;
                                /** @enum {string} */
                                severity: "block" | "warn";
                            }[];
                            finishedAt: string | null;
                            message: string | null;
                            /** @enum {string} */
                            outcome: "ready" | "warning" | "blocked" | "nothing";
                            plannedVersion: string | null;
                            poolId: string;
                            poolName: string;
                            reason: string | null;
                            region: string;
                            seq: number;
                            standardRevision?: number | null;
                            /** @enum {string} */
                            state: "pending" | "running" | "done" | "changed" | "failed" | "skipped" | "cancelled";
                            undoes?: string | null;
                            undoesBatch?: string;
                        }[];
                        outcomes: {
                            blocked: number;
                            nothing: number;
                            ready: number;
                            warning: number;
                        };
                        rolledBackBy?: string[];
                        standardRevision?: number | null;
                        startedAt: string | null;
                        states: {
                            cancelled: number;
                            changed: number;
                            done: number;
                            failed: number;
                            pending: number;
                            running: number;
                            skipped: number;
                        };
                        /** @enum {string} */
                        status: "planned" | "running" | "paused" | "interrupted" | "cancelled" | "finished";
                        title: string;
                        total: number;
                        undoesBatch?: string | null;
                        updatedAt: string;
                        warningsAcknowledged: boolean;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
    listDestinations: {
        parameters: {
            query: {
                account?: string;
                cursor?: string;
                kind: "logGroup" | "firehose" | "s3";
                limit?: number;
                q?: string;
                region: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: ({
                            accountId: string;
                            arn: string;
                            checkedAt?: string;
                            createdAt: string | null;
                            dataProtectionStatus?: string | null;
                            /** @enum {string} */
                            deliveryPolicy: "present" | "missing" | "unknown";
                            deliveryPolicyScope?: ("log-group" | "account") | null;
                            /** @enum {string} */
                            kind: "logGroup";
                            kmsKeyId: string | null;
                            logGroupClass: string | null;
                            logGroupPolicyDocument?: string | null;
                            name: string;
                            region: string;
                            retentionInDays: number | null;
                        } | {
                            accountId: string;
                            arn: string;
                            bucketArn?: string | null;
                            checkedAt?: string;
                            createdAt?: string | null;
                            deliveryStreamType: string;
                            destinationSummary: string;
                            /** @enum {string} */
                            destinationType: "s3" | "http" | "other";
                            encryption?: {
                                keyArn: string | null;
                                keyType: string | null;
                                status: string;
                            } | null;
                            /** @enum {string} */
                            kind: "firehose";
                            logDeliveryEnabledTag: boolean;
                            name: string;
                            region: string;
                            status: string;
                            tags?: {
                                [key: string]: string;
                            };
                        } | {
                            arn: string;
                            bucketKeyEnabled?: boolean | null;
                            checkedAt?: string;
                            /** @enum {string} */
                            deliveryPolicy: "present" | "missing" | "unknown";
                            encryption: string | null;
                            /** @enum {string} */
                            kind: "s3";
                            kmsKeyId?: string | null;
                            kmsKeyManager?: ("AWS" | "CUSTOMER" | "unknown") | null;
                            name: string;
                            region: string | null;
                        })[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
    getBucketAvailability: {
        parameters: {
            query: {
                accountId?: string;
                name: string;
                poolId: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        message: string;
                        name: string;
                        /** @enum {string} */
                        state: "free" | "ours" | "taken" | "invalid";
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
    planDestination: {
        parameters: {
            query?: {
                runId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": unknown;
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        plan: {
                            apiActivity?: {
                                trail: {
                                    howTo: {
                                        cli: string[];
                                        consoleUrl: string;
                                    } | null;
                                    message: string;
                                    /** @enum {string} */
                                    state: "recording" | "none" | "unknown";
                                    trailName: string | null;
                                } | null;
                            };
                            changesToExisting: string[];
                            destination: {
                                arn: string;
                                /** @enum {string} */
                                kind: "logGroup" | "firehose" | "s3";
                                name: string;
                            };
                            /** @enum {string} */
                            eventSource: "userNotification" | "userAuthEvents";
                            existing: {
                                differences: string[];
                                message: string;
                                name: string;
                                /** @enum {string} */
                                state: "new" | "reuse" | "conflict";
                                /** @enum {string} */
                                type: "logGroup" | "resourcePolicy" | "bucket" | "bucketPolicy" | "role" | "rolePolicy" | "stream" | "rule" | "trail";
                            }[];
                            /** @enum {string} */
                            kind: "logGroup" | "firehose" | "s3";
                            notes: string[];
                            permissions: string[];
                            region: string;
                            steps: {
                                calls: {
                                    call: string;
                                    permissions: string[];
                                }[];
                                detail: string;
                                /** @enum {string} */
                                id: "create-log-group" | "set-retention" | "log-group-policy" | "check-bucket" | "create-bucket" | "block-public-access" | "bucket-lifecycle" | "bucket-policy" | "create-role" | "role-policy" | "create-stream" | "wait-stream-active" | "check-stream" | "check-trail" | "create-events-role" | "events-role-policy" | "create-rule" | "put-targets";
                                resource: {
                                    arn: string | null;
                                    name: string;
                                    /** @enum {string} */
                                    type: "logGroup" | "resourcePolicy" | "bucket" | "bucketPolicy" | "role" | "rolePolicy" | "stream" | "rule" | "trail";
                                };
                                title: string;
                                undo: string;
                            }[];
                            tags: {
                                [key: string]: string;
                            };
                            token: string | null;
                        };
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
    listDestinationRuns: {
        parameters: {
            query?: {
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        runs: {
                            attempts: number;
                            createdAt: string;
                            destination: {
                                arn: string;
                                /** @enum {string} */
                                kind: "logGroup" | "firehose" | "s3";
                                name: string;
                            };
                            /** @enum {string} */
                            eventSource: "userNotification" | "userAuthEvents";
                            id: string;
                            /** @enum {string} */
                            kind: "logGroup" | "firehose" | "s3";
                            poolId: string;
                            region: string;
                            /** @enum {string} */
                            status: "running" | "succeeded" | "failed" | "cleaning" | "cleaned" | "cleanup-failed";
                            updatedAt: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
    startDestinationRun: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    input: unknown;
                    planToken?: string;
                    runId?: unknown;
                };
            };
        };
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        run: {
                            attempts: number;
                            createdAt: string;
                            destination: {
                                arn: string;
                                /** @enum {string} */
                                kind: "logGroup" | "firehose" | "s3";
                                name: string;
                            };
                            /** @enum {string} */
                            eventSource: "userNotification" | "userAuthEvents";
                            id: string;
                            input: {
                                [key: string]: unknown;
                            };
                            /** @enum {string} */
                            kind: "logGroup" | "firehose" | "s3";
                            poolId: string;
                            region: string;
                            /** @enum {string} */
                            status: "running" | "succeeded" | "failed" | "cleaning" | "cleaned" | "cleanup-failed";
                            steps: {
                                calls: {
                                    call: string;
                                    permissions: string[];
                                }[];
                                /** @enum {string} */
                                cleanup: "none" | "done" | "failed";
                                cleanupMessage: string | null;
                                createdByRun: boolean;
                                detail: string;
                                error: {
                                    code: string;
                                    hint?: string;
                                    message: string;
                                    requestId: string | null;
                                } | null;
                                finishedAt: string | null;
                                /** @enum {string} */
                                id: "create-log-group" | "set-retention" | "log-group-policy" | "check-bucket" | "create-bucket" | "block-public-access" | "bucket-lifecycle" | "bucket-policy" | "create-role" | "role-policy" | "create-stream" | "wait-stream-active" | "check-stream" | "check-trail" | "create-events-role" | "events-role-policy" | "create-rule" | "put-targets";
                                message: string | null;
                                resource: {
                                    arn: string | null;
                                    name: string;
                                    /** @enum {string} */
                                    type: "logGroup" | "resourcePolicy" | "bucket" | "bucketPolicy" | "role" | "rolePolicy" | "stream" | "rule" | "trail";
                                };
                                startedAt: string | null;
                                /** @enum {string} */
                                status: "pending" | "running" | "done" | "failed" | "skipped";
                                title: string;
                                undo: string;
                            }[];
                            updatedAt: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
    getDestinationRun: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        run: {
                            attempts: number;
                            createdAt: string;
                            destination: {
                                arn: string;
                                /** @enum {string} */
                                kind: "logGroup" | "firehose" | "s3";
                                name: string;
                            };
                            /** @enum {string} */
                            eventSource: "userNotification" | "userAuthEvents";
                            id: string;
                            input: {
                                [key: string]: unknown;
                            };
                            /** @enum {string} */
                            kind: "logGroup" | "firehose" | "s3";
                            poolId: string;
                            region: string;
                            /** @enum {string} */
                            status: "running" | "succeeded" | "failed" | "cleaning" | "cleaned" | "cleanup-failed";
                            steps: {
                                calls: {
                                    call: string;
                                    permissions: string[];
                                }[];
                                /** @enum {string} */
                                cleanup: "none" | "done" | "failed";
                                cleanupMessage: string | null;
                                createdByRun: boolean;
                                detail: string;
                                error: {
                                    code: string;
                                    hint?: string;
                                    message: string;
                                    requestId: string | null;
                                } | null;
                                finishedAt: string | null;
                                /** @enum {string} */
                                id: "create-log-group" | "set-retention" | "log-group-policy" | "check-bucket" | "create-bucket" | "block-public-access" | "bucket-lifecycle" | "bucket-policy" | "create-role" | "role-policy" | "create-stream" | "wait-stream-active" | "check-stream" | "check-trail" | "create-events-role" | "events-role-policy" | "create-rule" | "put-targets";
                                message: string | null;
                                resource: {
                                    arn: string | null;
                                    name: string;
                                    /** @enum {string} */
                                    type: "logGroup" | "resourcePolicy" | "bucket" | "bucketPolicy" | "role" | "rolePolicy" | "stream" | "rule" | "trail";
                                };
                                startedAt: string | null;
                                /** @enum {string} */
                                status: "pending" | "running" | "done" | "failed" | "skipped";
                                title: string;
                                undo: string;
                            }[];
                            updatedAt: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
    cleanUpDestinationRun: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        run: {
                            attempts: number;
                            createdAt: string;
                            destination: {
                                arn: string;
                                /** @enum {string} */
                                kind: "logGroup" | "firehose" | "s3";
                                name: string;
                            };
                            /** @enum {string} */
                            eventSource: "userNotification" | "userAuthEvents";
                            id: string;
                            input: {
                                [key: string]: unknown;
                            };
                            /** @enum {string} */
                            kind: "logGroup" | "firehose" | "s3";
                            poolId: string;
                            region: string;
                            /** @enum {string} */
                            status: "running" | "succeeded" | "failed" | "cleaning" | "cleaned" | "cleanup-failed";
                            steps: {
                                calls: {
                                    call: string;
                                    permissions: string[];
                                }[];
                                /** @enum {string} */
                                cleanup: "none" | "done" | "failed";
                                cleanupMessage: string | null;
                                createdByRun: boolean;
                                detail: string;
                                error: {
                                    code: string;
                                    hint?: string;
                                    message: string;
                                    requestId: string | null;
                                } | null;
                                finishedAt: string | null;
                                /** @enum {string} */
                                id: "create-log-group" | "set-retention" | "log-group-policy" | "check-bucket" | "create-bucket" | "block-public-access" | "bucket-lifecycle" | "bucket-policy" | "create-role" | "role-policy" | "create-stream" | "wait-stream-active" | "check-stream" | "check-trail" | "create-events-role" | "events-role-policy" | "create-rule" | "put-targets";
                                message: string | null;
                                resource: {
                                    arn: string | null;
                                    name: string;
                                    /** @enum {string} */
                                    type: "logGroup" | "resourcePolicy" | "bucket" | "bucketPolicy" | "role" | "rolePolicy" | "stream" | "rule" | "trail";
                                };
                                startedAt: string | null;
                                /** @enum {string} */
                                status: "pending" | "running" | "done" | "failed" | "skipped";
                                title: string;
                                undo: string;
                            }[];
                            updatedAt: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
    getFleetDelivery: {
        parameters: {
            query?: {
                account?: string | string[];
                compliance?: "compliant" | "drift" | "cannot-comply" | "exempt" | "not-governed" | "unknown";
                delivery?: "delivering" | "silent" | "idle" | "failing" | "not-configured" | "not-applicable" | "unknown";
                deliverySource?: "userNotification" | "userAuthEvents";
                destinationKind?: "logGroup" | "firehose" | "s3";
                exporting?: "none" | "any";
                hasWarnings?: "true" | "false";
                limit?: number;
                offset?: number;
                ou?: string;
                q?: string;
                region?: string | string[];
                sort?: "name" | "id" | "region" | "account" | "ou" | "tier" | "threatProtection" | "findings" | "-name" | "-id" | "-region" | "-account" | "-ou" | "-tier" | "-threatProtection" | "-findings";
                tier?: "LITE" | "ESSENTIALS" | "PLUS";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            accountId: string;
                            checkedAt: string;
                            poolId: string;
                            sources: {
                                userAuthEvents: {
                                    message: string;
                                    reasonId: string;
                                    /** @enum {string} */
                                    state: "delivering" | "silent" | "idle" | "failing" | "not-configured" | "not-applicable" | "unknown";
                                };
                                userNotification: {
                                    message: string;
                                    reasonId: string;
                                    /** @enum {string} */
                                    state: "delivering" | "silent" | "idle" | "failing" | "not-configured" | "not-applicable" | "unknown";
                                };
                            };
                        }[];
                        progress: {
                            done: number;
                            due: number;
                            /** @enum {string} */
                            state: "checking" | "ready";
                        };
                        summary: {
                            any: {
                                delivering: number;
                                failing: number;
                                idle: number;
                                "not-applicable": number;
                                "not-configured": number;
                                silent: number;
                                unknown: number;
                            };
                            bySource: {
                                userAuthEvents: {
                                    delivering: number;
                                    failing: number;
                                    idle: number;
                                    "not-applicable": number;
                                    "not-configured": number;
                                    silent: number;
                                    unknown: number;
                                };
                                userNotification: {
                                    delivering: number;
                                    failing: number;
                                    idle: number;
                                    "not-applicable": number;
                                    "not-configured": number;
                                    silent: number;
                                    unknown: number;
                                };
                            };
                            checked: number;
                            plusWithoutActivity: number;
                            pools: number;
                        };
                        window: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
    exportFleetFindings: {
        parameters: {
            query: {
                account?: string | string[];
                compliance?: "compliant" | "drift" | "cannot-comply" | "exempt" | "not-governed" | "unknown";
                delivery?: "delivering" | "silent" | "idle" | "failing" | "not-configured" | "not-applicable" | "unknown";
                deliverySource?: "userNotification" | "userAuthEvents";
                destinationKind?: "logGroup" | "firehose" | "s3";
                exporting?: "none" | "any";
                format: "csv" | "json" | "asff";
                hasWarnings?: "true" | "false";
                ou?: string;
                q?: string;
                region?: string | string[];
                tier?: "LITE" | "ESSENTIALS" | "PLUS";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    getFreshness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        enabled: boolean;
                        places: {
                            accountId: string;
                            checkedAt: string | null;
                            eventsHandled: number;
                            eventsSince: string | null;
                            lastEventAt: string | null;
                            malformed: number;
                            /** @enum {string} */
                            mode: "events" | "sweep" | "checking";
                            reason: string | null;
                            region: string;
                            retentionSeconds: number | null;
                        }[];
                        sweep: {
                            intervalSeconds: number;
                            lastCompletedAt: string | null;
                            lastStartedAt: string | null;
                            nextAt: string | null;
                            poolsRead: number;
                            readsPerMinute: number;
                            running: boolean;
                        };
                        ttlReplaced: boolean;
                    };
                };
            };
        };
    };
    getFreshnessPlan: {
        parameters: {
            query: {
                accountId: string;
                region: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        accountId: string;
                        canRun: boolean;
                        eventPattern: string;
                        prerequisites: {
                            hint: string | null;
                            ok: boolean;
                            title: string;
                        }[];
                        queueName: string;
                        region: string;
                        ruleName: string;
                        steps: {
                            /** @enum {string} */
                            id: "create-queue" | "set-queue-policy" | "put-rule" | "put-target";
                            permissions: string[];
                            /** @enum {string} */
                            state: "done" | "todo" | "blocked";
                            title: string;
                            why: string | null;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
    setUpFreshness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    accountId: string;
                    region: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        place: {
                            accountId: string;
                            checkedAt: string | null;
                            eventsHandled: number;
                            eventsSince: string | null;
                            lastEventAt: string | null;
                            malformed: number;
                            /** @enum {string} */
                            mode: "events" | "sweep" | "checking";
                            reason: string | null;
                            region: string;
                            retentionSeconds: number | null;
                        };
                        plan: {
                            accountId: string;
                            canRun: boolean;
                            eventPattern: string;
                            prerequisites: {
                                hint: string | null;
                                ok: boolean;
                                title: string;
                            }[];
                            queueName: string;
                            region: string;
                            ruleName: string;
                            steps: {
                                /** @enum {string} */
                                id: "create-queue" | "set-queue-policy" | "put-rule" | "put-target";
                                permissions: string[];
                                /** @enum {string} */
                                state: "done" | "todo" | "blocked";
                                title: string;
                                why: string | null;
                            }[];
                        };
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
    refreshFleet: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        accounts?: {
                            accountId: string;
                            error?: {
                                code: string;
                                message: string;
                                whatToDo: string;
                            };
                            name: string;
                            ouPath: string | null;
                            own: boolean;
                            regions: {
                                message?: string;
                                region: string;
                                /** @enum {string} */
                                status: "ok" | "not-enabled" | "error" | "pending";
                            }[];
                            roleArn: string | null;
                            /** @enum {string} */
                            status: "ok" | "error" | "pending";
                        }[];
                        accountsError?: {
                            code: string;
                            message: string;
                            whatToDo: string;
                        };
                        asOf?: string | null;
                        completedAt: string | null;
                        failed: number;
                        loaded: number;
                        ouPathsError?: {
                            code: string;
                            message: string;
                            whatToDo: string;
                        };
                        refreshing?: number;
                        regionErrors?: {
                            message: string;
                            region: string;
                        }[];
                        restoredAt?: string;
                        startedAt: string | null;
                        /** @enum {string} */
                        state: "idle" | "loading" | "ready";
                        total: number | null;
                    };
                };
            };
        };
    };
    getFleetStatus: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        accounts?: {
                            accountId: string;
                            error?: {
                                code: string;
                                message: string;
                                whatToDo: string;
                            };
                            name: string;
                            ouPath: string | null;
                            own: boolean;
                            regions: {
                                message?: string;
                                region: string;
                                /** @enum {string} */
                                status: "ok" | "not-enabled" | "error" | "pending";
                            }[];
                            roleArn: string | null;
                            /** @enum {string} */
                            status: "ok" | "error" | "pending";
                        }[];
                        accountsError?: {
                            code: string;
                            message: string;
                            whatToDo: string;
                        };
                        asOf?: string | null;
                        completedAt: string | null;
                        failed: number;
                        loaded: number;
                        ouPathsError?: {
                            code: string;
                            message: string;
                            whatToDo: string;
                        };
                        refreshing?: number;
                        regionErrors?: {
                            message: string;
                            region: string;
                        }[];
                        restoredAt?: string;
                        startedAt: string | null;
                        /** @enum {string} */
                        state: "idle" | "loading" | "ready";
                        total: number | null;
                    };
                };
            };
        };
    };
    listWebhooks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            createdAt: string;
                            createdBy: string | null;
                            display: string;
                            enabled: boolean;
                            events: ("pool.blocking" | "pool.delivery" | "pool.drift" | "batch.finished")[];
                            /** @enum {string} */
                            format: "generic" | "slack";
                            id: string;
                            name: string;
                            origin: string;
                        }[];
                    };
                };
            };
        };
    };
    addWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    events: ("pool.blocking" | "pool.delivery" | "pool.drift" | "batch.finished")[];
                    /** @enum {string} */
                    format: "generic" | "slack";
                    name: string;
                    url: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        createdAt: string;
                        createdBy: string | null;
                        display: string;
                        enabled: boolean;
                        events: ("pool.blocking" | "pool.delivery" | "pool.drift" | "batch.finished")[];
                        /** @enum {string} */
                        format: "generic" | "slack";
                        id: string;
                        name: string;
                        origin: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
    removeWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                webhookId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
    updateWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                webhookId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    enabled?: boolean;
                    events?: ("pool.blocking" | "pool.delivery" | "pool.drift" | "batch.finished")[];
                    name?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        createdAt: string;
                        createdBy: string | null;
                        display: string;
                        enabled: boolean;
                        events: ("pool.blocking" | "pool.delivery" | "pool.drift" | "batch.finished")[];
                        /** @enum {string} */
                        format: "generic" | "slack";
                        id: string;
                        name: string;
                        origin: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
    listWebhookAttempts: {
        parameters: {
            query?: {
                limit?: number;
            };
            header?: never;
            path: {
                webhookId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            at: string;
                            attempt: number;
                            error: string | null;
                            eventId: string;
                            eventType: string;
                            id: string;
                            ok: boolean;
                            retryInMs: number | null;
                            statusCode: number | null;
                            webhookId: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
    testWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                webhookId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        attempt: {
                            at: string;
                            attempt: number;
                            error: string | null;
                            eventId: string;
                            eventType: string;
                            id: string;
                            ok: boolean;
                            retryInMs: number | null;
                            statusCode: number | null;
                            webhookId: string;
                        };
                        eventId: string;
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
    getOpenApi: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    listPools: {
        parameters: {
            query?: {
                account?: string | string[];
                compliance?: "compliant" | "drift" | "cannot-comply" | "exempt" | "not-governed" | "unknown";
                delivery?: "delivering" | "silent" | "idle" | "failing" | "not-configured" | "not-applicable" | "unknown";
                deliverySource?: "userNotification" | "userAuthEvents";
                destinationKind?: "logGroup" | "firehose" | "s3";
                exporting?: "none" | "any";
                hasWarnings?: "true" | "false";
                limit?: number;
                offset?: number;
                ou?: string;
                q?: string;
                region?: string | string[];
                sort?: "name" | "id" | "region" | "account" | "ou" | "tier" | "threatProtection" | "findings" | "-name" | "-id" | "-region" | "-account" | "-ou" | "-tier" | "-threatProtection" | "-findings";
                tier?: "LITE" | "ESSENTIALS" | "PLUS";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        fleet: {
                            accounts?: {
                                accountId: string;
                                error?: {
                                    code: string;
                                    message: string;
                                    whatToDo: string;
                                };
                                name: string;
                                ouPath: string | null;
                                own: boolean;
                                regions: {
                                    message?: string;
                                    region: string;
                                    /** @enum {string} */
                                    status: "ok" | "not-enabled" | "error" | "pending";
                                }[];
                                roleArn: string | null;
                                /** @enum {string} */
                                status: "ok" | "error" | "pending";
                            }[];
                            accountsError?: {
                                code: string;
                                message: string;
                                whatToDo: string;
                            };
                            asOf?: string | null;
                            completedAt: string | null;
                            failed: number;
                            loaded: number;
                            ouPathsError?: {
                                code: string;
                                message: string;
                                whatToDo: string;
                            };
                            refreshing?: number;
                            regionErrors?: {
                                message: string;
                                region: string;
                            }[];
                            restoredAt?: string;
                            startedAt: string | null;
                            /** @enum {string} */
                            state: "idle" | "loading" | "ready";
                            total: number | null;
                        };
                        items: {
                            accountId: string;
                            accountName: string;
                            findings: {
                                count: number;
                                worst: ("block" | "warn") | null;
                            };
                            id: string;
                            logging: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                    name: string;
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                    name: string;
                                } | null;
                            };
                            name: string;
                            ouPath: string | null;
                            readAt?: string;
                            readError?: string;
                            /** @enum {string} */
                            readState: "ok" | "pending" | "unknown";
                            refreshing?: boolean;
                            region: string;
                            threatProtection: ("OFF" | "AUDIT" | "ENFORCED") | null;
                            tier: ("LITE" | "ESSENTIALS" | "PLUS") | null;
                        }[];
                        limit: number;
                        offset: number;
                        total: number;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
    exportPoolsAsCode: {
        parameters: {
            query: {
                destinations?: "arn" | "data";
                format: "terraform" | "cloudformation" | "cli";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    filters?: {
                        account?: string | string[];
                        /** @enum {string} */
                        compliance?: "compliant" | "drift" | "cannot-comply" | "exempt" | "not-governed" | "unknown";
                        /** @enum {string} */
                        delivery?: "delivering" | "silent" | "idle" | "failing" | "not-configured" | "not-applicable" | "unknown";
                        /** @enum {string} */
                        deliverySource?: "userNotification" | "userAuthEvents";
                        /** @enum {string} */
                        destinationKind?: "logGroup" | "firehose" | "s3";
                        /** @enum {string} */
                        exporting?: "none" | "any";
                        /** @enum {string} */
                        hasWarnings?: "true" | "false";
                        ou?: string;
                        q?: string;
                        region?: string | string[];
                        /** @enum {string} */
                        tier?: "LITE" | "ESSENTIALS" | "PLUS";
                    };
                    pools?: {
                        accountId: string;
                        poolId: string;
                    }[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        content: string;
                        filename: string;
                        /** @enum {string} */
                        format: "terraform" | "cloudformation" | "cli";
                        mediaType: string;
                        pools: number;
                        warnings: string[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
    getRegions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        accountId: string | null;
                        /** @enum {string} */
                        mode: "sandbox" | "aws";
                        regions: string[];
                    };
                };
            };
            /** @description Default Response */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
    getSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        csrfToken: string;
                        operator: {
                            /** @enum {string} */
                            role: "viewer" | "admin";
                            username: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
    signIn: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    password: string;
                    username: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        csrfToken: string;
                        operator: {
                            /** @enum {string} */
                            role: "viewer" | "admin";
                            username: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
    signOut: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        endSessionUrl: string;
                    };
                };
            };
            /** @description Signed out */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    getSignInMethods: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        password: boolean;
                        sso: {
                            name: string;
                            startUrl: string;
                        } | null;
                    };
                };
            };
        };
    };
    getStandard: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        revision: number;
                        standard: {
                            rules: {
                                name: string;
                                scope: {
                                    accounts: string[];
                                    namePattern: string;
                                    ous: string[];
                                    regions: string[];
                                    tags: {
                                        key: string;
                                        value?: string;
                                    }[];
                                    tiers: ("LITE" | "ESSENTIALS" | "PLUS")[];
                                };
                                sources: {
                                    userAuthEvents: ({
                                        destinations: {
                                            arn: string;
                                            region: string;
                                        }[];
                                        /** @enum {string} */
                                        type: "existing";
                                    } | {
                                        /** @enum {string} */
                                        kind: "logGroup";
                                        nameTemplate: string;
                                        /** @enum {string} */
                                        type: "create";
                                    }) | null;
                                    userNotification: ({
                                        destinations: {
                                            arn: string;
                                            region: string;
                                        }[];
                                        /** @enum {string} */
                                        type: "existing";
                                    } | {
                                        /** @enum {string} */
                                        kind: "logGroup";
                                        nameTemplate: string;
                                        /** @enum {string} */
                                        type: "create";
                                    }) | null;
                                };
                            }[];
                        };
                        updatedAt: string | null;
                        updatedBy: string | null;
                    };
                };
            };
        };
    };
    putStandard: {
        parameters: {
            query?: never;
            header?: {
                "if-match"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    rules: {
                        name: string;
                        scope: {
                            accounts: string[];
                            namePattern: string;
                            ous: string[];
                            regions: string[];
                            tags: {
                                key: string;
                                value?: string;
                            }[];
                            tiers: ("LITE" | "ESSENTIALS" | "PLUS")[];
                        };
                        sources: {
                            userAuthEvents: ({
                                destinations: {
                                    arn: string;
                                    region: string;
                                }[];
                                /** @enum {string} */
                                type: "existing";
                            } | {
                                /** @enum {string} */
                                kind: "logGroup";
                                nameTemplate: string;
                                /** @enum {string} */
                                type: "create";
                            }) | null;
                            userNotification: ({
                                destinations: {
                                    arn: string;
                                    region: string;
                                }[];
                                /** @enum {string} */
                                type: "existing";
                            } | {
                                /** @enum {string} */
                                kind: "logGroup";
                                nameTemplate: string;
                                /** @enum {string} */
                                type: "create";
                            }) | null;
                        };
                    }[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        revision: number;
                        standard: {
                            rules: {
                                name: string;
                                scope: {
                                    accounts: string[];
                                    namePattern: string;
                                    ous: string[];
                                    regions: string[];
                                    tags: {
                                        key: string;
                                        value?: string;
                                    }[];
                                    tiers: ("LITE" | "ESSENTIALS" | "PLUS")[];
                                };
                                sources: {
                                    userAuthEvents: ({
                                        destinations: {
                                            arn: string;
                                            region: string;
                                        }[];
                                        /** @enum {string} */
                                        type: "existing";
                                    } | {
                                        /** @enum {string} */
                                        kind: "logGroup";
                                        nameTemplate: string;
                                        /** @enum {string} */
                                        type: "create";
                                    }) | null;
                                    userNotification: ({
                                        destinations: {
                                            arn: string;
                                            region: string;
                                        }[];
                                        /** @enum {string} */
                                        type: "existing";
                                    } | {
                                        /** @enum {string} */
                                        kind: "logGroup";
                                        nameTemplate: string;
                                        /** @enum {string} */
                                        type: "create";
                                    }) | null;
                                };
                            }[];
                        };
                        updatedAt: string | null;
                        updatedBy: string | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
    getStandardEvaluation: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                state?: "compliant" | "drift" | "cannot-comply" | "exempt" | "not-governed" | "unknown";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        counts: {
                            "cannot-comply": number;
                            compliant: number;
                            drift: number;
                            exempt: number;
                            "not-governed": number;
                            unknown: number;
                        };
                        evaluatedAt: string;
                        items: {
                            accountId: string;
                            exemption: {
                                expiresAt: string | null;
                                id: string;
                                reason: string;
                            } | null;
                            poolId: string;
                            poolName: string;
                            region: string;
                            sources: {
                                /** @enum {string} */
                                change: "added" | "changed" | "removed" | "unchanged";
                                create: boolean;
                                current: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                desired: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                /** @enum {string} */
                                eventSource: "userNotification" | "userAuthEvents";
                                reasons: {
                                    /** @enum {string} */
                                    id: "tier" | "threat-protection-off" | "destination-unusable" | "no-destination-in-region";
                                    message: string;
                                }[];
                                rule: string;
                            }[];
                            /** @enum {string} */
                            state: "compliant" | "drift" | "cannot-comply" | "exempt" | "not-governed" | "unknown";
                        }[];
                        revision: number;
                        total: number;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
    listExemptions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            createdAt: string;
                            createdBy: string | null;
                            expired: boolean;
                            expiresAt: string | null;
                            id: string;
                            reason: string;
                            revision: number;
                            target: {
                                poolId: string;
                                /** @enum {string} */
                                type: "pool";
                            } | {
                                pattern: string;
                                /** @enum {string} */
                                type: "pattern";
                            };
                            updatedAt: string;
                            updatedBy: string | null;
                        }[];
                    };
                };
            };
        };
    };
    createExemption: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    expiresAt: string | null;
                    reason: string;
                    target: {
                        poolId: string;
                        /** @enum {string} */
                        type: "pool";
                    } | {
                        pattern: string;
                        /** @enum {string} */
                        type: "pattern";
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        createdAt: string;
                        createdBy: string | null;
                        expired: boolean;
                        expiresAt: string | null;
                        id: string;
                        reason: string;
                        revision: number;
                        target: {
                            poolId: string;
                            /** @enum {string} */
                            type: "pool";
                        } | {
                            pattern: string;
                            /** @enum {string} */
                            type: "pattern";
                        };
                        updatedAt: string;
                        updatedBy: string | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
    getExemption: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        createdAt: string;
                        createdBy: string | null;
                        expired: boolean;
                        expiresAt: string | null;
                        id: string;
                        reason: string;
                        revision: number;
                        target: {
                            poolId: string;
                            /** @enum {string} */
                            type: "pool";
                        } | {
                            pattern: string;
                            /** @enum {string} */
                            type: "pattern";
                        };
                        updatedAt: string;
                        updatedBy: string | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
    updateExemption: {
        parameters: {
            query?: never;
            header?: {
                "if-match"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    expiresAt: string | null;
                    reason: string;
                    target: {
                        poolId: string;
                        /** @enum {string} */
                        type: "pool";
                    } | {
                        pattern: string;
                        /** @enum {string} */
                        type: "pattern";
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        createdAt: string;
                        createdBy: string | null;
                        expired: boolean;
                        expiresAt: string | null;
                        id: string;
                        reason: string;
                        revision: number;
                        target: {
                            poolId: string;
                            /** @enum {string} */
                            type: "pool";
                        } | {
                            pattern: string;
                            /** @enum {string} */
                            type: "pattern";
                        };
                        updatedAt: string;
                        updatedBy: string | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
    deleteExemption: {
        parameters: {
            query?: never;
            header?: {
                "if-match"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
    listSavedViews: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            canDelete: boolean;
                            canRename: boolean;
                            createdAt: string;
                            id: string;
                            name: string;
                            owner: string;
                            params: {
                                [key: string]: string;
                            };
                            updatedAt: string;
                            /** @enum {string} */
                            visibility: "private" | "shared";
                        }[];
                    };
                };
            };
        };
    };
    createSavedView: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    params: {
                        [key: string]: string;
                    };
                    /** @enum {string} */
                    visibility: "private" | "shared";
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        canDelete: boolean;
                        canRename: boolean;
                        createdAt: string;
                        id: string;
                        name: string;
                        owner: string;
                        params: {
                            [key: string]: string;
                        };
                        updatedAt: string;
                        /** @enum {string} */
                        visibility: "private" | "shared";
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
    deleteSavedView: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                viewId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
    renameSavedView: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                viewId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        canDelete: boolean;
                        canRename: boolean;
                        createdAt: string;
                        id: string;
                        name: string;
                        owner: string;
                        params: {
                            [key: string]: string;
                        };
                        updatedAt: string;
                        /** @enum {string} */
                        visibility: "private" | "shared";
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "ok";
                    };
                };
            };
        };
    };
    getReadiness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        mode: "sandbox" | "aws";
                        /** @enum {string} */
                        status: "ready";
                    };
                };
            };
            /** @description Default Response */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
            /** @description Default Response */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current?: {
                            changedBy?: {
                                at: string;
                                operator: string | null;
                                recordId: string;
                            } | null;
                            configuration: {
                                userAuthEvents: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                                userNotification: {
                                    arn: string;
                                    /** @enum {string} */
                                    kind: "logGroup" | "firehose" | "s3";
                                } | null;
                            };
                            version: string;
                        };
                        detail?: string;
                        errors?: {
                            message: string;
                            path: string;
                        }[];
                        hint?: string;
                        instance?: string;
                        requestId?: string;
                        status: number;
                        title: string;
                        type: string;
                    };
                };
            };
        };
    };
}
