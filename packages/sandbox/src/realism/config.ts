/** The realism switches: latency, Cognito request-rate quotas, injected faults. All off by default. */

export type RealismConfig = {
  latencyMs: number;
  jitterMs: number;
  /**
   * How long after a Cognito call its "AWS API Call via CloudTrail" event reaches EventBridge. AWS
   * documents CloudTrail-based events as best effort with no bound; the only figure it gives is
   * CloudTrail's "typically delivers logs within an average of about 5 minutes of an API call. This
   * time is not guaranteed" (CloudTrail user guide), hence the 5-minute default.
   */
  cloudTrailEventDelayMs: number;
  quotas: { enabled: boolean; userPoolReadRps: number; userPoolUpdateRps: number };
  faults: {
    throttleRate: number;
    errorRate: number /* 500 InternalErrorException or 503 */;
    hangRate: number;
  };
};

export type RealismPatch = {
  latencyMs?: number;
  jitterMs?: number;
  cloudTrailEventDelayMs?: number;
  quotas?: Partial<RealismConfig["quotas"]>;
  faults?: Partial<RealismConfig["faults"]>;
};

export function defaultRealism(): RealismConfig {
  return {
    latencyMs: 0,
    jitterMs: 0,
    cloudTrailEventDelayMs: 300_000,
    // 15 rps per account and region: Cognito's "user pool read"/"update" categories (rules doc §5).
    quotas: { enabled: false, userPoolReadRps: 15, userPoolUpdateRps: 15 },
    faults: { throttleRate: 0, errorRate: 0, hangRate: 0 },
  };
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Check a patch from outside (HTTP body, CLI, options). Returns the problems found, each naming the
 * field and what is allowed; an empty list means the patch can be applied.
 */
export function realismPatchProblems(patch: unknown): string[] {
  if (!isRecord(patch)) return ["the realism patch must be a JSON object"];
  const problems: string[] = [];
  const known = {
    top: ["latencyMs", "jitterMs", "cloudTrailEventDelayMs", "quotas", "faults"],
    quotas: ["enabled", "userPoolReadRps", "userPoolUpdateRps"],
    faults: ["throttleRate", "errorRate", "hangRate"],
  };
  for (const k of Object.keys(patch))
    if (!known.top.includes(k)) problems.push(`unknown field '${k}' (known: ${known.top.join(", ")})`);
  const ms = (name: string, v: unknown) => {
    if (v !== undefined && !(typeof v === "number" && Number.isFinite(v) && v >= 0 && v <= 600_000))
      problems.push(`${name} must be a number of milliseconds from 0 to 600000`);
  };
  ms("latencyMs", patch.latencyMs);
  ms("jitterMs", patch.jitterMs);
  ms("cloudTrailEventDelayMs", patch.cloudTrailEventDelayMs);
  for (const group of ["quotas", "faults"] as const) {
    const value = patch[group];
    if (value === undefined) continue;
    if (!isRecord(value)) {
      problems.push(`${group} must be an object`);
      continue;
    }
    for (const k of Object.keys(value))
      if (!known[group].includes(k))
        problems.push(`unknown field '${group}.${k}' (known: ${known[group].join(", ")})`);
    for (const [k, v] of Object.entries(value)) {
      if (!known[group].includes(k)) continue;
      if (k === "enabled") {
        if (typeof v !== "boolean") problems.push("quotas.enabled must be true or false");
      } else if (group === "quotas") {
        if (!(typeof v === "number" && Number.isFinite(v) && v > 0 && v <= 100_000))
          problems.push(`quotas.${k} must be a number of requests per second above 0`);
      } else if (!(typeof v === "number" && v >= 0 && v <= 1)) {
        problems.push(`faults.${k} must be a share from 0 to 1`);
      }
    }
  }
  const faults = isRecord(patch.faults) ? patch.faults : {};
  const sum = ["throttleRate", "errorRate", "hangRate"].reduce(
    (s, k) => s + (typeof faults[k] === "number" ? (faults[k] as number) : 0),
    0,
  );
  if (problems.length === 0 && sum > 1)
    problems.push("faults.throttleRate + errorRate + hangRate must not exceed 1");
  return problems;
}

/** Apply a checked patch; throws with the problems if it is not valid. */
export function applyRealismPatch(current: RealismConfig, patch: unknown): RealismConfig {
  const problems = realismPatchProblems(patch);
  if (problems.length > 0) throw new Error(`Invalid realism settings: ${problems.join("; ")}`);
  const p = patch as RealismPatch;
  const next: RealismConfig = {
    latencyMs: p.latencyMs ?? current.latencyMs,
    jitterMs: p.jitterMs ?? current.jitterMs,
    cloudTrailEventDelayMs: p.cloudTrailEventDelayMs ?? current.cloudTrailEventDelayMs,
    quotas: { ...current.quotas, ...p.quotas },
    faults: { ...current.faults, ...p.faults },
  };
  const total = next.faults.throttleRate + next.faults.errorRate + next.faults.hangRate;
  if (total > 1)
    throw new Error("Invalid realism settings: faults.throttleRate + errorRate + hangRate must not exceed 1");
  return next;
}
