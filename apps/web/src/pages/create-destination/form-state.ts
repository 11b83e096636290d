/**
 * The wizard's form as the user types it (strings), and how it becomes a creation request. The
 * request is checked with the same shared schema the BFF uses, so a field error shows here before
 * anything is sent.
 */
import {
  type CreationInputDraft,
  type DestinationKind,
  type EventSource,
  type FieldError,
  type HttpEndpointPreset,
  openObserveUrl,
  proposeBucketName,
  proposeLogGroupName,
  proposeStreamName,
} from "@clc/domain";
import { consolePath } from "../../safe-path.ts";

export type BucketMode = "create" | "existing";
/** A Firehose destination: a new stream, or only Cognito's API activity routed to an existing one. */
export type StreamMode = "create" | "existing";

export interface FormState {
  logGroupName: string;
  /** Days, or "never". */
  retention: string;
  bucketName: string;
  expirationDays: string;
  streamName: string;
  roleName: string;
  firehoseTarget: "http" | "s3";
  s3BucketMode: BucketMode;
  s3BucketName: string;
  prefix: string;
  compression: string;
  bufferingSizeMiB: string;
  bufferingIntervalSeconds: string;
  preset: HttpEndpointPreset;
  o2Host: string;
  o2Organization: string;
  o2Stream: string;
  url: string;
  accessKey: string;
  backupMode: BucketMode;
  backupBucketName: string;
  /** `key=value`, one a line. */
  tags: string;
  /** Also route Cognito's API activity to the Firehose stream (EventBridge rule). */
  apiActivity: boolean;
  streamMode: StreamMode;
}

export interface PoolForForm {
  id: string;
  name: string;
  accountId: string;
}

export function initialFormState(pool: PoolForForm, eventSource: EventSource): FormState {
  const stream = proposeStreamName(pool);
  return {
    logGroupName: proposeLogGroupName(pool, eventSource),
    retention: "30",
    bucketName: proposeBucketName(pool, pool.accountId),
    expirationDays: "",
    streamName: stream,
    roleName: "",
    apiActivity: false,
    streamMode: "create",
    firehoseTarget: "http",
    s3BucketMode: "create",
    s3BucketName: proposeBucketName(pool, pool.accountId, "firehose"),
    prefix: "cognito/",
    compression: "GZIP",
    bufferingSizeMiB: "",
    bufferingIntervalSeconds: "",
    preset: "openobserve",
    o2Host: "",
    o2Organization: "default",
    o2Stream: "cognito",
    url: "",
    accessKey: "",
    backupMode: "create",
    backupBucketName: proposeBucketName(pool, pool.accountId, "failed"),
    tags: "",
  };
}

/** A whole number when the text is one; otherwise the text itself, so the schema names the mistake. */
function numberOrText(text: string): number | string | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return undefined;
  return /^-?\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
}

function parseTags(text: string): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    const eq = line.indexOf("=");
    if (eq < 0) tags[line.trim()] = "";
    else tags[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return tags;
}

/** The URL sent to Firehose: OpenObserve's is built from its three parts. */
export function endpointUrl(state: FormState): string {
  if (state.preset === "openobserve" && state.o2Host.trim() !== "") {
    return openObserveUrl(state.o2Host.trim(), state.o2Organization.trim(), state.o2Stream.trim());
  }
  return state.url.trim();
}

function bucketChoice(mode: BucketMode, name: string, expirationDays?: string) {
  if (mode === "existing") return { mode, name: name.trim() };
  const days = expirationDays === undefined ? undefined : numberOrText(expirationDays);
  return { mode, name: name.trim(), ...(days === undefined ? {} : { expirationDays: days }) };
}

export function toDraft(
  kind: DestinationKind,
  state: FormState,
  poolId: string,
  eventSource: EventSource,
): CreationInputDraft {
  const tags = parseTags(state.tags);
  // The draft is checked by the shared schema before use; numbers typed as text are left for it to reject.
  if (kind === "logGroup") {
    return {
      kind,
      poolId,
      eventSource,
      tags,
      logGroupName: state.logGroupName.trim(),
      retentionInDays: state.retention === "never" ? null : Number(state.retention),
    };
  }
  if (kind === "s3") {
    const days = numberOrText(state.expirationDays);
    return {
      kind,
      poolId,
      eventSource,
      tags,
      bucket: { name: state.bucketName.trim(), ...(days === undefined ? {} : { expirationDays: days }) },
    } as CreationInputDraft;
  }
  if (state.streamMode === "existing") {
    return { kind: "apiActivity", poolId, tags, streamName: state.streamName.trim() };
  }
  const buffering = {
    ...(numberOrText(state.bufferingSizeMiB) === undefined
      ? {}
      : { bufferingSizeMiB: numberOrText(state.bufferingSizeMiB) }),
    ...(numberOrText(state.bufferingIntervalSeconds) === undefined
      ? {}
      : { bufferingIntervalSeconds: numberOrText(state.bufferingIntervalSeconds) }),
  };
  const target =
    state.firehoseTarget === "s3"
      ? {
          type: "s3",
          bucket: bucketChoice(state.s3BucketMode, state.s3BucketName, ""),
          prefix: state.prefix,
          compression: state.compression,
          ...buffering,
        }
      : {
          type: "http",
          preset: state.preset,
          url: endpointUrl(state),
          ...(state.accessKey === "" ? {} : { accessKey: state.accessKey }),
          backupBucket: bucketChoice(state.backupMode, state.backupBucketName, ""),
          ...buffering,
        };
  return {
    kind,
    poolId,
    eventSource,
    tags,
    streamName: state.streamName.trim(),
    ...(state.roleName.trim() === "" ? {} : { roleName: state.roleName.trim() }),
    target,
    ...(state.apiActivity ? { apiActivity: true } : {}),
  } as CreationInputDraft;
}

/** Field errors keyed by their path in the request (`target.url`); the first message per field. */
export function errorsByPath(errors: readonly FieldError[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const error of errors) if (!map.has(error.path)) map.set(error.path, error.message);
  return map;
}

/** Where to go back to with the new destination selected; only paths of this console are followed. */
export function returnPath(returnTo: string | null, arn: string, fallback: string): string {
  const base = consolePath(returnTo) ?? fallback;
  const url = new URL(base, "http://console.local");
  url.searchParams.set("selected", arn);
  return `${url.pathname}${url.search}`;
}

const MASKED = "********";
const str = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);
const num = (value: unknown): string | undefined => (typeof value === "number" ? String(value) : undefined);
const obj = (value: unknown): Record<string, unknown> =>
  typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};

/**
 * The form refilled from a run's input (as the BFF shows it: no access key, credentials in the URL
 * masked), to run it again. A masked URL is left empty so the user types it again; so is the key.
 */
export function formStateFromRun(base: FormState, input: Record<string, unknown>): FormState {
  const state: FormState = { ...base, accessKey: "" };
  const tags = Object.entries(obj(input.tags)).map(([k, v]) => `${k}=${String(v)}`);
  state.tags = tags.join("\n");
  if (input.kind === "logGroup") {
    state.logGroupName = str(input.logGroupName) ?? state.logGroupName;
    state.retention =
      input.retentionInDays === null ? "never" : (num(input.retentionInDays) ?? state.retention);
  } else if (input.kind === "s3") {
    const bucket = obj(input.bucket);
    state.bucketName = str(bucket.name) ?? state.bucketName;
    state.expirationDays = num(bucket.expirationDays) ?? "";
  } else if (input.kind === "apiActivity") {
    state.streamMode = "existing";
    state.streamName = str(input.streamName) ?? state.streamName;
  } else if (input.kind === "firehose") {
    state.streamName = str(input.streamName) ?? state.streamName;
    state.roleName = str(input.roleName) ?? "";
    state.apiActivity = input.apiActivity === true;
    const target = obj(input.target);
    state.bufferingSizeMiB = num(target.bufferingSizeMiB) ?? "";
    state.bufferingIntervalSeconds = num(target.bufferingIntervalSeconds) ?? "";
    if (target.type === "s3") {
      state.firehoseTarget = "s3";
      const bucket = obj(target.bucket);
      state.s3BucketMode = bucket.mode === "existing" ? "existing" : "create";
      state.s3BucketName = str(bucket.name) ?? state.s3BucketName;
      state.prefix = str(target.prefix) ?? state.prefix;
      state.compression = str(target.compression) ?? state.compression;
    } else {
      state.firehoseTarget = "http";
      const preset = str(target.preset);
      if (preset === "openobserve" || preset === "sumologic" || preset === "generic") state.preset = preset;
      const url = str(target.url) ?? "";
      const masked = url.includes(MASKED);
      const o2 = /^https:\/\/([^/]+)\/aws\/([^/]+)\/([^/]+)\/_kinesis_firehose$/.exec(url);
      if (state.preset === "openobserve" && o2 && !masked) {
        state.o2Host = o2[1] ?? "";
        state.o2Organization = decodeURIComponent(o2[2] ?? "");
        state.o2Stream = decodeURIComponent(o2[3] ?? "");
      } else {
        state.url = masked ? "" : url;
      }
      const backup = obj(target.backupBucket);
      state.backupMode = backup.mode === "existing" ? "existing" : "create";
      state.backupBucketName = str(backup.name) ?? state.backupBucketName;
    }
  }
  return state;
}
