/**
 * `pnpm sandbox [flags]`: the sandbox as a standalone process. Keep imports light: it must be
 * listening well under two seconds after start.
 */
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { parseSeed, type RealismConfig, type SandboxOptions, startSandbox } from "./index.ts";

const USAGE = `Usage: pnpm sandbox [options]

A local AWS (cognito-idp, logs, firehose, s3, sts, iam) on one endpoint.

Options:
  --port N             port to listen on (env SANDBOX_PORT; default 4566; 0 = any free port)
  --host ADDR          address to listen on (default 127.0.0.1)
  --allow-host NAMES   host names (comma-separated) it answers to besides loopback ones, e.g. in a
                       container network (default: loopback names and ADDR only: DNS-rebinding guard)
  --seed NAME          demo | none | fleet:N | org:AxP   (env SANDBOX_SEED; default demo)
                       org:AxP: a management account and A member accounts, P pools in each of
                       us-east-1 and eu-west-1 per member; demo is also a demo organization
  --external-id ID     the seeded CognitoLogConsoleRole roles require this sts:ExternalId
  --data DIR           save state in DIR after every change and load it at start (env SANDBOX_DATA)
  --account ID         12-digit account id (env SANDBOX_ACCOUNT; default 123456789012)
  --latency MS         fixed latency added to every AWS call (default 0)
  --jitter MS          random extra latency, 0..MS (default 0)
  --quotas             enforce Cognito request-rate quotas (15 rps per account+region+category)
  --read-rps N         "user pool read" quota in requests per second (implies nothing unless --quotas)
  --update-rps N       "user pool update" quota in requests per second
  --error-rate R       share of calls answering 500/503 (0..1)
  --throttle-rate R    share of calls throttled (0..1)
  --hang-rate R        share of calls never answered (0..1)
  --firehose-delay MS  how long new Firehose streams stay CREATING (default 3000)
  --no-trickle         do not simulate a slow trickle of log events in the demo
  -h, --help           show this help

Change realism at run time: curl -XPOST <endpoint>/_sandbox/config -d '{"latencyMs":100}'`;

export class UsageError extends Error {}

function number(
  name: string,
  raw: string | undefined,
  min: number,
  max: number,
  integer = true,
): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (
    raw.trim() === "" ||
    !Number.isFinite(value) ||
    value < min ||
    value > max ||
    (integer && !Number.isInteger(value))
  ) {
    throw new UsageError(
      `${name} must be ${integer ? "an integer" : "a number"} from ${min} to ${max}, got '${raw}'.`,
    );
  }
  return value;
}

/** CLI flags and env → options; throws UsageError with a message naming the flag and what it accepts. */
export function optionsFromArgs(argv: string[], env: NodeJS.ProcessEnv): SandboxOptions & { help?: boolean } {
  let parsed: ReturnType<
    typeof parseArgs<{ options: typeof OPTIONS; strict: true; allowPositionals: false }>
  >;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const v = parsed.values;
  if (v.help) return { help: true };
  const seedRaw = v.seed ?? env.SANDBOX_SEED ?? "demo";
  let seed: SandboxOptions["seed"];
  try {
    seed = parseSeed(seedRaw);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const accountId = v.account ?? env.SANDBOX_ACCOUNT ?? "123456789012";
  if (!/^\d{12}$/.test(accountId)) throw new UsageError(`--account must be 12 digits, got '${accountId}'.`);
  const realism: Partial<RealismConfig> = {};
  const latencyMs = number("--latency", v.latency, 0, 600_000);
  const jitterMs = number("--jitter", v.jitter, 0, 600_000);
  if (latencyMs !== undefined) realism.latencyMs = latencyMs;
  if (jitterMs !== undefined) realism.jitterMs = jitterMs;
  const readRps = number("--read-rps", v["read-rps"], 0.001, 100_000, false);
  const updateRps = number("--update-rps", v["update-rps"], 0.001, 100_000, false);
  if (v.quotas || readRps !== undefined || updateRps !== undefined) {
    realism.quotas = {
      enabled: v.quotas ?? false,
      userPoolReadRps: readRps ?? 15,
      userPoolUpdateRps: updateRps ?? 15,
    };
  }
  const faults = {
    errorRate: number("--error-rate", v["error-rate"], 0, 1, false) ?? 0,
    throttleRate: number("--throttle-rate", v["throttle-rate"], 0, 1, false) ?? 0,
    hangRate: number("--hang-rate", v["hang-rate"], 0, 1, false) ?? 0,
  };
  if (faults.errorRate + faults.throttleRate + faults.hangRate > 1)
    throw new UsageError("--error-rate + --throttle-rate + --hang-rate must not exceed 1.");
  if (faults.errorRate || faults.throttleRate || faults.hangRate) realism.faults = faults;
  const data = v.data ?? env.SANDBOX_DATA;
  return {
    port: number(v.port ? "--port" : "SANDBOX_PORT", v.port ?? env.SANDBOX_PORT, 0, 65535) ?? 4566,
    host: v.host ?? "127.0.0.1",
    allowedHosts: (v["allow-host"] ?? "")
      .split(",")
      .map((h) => h.trim())
      .filter((h) => h !== ""),
    accountId,
    seed,
    ...(data ? { dataDir: data } : {}),
    ...(v["external-id"] ? { externalId: v["external-id"] } : {}),
    realism,
    firehoseActivationDelayMs: number("--firehose-delay", v["firehose-delay"], 0, 600_000) ?? 3000,
    demoTrickle: !v["no-trickle"] && seed === "demo",
    log: (line) => console.error(line),
  };
}

const OPTIONS = {
  port: { type: "string" },
  host: { type: "string" },
  "allow-host": { type: "string" },
  seed: { type: "string" },
  data: { type: "string" },
  account: { type: "string" },
  "external-id": { type: "string" },
  latency: { type: "string" },
  jitter: { type: "string" },
  quotas: { type: "boolean" },
  "read-rps": { type: "string" },
  "update-rps": { type: "string" },
  "error-rate": { type: "string" },
  "throttle-rate": { type: "string" },
  "hang-rate": { type: "string" },
  "firehose-delay": { type: "string" },
  "no-trickle": { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

async function main(): Promise<void> {
  let options: ReturnType<typeof optionsFromArgs>;
  try {
    options = optionsFromArgs(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`sandbox: ${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (options.help) {
    console.log(USAGE);
    return;
  }
  let sandbox: Awaited<ReturnType<typeof startSandbox>>;
  try {
    sandbox = await startSandbox(options);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const hint =
      code === "EADDRINUSE"
        ? ` Port ${options.port} is taken: pass --port N or set SANDBOX_PORT (0 picks a free port).`
        : "";
    console.error(`sandbox: could not start: ${(error as Error).message}.${hint}`);
    process.exit(1);
  }
  // Before anything is printed: whoever reads "listening" may stop us at once, and a signal that
  // arrives before a listener exists kills the process instead of closing the sandbox.
  const stop = () => {
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  console.log(`Sandbox listening on ${sandbox.endpoint}`);
  console.log(
    `  account ${sandbox.accountId}, seed ${options.seed}, regions ${sandbox.regions.join(", ") || "(none seeded)"}${options.dataDir ? `, state in ${options.dataDir}` : ""}`,
  );
  const org = sandbox.organization();
  if (org) {
    console.log(
      `  organization ${org.id}, management account ${org.managementAccountId}, role CognitoLogConsoleRole${options.externalId ? ` (external ID ${options.externalId})` : ""}:`,
    );
    const shown = org.accounts.slice(0, 12);
    for (const a of shown)
      console.log(
        `    ${a.id}  ${a.name.padEnd(20)} ${a.ouPath}${a.status === "ACTIVE" ? "" : `  (${a.status})`}`,
      );
    if (org.accounts.length > shown.length)
      console.log(`    … and ${org.accounts.length - shown.length} more accounts`);
  }
  console.log(
    `  try: AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test aws --endpoint-url ${sandbox.endpoint} --region us-east-1 cognito-idp list-user-pools --max-results 10`,
  );
}

// Run only when started as a program, so tests can import the argument parser.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
