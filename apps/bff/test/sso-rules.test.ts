/** The pure rules of single sign-on (features/operators/sso.ts): groups, names, the sealed flow. */
import { describe, expect, it } from "vitest";
import {
  flowKey,
  groupsOf,
  openFlow,
  roleForGroups,
  sealFlow,
  ssoOperatorName,
} from "../src/features/operators/sso.ts";

const mapping = { adminGroups: ["ops-admins"], viewerGroups: ["ops", "auditors"] };

describe("single sign-on rules", () => {
  it("maps groups to a role, admin winning over viewer, none to null", () => {
    expect(roleForGroups(["ops", "ops-admins"], mapping)).toBe("admin");
    expect(roleForGroups(["auditors"], mapping)).toBe("viewer");
    expect(roleForGroups(["sales"], mapping)).toBeNull();
    expect(roleForGroups([], mapping)).toBeNull();
  });

  it("reads a list, a single string or a dotted path, ignoring what is not a string", () => {
    expect(groupsOf({ groups: ["a", 3, "b"] }, "groups")).toEqual(["a", "b"]);
    expect(groupsOf({ groups: "a" }, "groups")).toEqual(["a"]);
    expect(groupsOf({ realm_access: { roles: ["ops"] } }, "realm_access.roles")).toEqual(["ops"]);
    expect(groupsOf({}, "groups")).toEqual([]);
  });

  it("names operators sso:<preferred_username|email|sub>, cleaned so they never pass as a local name", () => {
    expect(ssoOperatorName({ sub: "1", preferred_username: "Alice", email: "a@x" })).toBe("sso:alice");
    expect(ssoOperatorName({ sub: "1", email: "Bob@Example.com" })).toBe("sso:bob@example.com");
    expect(ssoOperatorName({ sub: "248289761001" })).toBe("sso:248289761001");
    expect(ssoOperatorName({ sub: "1", preferred_username: "a b/c\u0000" })).toBe("sso:a_b_c_");
  });

  it("opens only flows it sealed, unchanged, with the same secret", () => {
    const flow = {
      state: "s",
      nonce: "n",
      verifier: "v",
      redirectUri: "https://console.example.com/api/session/oidc/callback",
      returnTo: "/",
      expiresAt: 1,
    };
    const key = flowKey("secret one");
    const sealed = sealFlow(flow, key);
    expect(openFlow(sealed, key)).toEqual(flow);
    expect(openFlow(sealed, flowKey("secret two"))).toBeNull();
    const raw = Buffer.from(sealed, "base64url");
    raw[raw.length - 1] = (raw[raw.length - 1] ?? 0) ^ 1;
    expect(openFlow(raw.toString("base64url"), key)).toBeNull();
    expect(openFlow("garbage", key)).toBeNull();
  });
});
