import {
  DescribeUserPoolCommand,
  GetLogDeliveryConfigurationCommand,
  ListUserPoolsCommand,
  SetLogDeliveryConfigurationCommand,
  UpdateUserPoolCommand,
  type UpdateUserPoolCommandInput,
} from "@aws-sdk/client-cognito-identity-provider";
import {
  type AwsLogConfigurationOut,
  AwsLogDeliveryConfigurationResponseSchema,
  POOL_TIERS,
  type PoolTier,
  THREAT_PROTECTION_MODES,
  type ThreatProtection,
} from "@clc/domain";
import { z } from "zod";
import type { ReadPacer } from "../lib/read-pacer.ts";
import { createSend, requestIdOf, type SdkClient, type Sent } from "./call.ts";
import type { AwsClients } from "./clients.ts";
import { type Deadline, type Lane, type OwnedDeadline, startDeadline } from "./deadline.ts";
import { AwsCallError, callAws, DEADLINE_EXCEEDED, parseAwsAnswer } from "./errors.ts";
import { THROTTLING_CODES } from "./sdk-context.ts";
import type { DescribedPool, PoolUpdate } from "./user-pool-update.ts";

/** ListUserPools allows at most 60 per page. */
const LIST_PAGE_SIZE = 60;

const ListUserPoolsAnswerSchema = z.object({
  UserPools: z
    .array(z.object({ Id: z.string().min(1), Name: z.string().optional() }))
    .nullish()
    .transform((v) => v ?? []),
  NextToken: z.string().nullish(),
});

const DescribeUserPoolAnswerSchema = z.object({
  UserPool: z.object({
    Id: z.string().min(1),
    Name: z.string().optional(),
    Arn: z.string().min(1),
    // AWS defaults to ESSENTIALS (rules doc §1); an unknown tier is a shape error, not a guess.
    UserPoolTier: z.enum(POOL_TIERS).nullish(),
    UserPoolAddOns: z.object({ AdvancedSecurityMode: z.enum(THREAT_PROTECTION_MODES).nullish() }).nullish(),
    UserPoolTags: z.record(z.string(), z.string()).nullish(),
  }),
});

// The whole pool, kept as JSON: every member is sent back by UpdateUserPool (aws/user-pool-update.ts).
const DescribeUserPoolSettingsAnswerSchema = z.object({
  UserPool: z.looseObject({ Id: z.string().min(1) }),
});

export interface UserPoolListing {
  id: string;
  name: string;
}

export interface UserPoolDescription {
  id: string;
  name: string;
  arn: string;
  tier: PoolTier;
  threatProtection: ThreatProtection;
  /** `UserPoolTags` (the logging standard selects pools by tag); {} when the pool has none. */
  tags?: Record<string, string>;
  requestId: string | null;
}

export interface LogDeliveryAnswer {
  /** The `LogConfigurations` list as AWS sent it (validated loosely; the domain maps it to the model). */
  logConfigurations: unknown[];
  requestId: string | null;
}

/**
 * Every call takes the user request's deadline; without one (background work) each call gets the
 * clients' background budget of its own.
 */
export interface CognitoGateway {
  /** Every pool of the region, all pages; `onPage` sees each page as it arrives. */
  listUserPools(
    region: string,
    onPage?: (page: UserPoolListing[]) => void,
    deadline?: Deadline,
  ): Promise<UserPoolListing[]>;
  /**
   * One page of ListUserPools (`limit` 1–60): a probe or a caller that pages itself. A paced read in
   * the deadline's lane.
   */
  listUserPoolsPage(
    region: string,
    query: { limit: number; nextToken?: string },
    deadline?: Deadline,
  ): Promise<{ pools: UserPoolListing[]; nextToken: string | null }>;
  describeUserPool(region: string, poolId: string, deadline?: Deadline): Promise<UserPoolDescription>;
  getLogDeliveryConfiguration(
    region: string,
    poolId: string,
    deadline?: Deadline,
  ): Promise<LogDeliveryAnswer>;
  /** One attempt only: a lost answer may hide an applied write, so callers re-read instead of retrying. */
  setLogDeliveryConfiguration(
    region: string,
    poolId: string,
    configurations: AwsLogConfigurationOut[],
    deadline?: Deadline,
  ): Promise<LogDeliveryAnswer>;
  /**
   * DescribeUserPool's whole `UserPool`, as JSON (dates as ISO strings): what an UpdateUserPool must
   * send back (see `updateKeepingTheRest` in ./user-pool-update.ts). A Cognito read (paced).
   */
  describeUserPoolSettings(
    region: string,
    poolId: string,
    deadline?: Deadline,
  ): Promise<{ pool: DescribedPool; requestId: string | null }>;
  /**
   * UpdateUserPool with exactly `update`; one attempt. AWS resets every member left out (except the
   * tier), so `update` must come from `updateKeepingTheRest`.
   */
  updateUserPool(
    region: string,
    poolId: string,
    update: PoolUpdate,
    deadline?: Deadline,
  ): Promise<{ requestId: string | null }>;
}

/**
 * Whether a read that failed through all its attempts may pass when asked once more: AWS throttled
 * or failed (5xx), did not answer in time, or the connection broke. Not a refusal (4xx), and not a
 * call whose request deadline has passed (a second round would only fail the same way).
 */
function worthAnotherRound(error: unknown): boolean {
  if (!(error instanceof AwsCallError) || error.code === DEADLINE_EXCEEDED || error.notSent) return false;
  return (
    error.kind === "timeout" ||
    error.kind === "network" ||
    error.status >= 500 ||
    THROTTLING_CODES.has(error.code)
  );
}

export function createCognitoGateway(clients: AwsClients, pacer: ReadPacer): CognitoGateway {
  const within = (deadline: Deadline | undefined) => deadline ?? clients.backgroundCallBudgetMs;
  const send = createSend(clients.backgroundCallBudgetMs);
  /** A read's one SDK call, for the pacer to make when its slot comes. */
  const reading = (region: string, command: object) => {
    const client: SdkClient = clients.cognito(region, "read");
    return (abortSignal: AbortSignal | undefined) => client.send(command, { abortSignal });
  };
  // The deadline covers the wait for a pacer slot too: a request queued behind hung calls still ends on
  // time. Background calls (no deadline) queue in the last lane and their budget leaves the queue out.
  const paced = <T>(
    region: string,
    op: string,
    within: Deadline | number,
    call: (abortSignal: AbortSignal | undefined) => Promise<T>,
    backgroundLane: Lane = "background",
  ) => {
    const lane: Lane = typeof within === "number" ? backgroundLane : (within.lane ?? "read");
    return callAws(
      `cognito-idp.${op}`,
      (abortSignal) => pacer.inSlot(region, () => call(abortSignal), { lane, signal: abortSignal }),
      within,
    );
  };

  /**
   * Identical reads of one pool that are under way at once are made once (single flight): 150
   * viewers' previews of a pool are 2 Cognito calls, not 300 (issue 20). A flight runs under a
   * deadline of its own, as long as its first caller's, ended when its last caller stopped waiting;
   * each caller still gets its answer within its own deadline. Flights are per lane, so an admin's
   * read never waits in a viewer's queue, and a write to the pool lets later reads start a flight of
   * their own (a read that began before the write may not show it).
   */
  const flights = new Map<string, { answer: Promise<unknown>; callers: number; deadline: OwnedDeadline }>();
  const forgetFlights = (poolId: string) => {
    for (const key of flights.keys()) if (key.startsWith(`${poolId}|`)) flights.delete(key);
  };
  const flight = async (
    region: string,
    op: string,
    poolId: string,
    deadline: Deadline | undefined,
    /** A new command for each call (an input may be in one call at a time: aws/sdk-context.ts). */
    command: () => object,
    /** Whether a flight that runs out of its first caller's time may be followed by one of this caller's (once). */
    ownTime = true,
  ): Promise<unknown> => {
    if (!deadline) return paced(region, op, within(deadline), reading(region, command()));
    const key = `${poolId}|${op}|${deadline.lane ?? "read"}`;
    let under = flights.get(key);
    if (!under) {
      const call = reading(region, command());
      const own = startDeadline(deadline.budgetMs, deadline.lane);
      const started = {
        answer: paced(region, op, own, call).finally(() => {
          if (flights.get(key) === started) flights.delete(key);
          own.end();
        }),
        callers: 0,
        deadline: own,
      };
      // Nobody may be left to see the answer (every caller's deadline passed).
      started.answer.catch(() => undefined);
      flights.set(key, started);
      under = started;
    }
    const joined = under;
    joined.callers += 1;
    try {
      return await callAws(`cognito-idp.${op}`, () => joined.answer, deadline);
    } catch (error) {
      // The flight ran out of its first caller's time, not this caller's: this caller gets a call of
      // its own (a flight of its own budget). Before, a later identical read failed at the first
      // caller's deadline, with that caller's budget in the message.
      const flightOutOfTime =
        ownTime &&
        joined.deadline.signal.aborted &&
        !deadline.signal.aborted &&
        error instanceof AwsCallError &&
        error.code === DEADLINE_EXCEEDED;
      if (!flightOutOfTime) throw error;
    } finally {
      joined.callers -= 1;
      // The last caller gave up (its deadline passed): the call stops and frees its pacer slot, and
      // no later caller joins it.
      if (joined.callers === 0) {
        if (flights.get(key) === joined) flights.delete(key);
        joined.deadline.end();
      }
    }
    // (The flight left the map as it ended: the call below starts a new one, or joins one just begun.)
    return flight(region, op, poolId, deadline, command, false);
  };

  /** A pool read (single flight, paced), its answer validated. */
  const read = async <S extends z.ZodType>(
    region: string,
    op: string,
    poolId: string,
    deadline: Deadline | undefined,
    command: () => object,
    schema: S,
  ): Promise<Sent<z.infer<S>>> => {
    const answer = await flight(region, op, poolId, deadline, command);
    return { answer: parseAwsAnswer(schema, answer, `cognito-idp.${op}`), requestId: requestIdOf(answer) };
  };
  const describe = <S extends z.ZodType>(
    region: string,
    poolId: string,
    deadline: Deadline | undefined,
    schema: S,
  ) =>
    read(
      region,
      "DescribeUserPool",
      poolId,
      deadline,
      () => new DescribeUserPoolCommand({ UserPoolId: poolId }),
      schema,
    );

  /**
   * One ListUserPools page, in the read lane even for a background listing: its pages go ahead of
   * the pool reads it starts (listUserPools' onPage), so the fleet's size is known early; they are a
   * handful of calls.
   */
  const listPage = async (
    region: string,
    limit: number,
    nextToken: string | undefined,
    deadline: Deadline | undefined,
  ) => {
    const answer = await paced(
      region,
      "ListUserPools",
      within(deadline),
      reading(region, new ListUserPoolsCommand({ MaxResults: limit, NextToken: nextToken })),
      "read",
    );
    const page = parseAwsAnswer(ListUserPoolsAnswerSchema, answer, "cognito-idp.ListUserPools");
    return {
      pools: page.UserPools.map((p) => ({ id: p.Id, name: p.Name ?? p.Id })),
      nextToken: page.NextToken ?? null,
    };
  };

  return {
    async listUserPools(region, onPage, deadline) {
      const all: UserPoolListing[] = [];
      let nextToken: string | undefined;
      do {
        const token = nextToken;
        const page = await listPage(region, LIST_PAGE_SIZE, token, deadline).catch((error: unknown) => {
          // One more round for the page, as the fleet gives its pool reads: a page that failed
          // through all its attempts (a burst of throttling, AWS failing for a moment) otherwise
          // left the whole region unlisted, its pools missing, until the next fleet read.
          if (!worthAnotherRound(error)) throw error;
          return listPage(region, LIST_PAGE_SIZE, token, deadline);
        });
        all.push(...page.pools);
        onPage?.(page.pools);
        nextToken = page.nextToken ?? undefined;
      } while (nextToken);
      return all;
    },

    listUserPoolsPage(region, query, deadline) {
      return listPage(region, query.limit, query.nextToken, deadline);
    },

    async describeUserPool(region, poolId, deadline) {
      const { answer, requestId } = await describe(region, poolId, deadline, DescribeUserPoolAnswerSchema);
      const pool = answer.UserPool;
      return {
        id: pool.Id,
        name: pool.Name ?? pool.Id,
        arn: pool.Arn,
        tier: pool.UserPoolTier ?? "ESSENTIALS",
        threatProtection: pool.UserPoolAddOns?.AdvancedSecurityMode ?? "OFF",
        tags: pool.UserPoolTags ?? {},
        requestId,
      };
    },

    async getLogDeliveryConfiguration(region, poolId, deadline) {
      const command = () => new GetLogDeliveryConfigurationCommand({ UserPoolId: poolId });
      const op = "GetLogDeliveryConfiguration";
      const schema = AwsLogDeliveryConfigurationResponseSchema;
      const { answer, requestId } = await read(region, op, poolId, deadline, command, schema);
      return { logConfigurations: answer.LogDeliveryConfiguration?.LogConfigurations ?? [], requestId };
    },

    async setLogDeliveryConfiguration(region, poolId, configurations, deadline) {
      forgetFlights(poolId);
      const { answer, requestId } = await send(
        "cognito-idp.SetLogDeliveryConfiguration",
        clients.cognito(region, "write"),
        new SetLogDeliveryConfigurationCommand({ UserPoolId: poolId, LogConfigurations: configurations }),
        deadline,
        AwsLogDeliveryConfigurationResponseSchema,
      );
      return { logConfigurations: answer.LogDeliveryConfiguration?.LogConfigurations ?? [], requestId };
    },

    async describeUserPoolSettings(region, poolId, deadline) {
      const { answer, requestId } = await describe(
        region,
        poolId,
        deadline,
        DescribeUserPoolSettingsAnswerSchema,
      );
      // JSON: Date members become ISO strings and undefined members disappear, as in the audit trail.
      return { pool: JSON.parse(JSON.stringify(answer.UserPool)) as DescribedPool, requestId };
    },

    async updateUserPool(region, poolId, update, deadline) {
      forgetFlights(poolId);
      // The members were read from DescribeUserPool's answer (the same model's shapes).
      const command = new UpdateUserPoolCommand({
        ...(update as Omit<UpdateUserPoolCommandInput, "UserPoolId">),
        UserPoolId: poolId,
      });
      const { requestId } = await send(
        "cognito-idp.UpdateUserPool",
        clients.cognito(region, "write"),
        command,
        deadline,
      );
      return { requestId };
    },
  };
}

/** Re-exported so services can name the list type without importing the SDK. */
export type { AwsLogConfigurationOut };
