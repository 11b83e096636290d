import type { BatchItemState, BatchOutcome, BatchStatus } from "@clc/domain";

export const STATUS_LABELS: Readonly<Record<BatchStatus, string>> = {
  planned: "Planned: review, then start",
  running: "Running",
  paused: "Paused",
  interrupted: "Interrupted: the console stopped while it ran",
  cancelled: "Cancelled",
  finished: "Finished",
};

export const OUTCOME_LABELS: Readonly<Record<BatchOutcome, string>> = {
  ready: "Ready",
  warning: "Needs a warning acknowledged",
  blocked: "Blocked",
  nothing: "Nothing to do",
};

export const STATE_LABELS: Readonly<Record<BatchItemState, string>> = {
  pending: "Waiting",
  running: "Writing…",
  done: "Done",
  changed: "Changed since planned",
  failed: "Failed",
  skipped: "Not sent",
  cancelled: "Cancelled",
};

export const STATE_BADGES: Readonly<Record<BatchItemState, string>> = {
  pending: "badge-neutral",
  running: "badge-neutral",
  done: "badge-ok",
  changed: "badge-warn",
  failed: "badge-block",
  skipped: "badge-neutral",
  cancelled: "badge-neutral",
};
