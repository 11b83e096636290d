import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, SANDBOX_REGIONS } from "../src/config.ts";

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("configuration", () => {
  it("defaults to the sandbox with its seeded regions on loopback when no AWS configuration is present", () => {
    const config = loadConfig({});
    expect(config.mode).toBe("sandbox");
    expect(config.regions).toEqual([...SANDBOX_REGIONS]);
    expect(config.host).toBe("127.0.0.1");
    expect(config.port).toBe(3000);
    expect(config.cognitoReadRps).toBe(10);
    expect(config.sandboxSeed).toBe("demo");
    expect(config.awsRequestDeadlineMs).toBe(15_000);
  });

  it("reads the AWS deadline of a user request", () => {
    expect(loadConfig({ AWS_REQUEST_DEADLINE_MS: "2500" }).awsRequestDeadlineMs).toBe(2500);
  });

  it("defaults to aws mode when AWS configuration is present, with AWS_REGION as the region", () => {
    const config = loadConfig({ AWS_PROFILE: "ops", AWS_REGION: "ap-southeast-2" });
    expect(config.mode).toBe("aws");
    expect(config.regions).toEqual(["ap-southeast-2"]);
  });

  it("reads a region list and trims it", () => {
    expect(loadConfig({ CLC_REGIONS: " us-east-1, eu-west-1 ,us-east-1" }).regions).toEqual([
      "us-east-1",
      "eu-west-1",
    ]);
  });

  it.each([
    [{ PORT: "http" }, "PORT"],
    [{ PORT: "70000" }, "PORT"],
    [{ CLC_MODE: "prod" }, "CLC_MODE"],
    [{ CLC_REGIONS: "us-east-1,Europe" }, "CLC_REGIONS"],
    [{ COGNITO_READ_RPS: "0" }, "COGNITO_READ_RPS"],
    [{ AWS_CALL_TIMEOUT_MS: "-5" }, "AWS_CALL_TIMEOUT_MS"],
    [{ AWS_REQUEST_DEADLINE_MS: "50" }, "AWS_REQUEST_DEADLINE_MS"],
    [{ AWS_REQUEST_DEADLINE_MS: "15s" }, "AWS_REQUEST_DEADLINE_MS"],
    [{ LOG_LEVEL: "loud" }, "LOG_LEVEL"],
    [{ SANDBOX_ENDPOINT: "ftp://x" }, "SANDBOX_ENDPOINT"],
    [{ HOST: "0.0.0.0" }, "HOST"],
    [{ CLC_MODE: "aws" }, "CLC_REGIONS"],
  ])("rejects %j naming %s", (env, variable) => {
    const error = configError(env);
    expect(error.issues.map((i) => i.variable)).toContain(variable);
    expect(error.message).toContain(`${variable}:`);
  });

  it("keeps the state in SQLite unless DATABASE_URL names a PostgreSQL database, and never repeats that URL", () => {
    expect(loadConfig({}).databaseUrl).toBeNull();
    const url = "postgres://console:s3cret@db.internal:5432/console?sslmode=require";
    expect(loadConfig({ DATABASE_URL: url }).databaseUrl).toBe(url);
    const error = configError({ DATABASE_URL: "mysql://console:s3cret@db.internal/console" });
    expect(error.issues.map((i) => i.variable)).toEqual(["DATABASE_URL"]);
    expect(error.message).toContain("expected a PostgreSQL URL such as postgres://");
    expect(error.message).not.toContain("s3cret");
  });

  it("keeps audit records forever unless CLC_AUDIT_RETENTION_DAYS is a whole number of days", () => {
    const config = loadConfig({ CLC_DATA_DIR: "/srv/clc" });
    expect(config.auditRetentionDays).toBeNull();
    expect(config.auditExportDir).toBe("/srv/clc/audit-exports");
    const on = loadConfig({ CLC_AUDIT_RETENTION_DAYS: "365", CLC_AUDIT_EXPORT_DIR: "/archive/clc" });
    expect([on.auditRetentionDays, on.auditExportDir]).toEqual([365, "/archive/clc"]);
    for (const bad of ["0", "1.5", "a year", "36501"]) {
      expect(configError({ CLC_AUDIT_RETENTION_DAYS: bad }).issues.map((i) => i.variable)).toEqual([
        "CLC_AUDIT_RETENTION_DAYS",
      ]);
    }
    // An export directory alone would do nothing: say so rather than ignore it.
    expect(configError({ CLC_AUDIT_EXPORT_DIR: "/archive/clc" }).message).toContain(
      "CLC_AUDIT_EXPORT_DIR: only retention writes there",
    );
  });

  it("lets aws mode listen beyond loopback, answering to the host names it is given", () => {
    const config = loadConfig({
      CLC_MODE: "aws",
      AWS_REGION: "us-east-1",
      HOST: "0.0.0.0",
      CLC_ALLOWED_HOSTS: "Console.Example.com, console.internal:8443",
    });
    expect(config.host).toBe("0.0.0.0");
    expect(config.allowedHosts).toEqual(["console.example.com", "console.internal"]);
    expect(configError({ CLC_MODE: "aws", AWS_REGION: "us-east-1", HOST: "0.0.0.0" }).message).toContain(
      "CLC_ALLOWED_HOSTS: aws mode listening on 0.0.0.0 needs the host names",
    );
  });

  it("trusts only the proxies it lists, never any client that says it is one", () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: "127.0.0.1, 10.0.0.0/8,loopback" }).trustProxy).toEqual([
      "127.0.0.1",
      "10.0.0.0/8",
      "loopback",
    ]);
    for (const value of ["true", "1", "2", "10.0.0.0/99", "proxy.example.com"])
      expect(configError({ TRUST_PROXY: value }).issues.map((i) => i.variable)).toEqual(["TRUST_PROXY"]);
    expect(configError({ TRUST_PROXY: "true" }).message).toContain("list the addresses of the proxies");
  });

  it("bounds slow clients by default and keeps the limits consistent", () => {
    const { http } = loadConfig({});
    expect(http.headersTimeoutMs).toBeLessThanOrEqual(http.requestTimeoutMs);
    expect(http.idleTimeoutMs).toBeGreaterThan(loadConfig({}).awsRequestDeadlineMs);
    expect(http.maxConnections).toBeGreaterThan(0);
    expect(
      configError({ HTTP_HEADERS_TIMEOUT_MS: "5000", HTTP_REQUEST_TIMEOUT_MS: "1000" }).message,
    ).toContain("HTTP_HEADERS_TIMEOUT_MS");
    expect(
      configError({ AWS_REQUEST_DEADLINE_MS: "20000", HTTP_IDLE_TIMEOUT_MS: "10000" }).message,
    ).toContain("HTTP_IDLE_TIMEOUT_MS");
  });
});

describe("single sign-on settings", () => {
  const complete = {
    CLC_OIDC_ISSUER: "https://login.example.com/realms/ops",
    CLC_OIDC_CLIENT_ID: "console",
    CLC_OIDC_CLIENT_SECRET: "s3cret-value-never-echoed",
    CLC_OIDC_ADMIN_GROUPS: "console-admins, platform ",
  };

  it("is off by default, with local operators on", () => {
    const config = loadConfig({});
    expect(config.oidc).toBeNull();
    expect(config.localOperators).toBe(true);
  });

  it("reads a complete provider with its defaults", () => {
    expect(loadConfig(complete).oidc).toEqual({
      issuer: "https://login.example.com/realms/ops",
      clientId: "console",
      clientSecret: "s3cret-value-never-echoed",
      redirectUrl: null,
      providerName: "login.example.com",
      scopes: "openid profile email",
      groupsClaim: "groups",
      adminGroups: ["console-admins", "platform"],
      viewerGroups: [],
    });
  });

  it("names each missing piece, and never repeats the secret", () => {
    const error = configError({
      CLC_OIDC_ISSUER: "https://login.example.com",
      CLC_OIDC_CLIENT_ID: "console",
    });
    expect(error.issues.map((i) => i.variable).sort()).toEqual([
      "CLC_OIDC_ADMIN_GROUPS",
      "CLC_OIDC_CLIENT_SECRET",
    ]);
    expect(error.message).toContain("client secret");
    const wrong = configError({ ...complete, CLC_OIDC_ISSUER: "http://login.example.com" });
    expect(wrong.issues).toEqual([
      expect.objectContaining({ variable: "CLC_OIDC_ISSUER", message: expect.stringContaining("https") }),
    ]);
    expect(wrong.message).not.toContain(complete.CLC_OIDC_CLIENT_SECRET);
    expect(configError({ ...complete, CLC_OIDC_ISSUER: "not a url" }).issues[0]?.message).toMatch(
      /absolute URL/,
    );
  });

  it("allows http only for a provider on loopback", () => {
    expect(loadConfig({ ...complete, CLC_OIDC_ISSUER: "http://127.0.0.1:8080/" }).oidc?.issuer).toBe(
      "http://127.0.0.1:8080/",
    );
  });

  it("checks the redirect URL's path and the scopes", () => {
    expect(
      loadConfig({
        ...complete,
        CLC_OIDC_REDIRECT_URL: "https://console.example.com/api/session/oidc/callback",
      }).oidc?.redirectUrl,
    ).toBe("https://console.example.com/api/session/oidc/callback");
    expect(
      configError({ ...complete, CLC_OIDC_REDIRECT_URL: "https://console.example.com/callback" }).issues[0]
        ?.message,
    ).toContain("/api/session/oidc/callback");
    expect(configError({ ...complete, CLC_OIDC_SCOPES: "profile email" }).issues[0]?.variable).toBe(
      "CLC_OIDC_SCOPES",
    );
  });

  it("turns local operators off only with single sign-on on", () => {
    expect(loadConfig({ ...complete, CLC_LOCAL_OPERATORS: "off" }).localOperators).toBe(false);
    expect(configError({ CLC_LOCAL_OPERATORS: "off" }).issues[0]).toEqual({
      variable: "CLC_LOCAL_OPERATORS",
      message: expect.stringContaining("nobody could sign in"),
    });
    expect(configError({ CLC_LOCAL_OPERATORS: "maybe" }).issues[0]?.variable).toBe("CLC_LOCAL_OPERATORS");
  });
});
