import { UntagDeliveryStreamCommand } from "@aws-sdk/client-firehose";
import type { FleetDeliveryCell, FleetDeliveryResponse, PoolDeliveryResponse } from "@clc/domain";
import { type SdkClients, sdkClients } from "@clc/sandbox/test-support/clients";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverySetup } from "./delivery-support.ts";
import { createStream, type Stack, startStack, waitForFleet } from "./helpers.ts";

/** Polls the fleet's delivery resource until every pool the fleet read has been checked. */
async function deliveryChecked(stack: Stack, query = "limit=500"): Promise<FleetDeliveryResponse> {
  for (let i = 0; i < 1500; i++) {
    const answer = await stack.call("GET", `/api/fleet/delivery?${query}`);
    expect(answer.status, answer.text).toBe(200);
    const body = answer.json as FleetDeliveryResponse;
    if (body.progress.state === "ready" && body.summary.checked === body.summary.pools) return body;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error("the fleet's delivery check did not finish");
}

const namesOf = (answer: { json: { items: Array<{ name: string }> } }) =>
  answer.json.items.map((p) => p.name).sort();

/**
 * Issue 15, across the fleet: each state of each destination kind, read over HTTP from the sandbox
 * by the background sweep after the fleet's rows, its counts, and the pool list filtered on them.
 */
describe("GET /api/fleet/delivery against the sandbox", { timeout: 120_000 }, () => {
  const region = "us-east-1";
  let stack: Stack;
  let aws: SdkClients;
  const {
    plusPool,
    essentialsPool,
    emit,
    vendedGroup,
    toLogGroup,
    toStream,
    toBucket,
    deliveryBucket,
    endpointStream,
  } = deliverySetup(() => ({ stack, aws }), region);
  /** Pool name → its cell once checked. */
  const cells = new Map<string, FleetDeliveryCell>();
  let first: FleetDeliveryResponse;
  let checked: FleetDeliveryResponse;

  beforeAll(async () => {
    stack = await startStack({ seed: "none" });
    aws = sdkClients(stack.sandbox.endpoint, region);

    // A log group: delivering, silent (its destination drops what arrives), idle (no traffic).
    const group = await vendedGroup("fleet-lg");
    const dropping = await vendedGroup("fleet-lg-dropping");
    const lgDelivering = await plusPool("lg-delivering");
    const lgSilent = await plusPool("lg-silent");
    await toLogGroup(lgDelivering, group);
    await toLogGroup(lgSilent, dropping);
    await toLogGroup(await plusPool("lg-idle"), group);
    await emit(lgDelivering, 2);
    stack.sandbox.setDeliveryFault(dropping, "drop");
    await emit(lgSilent, 2);

    // An S3 bucket: the same three.
    const bucket = await deliveryBucket("fleet-s3-logs");
    const droppingBucket = await deliveryBucket("fleet-s3-dropping");
    const s3Delivering = await plusPool("s3-delivering");
    const s3Silent = await plusPool("s3-silent");
    await toBucket(s3Delivering, bucket);
    await toBucket(s3Silent, droppingBucket);
    // A bucket of its own: objects that do not name a pool count for every pool writing there (readers.ts).
    await toBucket(await plusPool("s3-idle"), await deliveryBucket("fleet-s3-quiet"));
    await emit(s3Delivering, 2);
    stack.sandbox.setDeliveryFault(droppingBucket, "drop");
    await emit(s3Silent, 2);

    // A Firehose stream: delivering through an HTTP endpoint, failing once the endpoint fails,
    // silent once the LogDeliveryEnabled tag is removed after setup, idle without traffic.
    const fhDelivering = await plusPool("fh-delivering");
    await toStream(fhDelivering, await endpointStream("fleet-endpoint-ok"));
    await emit(fhDelivering, 2);
    const failingStream = await endpointStream("fleet-endpoint-failing");
    const fhFailing = await plusPool("fh-failing");
    await toStream(fhFailing, failingStream);
    stack.sandbox.setDeliveryFault(failingStream, "endpoint-failure");
    await emit(fhFailing, 2);
    const fhSilent = await plusPool("fh-silent");
    await toStream(fhSilent, await createStream(stack.sandbox, region, "fleet-tag-stripped", true));
    await aws.firehose.send(
      new UntagDeliveryStreamCommand({
        DeliveryStreamName: "fleet-tag-stripped",
        TagKeys: ["LogDeliveryEnabled"],
      }),
    );
    await emit(fhSilent, 2);
    await toStream(await plusPool("fh-idle"), await createStream(stack.sandbox, region, "fleet-quiet", true));

    // Not configured on Plus; not applicable on Essentials and with threat protection off.
    await emit(await plusPool("plus-not-exporting"), 1);
    await essentialsPool("essentials");
    await toLogGroup(await plusPool("plus-tp-off", "OFF"), group);

    await stack.call("POST", "/api/fleet/refresh");
    await waitForFleet(stack);
    first = (await stack.call("GET", "/api/fleet/delivery?limit=500")).json;
    checked = await deliveryChecked(stack);
    const pools = (await stack.call("GET", "/api/pools?limit=500")).json.items as Array<{
      id: string;
      name: string;
    }>;
    const nameOf = new Map(pools.map((p) => [p.id, p.name]));
    for (const cell of checked.items) cells.set(nameOf.get(cell.poolId) ?? cell.poolId, cell);
  }, 120_000);
  afterAll(async () => {
    for (const client of Object.values(aws ?? {})) client.destroy();
    await stack?.close();
  });

  const activity = (pool: string) => cells.get(pool)?.sources.userAuthEvents;

  it("fills in after the rows: the first answer after the fleet read is still checking, with no cell yet", () => {
    expect(first.progress.state).toBe("checking");
    expect(first.items).toEqual([]);
    expect(first.summary).toMatchObject({ pools: 13, checked: 0 });
  });

  it("gives each destination kind its state: delivering, silent and idle, and failing for the failing endpoint", () => {
    for (const kind of ["lg", "s3", "fh"]) {
      expect(activity(`${kind}-delivering`)?.state, kind).toBe("delivering");
      expect(activity(`${kind}-silent`), kind).toMatchObject({
        state: "silent",
        reasonId: "traffic-without-logs",
      });
      expect(activity(`${kind}-idle`), kind).toMatchObject({ state: "idle", reasonId: "no-traffic" });
    }
    expect(activity("fh-failing")).toMatchObject({
      state: "failing",
      reasonId: "destination-failing",
      message: expect.stringContaining("failed 1 of 1"),
    });
  });

  it("says why user activity is not applicable, and that a Plus pool exports none", () => {
    expect(activity("essentials")).toMatchObject({ state: "not-applicable", reasonId: "tier-not-plus" });
    expect(activity("plus-tp-off")).toMatchObject({
      state: "not-applicable",
      reasonId: "threat-protection-off",
    });
    expect(activity("plus-not-exporting")).toMatchObject({ state: "not-configured" });
    expect(cells.get("essentials")?.sources.userNotification.state).toBe("not-configured");
  });

  it("counts them over the whole fleet", () => {
    expect(checked.window).toBe("24h");
    expect(checked.summary.bySource.userAuthEvents).toEqual({
      delivering: 3,
      silent: 3,
      idle: 3,
      failing: 1,
      "not-configured": 1,
      "not-applicable": 2,
      unknown: 0,
    });
    expect(checked.summary.plusWithoutActivity).toBe(1);
    expect(checked.summary.any).toMatchObject({ silent: 3, failing: 1, "not-configured": 13 });
  });

  it("filters the pool list on a state, of either source or of one, and pages the cells with it", async () => {
    const silent = await stack.call("GET", "/api/pools?delivery=silent");
    expect(namesOf(silent)).toEqual(["fh-silent", "lg-silent", "s3-silent"]);
    const notApplicable = await stack.call(
      "GET",
      "/api/pools?delivery=not-applicable&deliverySource=userAuthEvents",
    );
    expect(namesOf(notApplicable)).toEqual(["essentials", "plus-tp-off"]);
    const plusGap = await stack.call(
      "GET",
      "/api/pools?tier=PLUS&delivery=not-configured&deliverySource=userAuthEvents",
    );
    expect(namesOf(plusGap)).toEqual(["plus-not-exporting"]);
    // The delivery resource answers the cells of exactly the pool list's page.
    const page = await stack.call("GET", "/api/fleet/delivery?delivery=idle&deliverySource=userAuthEvents");
    expect(page.json.items.map((c: FleetDeliveryCell) => c.sources.userAuthEvents.state)).toEqual([
      "idle",
      "idle",
      "idle",
    ]);
    expect((await stack.call("GET", "/api/pools?delivery=late")).status).toBe(400);
  });

  it("takes a pool page's own check as the pool's cell", async () => {
    const pool = cells.get("lg-idle")?.poolId ?? "";
    const account = stack.sandbox.accountId;
    await emit(pool, 1);
    const own = await stack.call("GET", `/api/accounts/${account}/pools/${pool}/delivery`);
    expect(own.status, own.text).toBe(200);
    expect((own.json as PoolDeliveryResponse).sources.userAuthEvents.state).toBe("delivering");
    const idle = await stack.call("GET", "/api/pools?delivery=idle&deliverySource=userAuthEvents");
    expect(namesOf(idle)).toEqual(["fh-idle", "s3-idle"]);
  });
});

const ORG = {
  CLC_ACCOUNTS: "organization",
  CLC_ORGANIZATION_ROLE_NAME: "CognitoLogConsoleRole",
  CLC_REGIONS: "us-east-1,eu-west-1,eu-south-1",
};
const PAYMENTS = "111111111111";

describe("delivery in a member account of the demo organization", { timeout: 120_000 }, () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ seed: "demo", env: ORG });
  }, 60_000);
  afterAll(async () => {
    await stack?.close();
  });

  it("reads a member account's pool under its account, through its role, and the fleet sweep does too", async () => {
    await stack.call("POST", "/api/fleet/refresh");
    await waitForFleet(stack);
    const pools = (await stack.call("GET", `/api/pools?limit=500&account=${PAYMENTS}`)).json.items as Array<{
      id: string;
      name: string;
    }>;
    const idOf = (name: string) => pools.find((p) => p.name === name)?.id ?? "";
    const checkout = idOf("payments-checkout");
    await fetch(`${stack.sandbox.endpoint}/_sandbox/emit`, {
      method: "POST",
      body: JSON.stringify({ userPoolId: checkout, accountId: PAYMENTS, count: 3 }),
    });

    const answer = await stack.call("GET", `/api/accounts/${PAYMENTS}/pools/${checkout}/delivery`);
    expect(answer.status, answer.text).toBe(200);
    const delivery = answer.json as PoolDeliveryResponse;
    expect(delivery.sources.userAuthEvents.readError).toBeNull();
    // Its stream's archive bucket does not exist in the account: Firehose reports failed S3 deliveries.
    expect(delivery.sources.userAuthEvents).toMatchObject({
      state: "failing",
      destination: { kind: "firehose", arn: expect.stringContaining(`:${PAYMENTS}:deliverystream/`) },
      stream: { metricPrefix: "DeliveryToS3", incomingRecords: 3 },
    });
    expect(delivery.sources.userNotification.destination?.arn).toContain(`:${PAYMENTS}:log-group:`);
    // The quiet demo pool (no traffic from the trickle): configured and idle, explained.
    const quiet = await stack.call(
      "GET",
      `/api/accounts/${PAYMENTS}/pools/${idOf("payments-eu-checkout")}/delivery`,
    );
    expect(quiet.json.sources.userAuthEvents).toMatchObject({ state: "idle", reason: { id: "no-traffic" } });
    // The older path finds the member account's pool through the fleet.
    const legacy = await stack.call("GET", `/api/pools/${checkout}/delivery`);
    expect(legacy.json.sources.userAuthEvents.destination.arn).toContain(`:${PAYMENTS}:`);
    // Not the management account's pool: AWS's not-found there, not another account's answer.
    const own = stack.sandbox.accountId;
    expect((await stack.call("GET", `/api/accounts/${own}/pools/${checkout}/delivery`)).status).toBe(404);

    const fleet = await deliveryChecked(stack, `limit=500&account=${PAYMENTS}`);
    expect(fleet.items.find((c) => c.poolId === checkout)).toMatchObject({
      accountId: PAYMENTS,
      sources: { userAuthEvents: { state: "failing" } },
    });
  });
});
