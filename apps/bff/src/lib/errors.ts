import type { FieldError, Problem } from "@clc/domain";

/**
 * Why a service refused or failed, in the request's terms. Services throw `ServiceError` and never
 * choose an HTTP status: each kind has one (`STATUS_OF_KIND`), which the problems plugin
 * (plugins/problems.ts) answers with.
 * - `invalid` (400): the input cannot be served as sent.
 * - `forbidden` (403): the operator may not do this to this resource (another operator's view).
 * - `not-found` (404): the resource (or its region) is not there.
 * - `conflict` (409): the state stops it now (a quota, a document that keeps changing).
 * - `stale` (412): made on a version that is no longer current.
 * - `not-possible` (422): valid input, but this resource cannot take the change.
 * - `aws-failed` (502): AWS refused, could not be reached, answered wrongly, or did not keep a write.
 * - `unavailable` (503): something the change depends on is busy or down (throttled, audit store).
 * - `timeout` (504): AWS did not answer in time.
 */
export type FailureKind =
  | "invalid"
  | "forbidden"
  | "not-found"
  | "conflict"
  | "stale"
  | "not-possible"
  | "aws-failed"
  | "unavailable"
  | "timeout";

/** The HTTP status of each kind, as the problems plugin answers it. */
export const STATUS_OF_KIND: Readonly<Record<FailureKind, number>> = {
  invalid: 400,
  forbidden: 403,
  "not-found": 404,
  conflict: 409,
  stale: 412,
  "not-possible": 422,
  "aws-failed": 502,
  unavailable: 503,
  timeout: 504,
};

export interface FailureDetails {
  detail?: string;
  errors?: FieldError[];
  hint?: string;
  /** With `stale` or an unknown outcome: what AWS holds now, its version (and who changed it). */
  current?: NonNullable<Problem["current"]>;
  /** Seconds the client should wait before trying again (throttled). */
  retryAfterSeconds?: number;
}

/** A refusal or failure a service reports; `slug` names it for clients (`urn:clc:problem:<slug>`). */
export class ServiceError extends Error {
  constructor(
    readonly kind: FailureKind,
    readonly slug: string,
    readonly title: string,
    readonly options: FailureDetails = {},
  ) {
    super(options.detail ? `${title}: ${options.detail}` : title);
    this.name = "ServiceError";
  }

  /** The status the problems plugin will answer with (for logs and tests; services set `kind`). */
  get status(): number {
    return STATUS_OF_KIND[this.kind];
  }
}

/** Input the service cannot use, naming the fields at fault. */
export const badRequest = (detail: string, errors?: FieldError[], hint?: string): ServiceError =>
  new ServiceError("invalid", "bad-request", "Bad request", {
    detail,
    ...(errors ? { errors } : {}),
    ...(hint ? { hint } : {}),
  });
