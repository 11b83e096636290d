/** `dataDir`: state saved atomically after each change and loaded back, so the demo survives a restart. */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ListUserPoolsCommand } from "@aws-sdk/client-cognito-identity-provider";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { describe, expect, it } from "vitest";
import { startSandbox } from "../src/index.ts";
import { tempDirs } from "../test-support/index.ts";
import { jsonCall } from "./support/aws.ts";
import { assume, clientsAs, failure } from "./support/org.ts";

const tempDir = tempDirs("sandbox-state-");

describe("persistence", () => {
  it("refuses a session of its own making that it no longer holds (a restart without --data) instead of acting as the management account", async () => {
    const first = await startSandbox({ seed: "demo" });
    const session = await assume(first.endpoint, "111111111111");
    await first.close();
    const second = await startSandbox({ seed: "demo" });
    try {
      expect(
        await failure(clientsAs(second.endpoint, session).sts.send(new GetCallerIdentityCommand({}))),
      ).toEqual({
        name: "InvalidClientTokenId",
        status: 403,
        message: "The security token included in the request is invalid.",
      });
      expect(
        await failure(
          clientsAs(second.endpoint, session).cognito.send(new ListUserPoolsCommand({ MaxResults: 1 })),
        ),
      ).toMatchObject({ name: "UnrecognizedClientException", status: 400 });
    } finally {
      await second.close();
    }
  });

  it("keeps the organization, the regions accounts enabled and live role sessions across a restart", async () => {
    const dir = tempDir();
    const first = await startSandbox({ seed: "demo", dataDir: dir });
    const session = await assume(first.endpoint, "333333333333");
    const before = first.organization();
    await first.close();
    const second = await startSandbox({ seed: "none", dataDir: dir });
    try {
      expect(second.organization()).toEqual(before);
      const playground = clientsAs(second.endpoint, session);
      expect((await playground.sts.send(new GetCallerIdentityCommand({}))).Account).toBe("333333333333");
      const south = clientsAs(second.endpoint, session, "eu-south-1");
      expect(await failure(south.cognito.send(new ListUserPoolsCommand({ MaxResults: 1 })))).toMatchObject({
        name: "UnrecognizedClientException",
      });
    } finally {
      await second.close();
    }
  });

  it("reloads pools, log groups and configurations after a restart, without seeding again", async () => {
    const dir = tempDir();
    const first = await startSandbox({ seed: "demo", dataDir: dir });
    const created = await jsonCall(first.endpoint, "us-east-1", "cognito-idp", "CreateUserPool", {
      PoolName: "survivor",
    });
    const poolId = (JSON.parse(created.text) as { UserPool: { Id: string } }).UserPool.Id;
    await jsonCall(first.endpoint, "us-east-1", "logs", "CreateLogGroup", {
      logGroupName: "/survivor/group",
    });
    const arn = `arn:aws:logs:us-east-1:${first.accountId}:log-group:/survivor/group`;
    const set = await jsonCall(first.endpoint, "us-east-1", "cognito-idp", "SetLogDeliveryConfiguration", {
      UserPoolId: poolId,
      LogConfigurations: [
        {
          LogLevel: "ERROR",
          EventSource: "userNotification",
          CloudWatchLogsConfiguration: { LogGroupArn: arn },
        },
      ],
    });
    expect(set.status).toBe(200);
    const countBefore = (
      JSON.parse(
        (await jsonCall(first.endpoint, "us-east-1", "cognito-idp", "ListUserPools", { MaxResults: 60 }))
          .text,
      ) as { UserPools: unknown[] }
    ).UserPools.length;
    await first.close();

    // Only the state file remains: the temp file was renamed over it.
    expect(readdirSync(dir)).toEqual(["sandbox-state.json"]);

    const second = await startSandbox({ seed: "demo", dataDir: dir });
    try {
      const pools = JSON.parse(
        (await jsonCall(second.endpoint, "us-east-1", "cognito-idp", "ListUserPools", { MaxResults: 60 }))
          .text,
      ) as { UserPools: { Id: string }[] };
      expect(pools.UserPools.length).toBe(countBefore);
      const get = JSON.parse(
        (
          await jsonCall(second.endpoint, "us-east-1", "cognito-idp", "GetLogDeliveryConfiguration", {
            UserPoolId: poolId,
          })
        ).text,
      );
      expect(get.LogDeliveryConfiguration.LogConfigurations).toEqual([
        {
          LogLevel: "ERROR",
          EventSource: "userNotification",
          CloudWatchLogsConfiguration: { LogGroupArn: arn },
        },
      ]);
      const groups = JSON.parse(
        (
          await jsonCall(second.endpoint, "us-east-1", "logs", "DescribeLogGroups", {
            logGroupNamePrefix: "/survivor",
          })
        ).text,
      );
      expect(groups.logGroups.map((g: { logGroupName: string }) => g.logGroupName)).toEqual([
        "/survivor/group",
      ]);
      expect(second.regions).toEqual(["eu-west-1", "us-east-1"]);
    } finally {
      await second.close();
    }
  });

  it("saves while running, not only at close", async () => {
    const dir = tempDir();
    const sandbox = await startSandbox({ seed: "none", dataDir: dir });
    try {
      await jsonCall(sandbox.endpoint, "eu-west-1", "cognito-idp", "CreateUserPool", {
        PoolName: "saved-now",
      });
      const saved = JSON.parse(readFileSync(path.join(dir, "sandbox-state.json"), "utf8")) as {
        services: { cognito: { pools: { name: string }[] } };
      };
      expect(saved.services.cognito.pools.map((p) => p.name)).toEqual(["saved-now"]);
    } finally {
      await sandbox.close();
    }
  });

  it("refuses a corrupt state file with a message that says what to do", async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "sandbox-state.json"), "{ not json");
    await expect(startSandbox({ dataDir: dir })).rejects.toThrow(/not valid JSON; move it away/);
    expect(existsSync(path.join(dir, "sandbox-state.json"))).toBe(true);
  });
});
