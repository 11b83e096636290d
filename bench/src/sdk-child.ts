/**
 * SDK v3 alone, in a process of its own: the Cognito reads of a fleet read (DescribeUserPool and
 * GetLogDeliveryConfiguration of every pool) with nothing of the console around them, for the CPU
 * one read costs the SDK here (scenario-sdk.ts). Three passes over the same pools: the first is the
 * process's first calls, as in the BFF's cold read; the second runs on compiled, warm code; the
 * third makes the same reads through the BFF's own Cognito gateway (its clients' configuration and
 * middleware, the read pacer with no quota to wait for, each call's deadline, the answers'
 * validation), so the two warm passes differ by what the console adds to each call.
 * argv[2]: JSON { endpoint, regions, concurrency }. Writes one JSON line (SdkChildResult) to stdout.
 */
import {
  type CognitoIdentityProviderClient,
  DescribeUserPoolCommand,
  GetLogDeliveryConfigurationCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { createAwsClients, SANDBOX_CREDENTIALS } from "../../apps/bff/src/aws/clients.ts";
import { createCognitoGateway } from "../../apps/bff/src/aws/cognito-gateway.ts";
import { createReadPacer } from "../../apps/bff/src/lib/read-pacer.ts";
import { clientFor, listAll } from "./baselines.ts";

export interface SdkPass {
  calls: number;
  wallMs: number;
  /** User + system CPU of the process during the pass (GC threads included), ms. */
  cpuMs: number;
}
export interface SdkChildResult {
  pools: number;
  first: SdkPass;
  again: SdkPass;
  /** The same reads through the BFF's Cognito gateway, on warm code. */
  gateway: SdkPass;
}

interface Pool {
  client: CognitoIdentityProviderClient;
  region: string;
  id: string;
}

/** Both reads of every pool, `concurrency` pools at once; `read` makes one pool's two calls. */
async function pass(
  pools: readonly Pool[],
  concurrency: number,
  read: (pool: Pool) => Promise<void>,
): Promise<SdkPass> {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  let next = 0;
  let calls = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < pools.length) {
        await read(pools[next++] as Pool);
        calls += 2;
      }
    }),
  );
  const cpu = process.cpuUsage(cpuBefore);
  return { calls, wallMs: performance.now() - started, cpuMs: (cpu.user + cpu.system) / 1000 };
}

async function sdkAlone(pool: Pool): Promise<void> {
  // Each call with an abort signal of its own, as the BFF sends them (its deadline).
  const signal = new AbortController().signal;
  await pool.client.send(new DescribeUserPoolCommand({ UserPoolId: pool.id }), { abortSignal: signal });
  await pool.client.send(new GetLogDeliveryConfigurationCommand({ UserPoolId: pool.id }), {
    abortSignal: signal,
  });
}

async function main(): Promise<void> {
  const { endpoint, regions, concurrency } = JSON.parse(process.argv[2] ?? "{}") as {
    endpoint: string;
    regions: string[];
    concurrency: number;
  };
  const pools: Pool[] = [];
  for (const region of regions) {
    const client = clientFor(endpoint, region);
    for (const pool of await listAll(client, region)) pools.push({ client, region, id: pool.id });
  }
  const first = await pass(pools, concurrency, sdkAlone);
  const again = await pass(pools, concurrency, sdkAlone);
  // The BFF's wiring (wiring.ts) with a quota too high to wait for and a slot for every call in flight.
  const pacer = createReadPacer({ requestsPerSecond: 1_000_000, maxConcurrency: concurrency });
  const clients = createAwsClients({
    target: { mode: "sandbox", endpoint },
    callTimeoutMs: 10_000,
    backgroundCallBudgetMs: 20_000,
    beforeCognitoReadAttempt: (region, signal) => pacer.takeToken(region, signal),
    afterRefusedCognitoReadAttempt: (region) => pacer.giveBackToken(region),
    credentials: async () => ({ ...SANDBOX_CREDENTIALS }),
  });
  const cognito = createCognitoGateway(clients, pacer);
  const gateway = await pass(pools, concurrency, async (pool) => {
    await cognito.describeUserPool(pool.region, pool.id);
    await cognito.getLogDeliveryConfiguration(pool.region, pool.id);
  });
  clients.destroy();
  const result: SdkChildResult = { pools: pools.length, first, again, gateway };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
