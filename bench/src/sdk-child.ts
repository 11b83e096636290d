/**
 * SDK v3 alone, in a process of its own: the Cognito reads of the organization read
 * (DescribeUserPool and GetLogDeliveryConfiguration of every pool), made as the BFF makes them (one
 * client per account and region with credentials of its own, at most `perPlace` reads in flight
 * each, paced at `rps` per account and region) but with nothing of the console around them, for the
 * CPU one read costs the SDK here (scenario-sdk.ts). Passes over the same pools:
 * - "first": the process's first reads (after one listing of the pools), as in the BFF's cold read;
 * - "again": the same reads on warm code;
 * - "gateway": the same reads through the BFF's own Cognito gateway (its clients' configuration and
 *   middleware, its read pacer at the same rate, each call's deadline, the answers' validation),
 *   after one pass through it that is not counted, so that both warm passes differ by what the
 *   console adds to each call.
 * argv[2]: JSON { endpoint, regions, places, perPlace, rps }. Writes one JSON line (SdkChildResult).
 */
import {
  CognitoIdentityProviderClient,
  DescribeUserPoolCommand,
  GetLogDeliveryConfigurationCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { createAwsClients, SANDBOX_CREDENTIALS } from "../../apps/bff/src/aws/clients.ts";
import { createCognitoGateway } from "../../apps/bff/src/aws/cognito-gateway.ts";
import { createReadPacer, scopedPacer } from "../../apps/bff/src/lib/read-pacer.ts";
import { clientFor, listAll } from "./baselines.ts";

export interface SdkPass {
  calls: number;
  wallMs: number;
  /** User + system CPU of the process during the pass (its GC and compiler threads included), ms. */
  cpuMs: number;
}
export interface SdkChildResult {
  pools: number;
  first: SdkPass;
  again: SdkPass;
  /** The same reads through the BFF's Cognito gateway, on warm code. */
  gateway: SdkPass;
}

/** One account and region: its client and its pools. */
interface Place {
  client: CognitoIdentityProviderClient;
  /** The place's id in the BFF's pacer (`account:region`, as scopedPacer keys it). */
  account: string;
  region: string;
  pools: string[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Both reads of every pool, each place's pools `perPlace` at a time; `read` makes one pool's two calls. */
async function pass(
  places: readonly Place[],
  perPlace: number,
  read: (place: Place, poolId: string) => Promise<void>,
): Promise<SdkPass> {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  let calls = 0;
  await Promise.all(
    places.map(async (place) => {
      let next = 0;
      await Promise.all(
        Array.from({ length: perPlace }, async () => {
          while (next < place.pools.length) {
            await read(place, place.pools[next++] as string);
            calls += 2;
          }
        }),
      );
    }),
  );
  const cpu = process.cpuUsage(cpuBefore);
  return { calls, wallMs: performance.now() - started, cpuMs: (cpu.user + cpu.system) / 1000 };
}

async function main(): Promise<void> {
  const {
    endpoint,
    regions,
    places: placeCount,
    perPlace,
    rps,
  } = JSON.parse(process.argv[2] ?? "{}") as {
    endpoint: string;
    regions: string[];
    places: number;
    perPlace: number;
    rps: number;
  };
  // The sandbox's fleet seed puts more pools in its first region: the places are shared out in the
  // same proportion, so that each reads about as many pools as the org read's places do.
  const listed = await Promise.all(
    regions.map(async (region) => ({ region, pools: await listAll(clientFor(endpoint, region), region) })),
  );
  const pools = listed.reduce((sum, r) => sum + r.pools.length, 0);
  const places: Place[] = [];
  for (const { region, pools: here } of listed) {
    const count = Math.max(1, Math.round((placeCount * here.length) / Math.max(1, pools)));
    const first = places.length;
    for (let i = 0; i < count; i++) {
      // An account of its own per place, with credentials of its own, as each member account's
      // role session has (the sandbox maps unknown keys to its own account, where the pools are).
      const account = `acct-${first + i}`;
      const credentials = {
        ...SANDBOX_CREDENTIALS,
        accessKeyId: `${SANDBOX_CREDENTIALS.accessKeyId}-${account}`,
      };
      places.push({
        // As the BFF's Cognito clients: each command's middleware resolved once (aws/sdk-context.ts).
        client: new CognitoIdentityProviderClient({ region, endpoint, credentials, cacheMiddleware: true }),
        account,
        region,
        pools: [],
      });
    }
    here.forEach((pool, i) => {
      (places[first + (i % count)] as Place).pools.push(pool.id);
    });
  }
  const paceMs = 1000 / rps;
  const sdkAlone = async (place: Place, poolId: string) => {
    await sleepUntilSlot(place, paceMs);
    // Without options, so the SDK uses its middleware cache (the BFF's signal rides with the input).
    await place.client.send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
    await sleepUntilSlot(place, paceMs);
    await place.client.send(new GetLogDeliveryConfigurationCommand({ UserPoolId: poolId }));
  };
  const first = await pass(places, perPlace, sdkAlone);
  const again = await pass(places, perPlace, sdkAlone);

  // The BFF's wiring (wiring.ts): one pacer keyed by account and region, each account's clients
  // with its own credentials, a gateway per account over its scoped pacer.
  const pacer = createReadPacer({ requestsPerSecond: rps, maxConcurrency: perPlace });
  const gateways = new Map(
    [...new Set(places.map((p) => p.account))].map((account) => {
      const place = (region: string) => `${account}:${region}`;
      const clients = createAwsClients({
        target: { mode: "sandbox", endpoint },
        callTimeoutMs: 10_000,
        backgroundCallBudgetMs: 10_000,
        beforeCognitoReadAttempt: (region, signal) => pacer.takeToken(place(region), signal),
        afterRefusedCognitoReadAttempt: (region) => pacer.giveBackToken(place(region)),
        credentials: async () => ({
          ...SANDBOX_CREDENTIALS,
          accessKeyId: `${SANDBOX_CREDENTIALS.accessKeyId}-${account}`,
        }),
      });
      return [account, { clients, cognito: createCognitoGateway(clients, scopedPacer(pacer, account)) }];
    }),
  );
  const throughGateway = async (place: Place, poolId: string) => {
    const { cognito } = gateways.get(place.account) as { cognito: ReturnType<typeof createCognitoGateway> };
    await cognito.describeUserPool(place.region, poolId);
    await cognito.getLogDeliveryConfiguration(place.region, poolId);
  };
  // The gateway paces itself (its pacer), with at most perPlace reads in flight per place.
  await pass(places, perPlace, throughGateway);
  const gateway = await pass(places, perPlace, throughGateway);
  for (const { clients } of gateways.values()) clients.destroy();
  const result: SdkChildResult = { pools, first, again, gateway };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/** The SDK-alone passes' pacing: each read of a place starts `paceMs` after the one before it. */
const nextSlot = new WeakMap<Place, number>();
async function sleepUntilSlot(place: Place, paceMs: number): Promise<void> {
  const at = Math.max(nextSlot.get(place) ?? 0, performance.now());
  nextSlot.set(place, at + paceMs);
  await sleep(at - performance.now());
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
