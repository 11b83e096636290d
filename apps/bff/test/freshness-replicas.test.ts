/**
 * Issue 16 with replicas: two consoles on one PostgreSQL store, both on change events for one place.
 * SQS gives each change event to one of them; the other must show the change too (it follows the
 * rows the first wrote to the store), without reading the pool itself, and both let events replace
 * the cache's TTL re-read. BFF → SDK → sandbox over HTTP, the Cognito calls counted by the sandbox.
 * Before: the replica that did not receive an event showed the old row until its cache expired, and
 * with a shared store events kept no row at all (every replica re-read every pool at each expiry).
 */
import { CloudTrailClient, CreateTrailCommand, StartLoggingCommand } from "@aws-sdk/client-cloudtrail";
import { DeleteUserPoolCommand } from "@aws-sdk/client-cognito-identity-provider";
import { CreateBucketCommand } from "@aws-sdk/client-s3";
import { type RunningSandbox, startSandbox } from "@clc/sandbox";
import { clientConfig, sdkClients } from "@clc/sandbox/test-support/clients";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPool, type StoredConsole, startStoredConsole } from "./helpers.ts";
import { until } from "./poll.ts";
import { BACKENDS, type FreshDatabase } from "./store-support.ts";

const EAST = "us-east-1";
const postgres = BACKENDS.find((b) => b.name === "postgres");

describe("replicas on one store, on change events", () => {
  if (!postgres || postgres.skip) {
    it.skip(`skipped: ${postgres?.skip ?? "no PostgreSQL backend"}`, () => {});
    return;
  }
  let sandbox: RunningSandbox;
  let database: FreshDatabase;
  let a: StoredConsole;
  let b: StoredConsole;

  const startReplica = async () =>
    startStoredConsole(
      "",
      sandbox.endpoint,
      {
        CLC_FRESHNESS: "events",
        CLC_FRESHNESS_WAIT_SECONDS: "1",
        CLC_FRESHNESS_CHECK_SECONDS: "3600",
        CLC_REGIONS: EAST,
        CACHE_TTL_SECONDS: "300",
      },
      { stores: await database.open(), followMs: 100 },
    );
  const names = async (console: StoredConsole) =>
    ((await console.get("/api/pools?sort=name")).json.items as Array<{ name: string }>).map((p) => p.name);
  const onEvents = (console: StoredConsole) =>
    until(
      async () => (await console.get("/api/fleet/freshness")).json,
      (status) => status.places.length === 1 && status.places[0].mode === "events",
    );
  const cognitoReads = () =>
    Object.fromEntries(
      Object.entries(sandbox.calls().byOperation).filter(([op]) => op.startsWith("cognito-idp:")),
    );

  beforeAll(async () => {
    sandbox = await startSandbox({ seed: "none", realism: { cloudTrailEventDelayMs: 0 } });
    for (const name of ["alpha", "bravo"]) await createPool(sandbox, EAST, name);
    const aws = sdkClients(sandbox.endpoint, EAST);
    await aws.s3.send(new CreateBucketCommand({ Bucket: "org-trail" }));
    const trails = new CloudTrailClient(clientConfig(sandbox.endpoint, EAST));
    await trails.send(new CreateTrailCommand({ Name: "org", S3BucketName: "org-trail" }));
    await trails.send(new StartLoggingCommand({ Name: "org" }));
    trails.destroy();
    database = await postgres.fresh();
    a = await startReplica();
    await a.get("/api/pools");
    await until(
      async () => (await a.get("/api/fleet/status")).json.state,
      (state) => state === "ready",
    );
    const setup = await a.app.inject({
      method: "POST",
      url: "/api/fleet/freshness/setup",
      payload: { accountId: sandbox.accountId, region: EAST },
    });
    expect(setup.statusCode, setup.body).toBe(200);
    // B starts once A's rows are kept (A writes them within a second of reading them).
    await until(
      () => database.sql("SELECT pool_id FROM fleet_pool_states"),
      (rows) => rows.length === 2,
    );
    b = await startReplica();
    await Promise.all([onEvents(a), onEvents(b)]);
  }, 60_000);

  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await database?.dispose();
    await sandbox?.close();
  });

  it("both let events replace the cache's TTL re-read", async () => {
    expect((await a.get("/api/fleet/freshness")).json.ttlReplaced).toBe(true);
    expect((await b.get("/api/fleet/freshness")).json.ttlReplaced).toBe(true);
    // B restored A's rows from the store: no Cognito read of its own to show them.
    expect(await names(b)).toEqual(["alpha", "bravo"]);
  });

  it("a pool created elsewhere shows on both replicas, read by one of them once", async () => {
    sandbox.resetCalls();
    await createPool(sandbox, EAST, "charlie");
    await until(
      async () => [await names(a), await names(b)] as const,
      ([onA, onB]) => onA.includes("charlie") && onB.includes("charlie"),
    );
    // One replica received the event and read the pool; the other took its row from the store.
    expect(cognitoReads()).toEqual({
      "cognito-idp:CreateUserPool": 1,
      "cognito-idp:DescribeUserPool": 1,
      "cognito-idp:GetLogDeliveryConfiguration": 1,
    });
  });

  it("a pool deleted elsewhere leaves both replicas", async () => {
    const id = ((await a.get("/api/pools?sort=name")).json.items as Array<{ id: string; name: string }>).find(
      (p) => p.name === "charlie",
    )?.id;
    expect(id).toBeDefined();
    const aws = sdkClients(sandbox.endpoint, EAST);
    await aws.cognito.send(new DeleteUserPoolCommand({ UserPoolId: id }));
    await until(
      async () => [await names(a), await names(b)] as const,
      ([onA, onB]) => !onA.includes("charlie") && !onB.includes("charlie"),
    );
    // A restart of either finds it gone too (the store keeps a tombstone, not the row).
    expect((await database.sql("SELECT pool_id FROM fleet_pool_states WHERE gone_at IS NULL")).length).toBe(
      2,
    );
  });
});
