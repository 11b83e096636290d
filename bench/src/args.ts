/** The bench's command line, validated: a wrong flag stops the run with what is allowed. */
import { parseArgs } from "node:util";

export const SCENARIOS = [
  "cold",
  "faults",
  "org",
  "sdk",
  "warm",
  "web",
  "restart",
  "pools-100k",
  "steady",
] as const;
export type Scenario = (typeof SCENARIOS)[number];
/** What runs without --only: every scenario but pools-100k (opt-in: it needs minutes and ~1 GB more). */
export const DEFAULT_SCENARIOS: readonly Scenario[] = SCENARIOS.filter((s) => s !== "pools-100k");

export interface BenchOptions {
  pools: number;
  warmPools: number;
  /** The restart scenario's pools, and the pools-100k scenario's. */
  restartPools: number;
  bigPools: number;
  /** The org scenario: member accounts, and pools per account and region. */
  orgAccounts: number;
  orgPools: number;
  scenarios: Scenario[];
  baselines: boolean;
  defaultRpsRun: boolean;
  outDir: string;
  name: string;
}

export const USAGE = `pnpm bench [-- options]
  --pools N          pools for the cold and fault runs (default 300; e.g. 1000)
  --warm-pools N     pools cached for the warm and web runs (default 10000)
  --restart-pools N  pools of the restart run (default 10000)
  --big-pools N      pools of the pools-100k run (default 100000)
  --org AxP          the org scenario's organization: A accounts, P pools per account and region (default 20x50)
  --only LIST        comma-separated scenarios: ${SCENARIOS.join(",")} (default all but pools-100k)
  --no-baselines     skip the two SDK baselines of the cold run
  --no-default-rps   skip the cold run at the BFF's default read rate
  --out DIR          where results go (default bench/results)
  --name NAME        result file base name (default latest → latest.json + latest.md)`;

function wholeNumber(
  flag: string,
  value: string | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max)
    throw new Error(`${flag} must be a whole number from ${min} to ${max}, got "${value}"`);
  return Number(value);
}

export function parseBenchArgs(argv: string[], defaultOutDir: string): BenchOptions {
  const { values } = parseArgs({
    args: argv.filter((a) => a !== "--"),
    options: {
      pools: { type: "string" },
      "warm-pools": { type: "string" },
      "restart-pools": { type: "string" },
      "big-pools": { type: "string" },
      org: { type: "string" },
      only: { type: "string" },
      "no-baselines": { type: "boolean" },
      "no-default-rps": { type: "boolean" },
      out: { type: "string" },
      name: { type: "string" },
      help: { type: "boolean" },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const scenarios =
    values.only === undefined ? [...DEFAULT_SCENARIOS] : values.only.split(",").map((s) => s.trim());
  const unknown = scenarios.filter((s) => !(SCENARIOS as readonly string[]).includes(s));
  if (unknown.length > 0 || scenarios.length === 0)
    throw new Error(
      `--only takes scenarios among ${SCENARIOS.join(", ")}; unknown: ${unknown.join(", ") || "(empty)"}`,
    );
  const name = values.name ?? "latest";
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(name))
    throw new Error(`--name must be a plain file name, got "${name}"`);
  const org = /^(\d+)x(\d+)$/.exec(values.org ?? "20x50");
  if (!org) throw new Error(`--org takes ACCOUNTSxPOOLS such as 20x50, got "${values.org}"`);
  return {
    orgAccounts: wholeNumber("--org (accounts)", org[1], 20, 1, 200),
    orgPools: wholeNumber("--org (pools)", org[2], 50, 0, 1000),
    pools: wholeNumber("--pools", values.pools, 300, 1, 100_000),
    warmPools: wholeNumber("--warm-pools", values["warm-pools"], 10_000, 1, 100_000),
    restartPools: wholeNumber("--restart-pools", values["restart-pools"], 10_000, 1, 100_000),
    bigPools: wholeNumber("--big-pools", values["big-pools"], 100_000, 1, 100_000),
    scenarios: scenarios as Scenario[],
    baselines: values["no-baselines"] !== true,
    defaultRpsRun: values["no-default-rps"] !== true,
    outDir: values.out ?? defaultOutDir,
    name,
  };
}
