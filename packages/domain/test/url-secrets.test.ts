import { describe, expect, it } from "vitest";
import { maskUrlSecrets, maskUrlSecretsDeep } from "../src/url-secrets.ts";

describe("maskUrlSecrets", () => {
  it("masks user info, every query value and the fragment, keeping what identifies the endpoint", () => {
    expect(maskUrlSecrets("https://user:pa55@logs.example.com:8443/in?token=abc&x=1#frag")).toBe(
      "https://********:********@logs.example.com:8443/in?token=********&x=********#********",
    );
    expect(maskUrlSecrets("https://only-a-token@logs.example.com/in")).toBe(
      "https://********@logs.example.com/in",
    );
    expect(maskUrlSecrets("https://logs.example.com/aws/org/stream/_kinesis_firehose")).toBe(
      "https://logs.example.com/aws/org/stream/_kinesis_firehose",
    );
  });

  it("masks a Sumo Logic source token (the last path segment)", () => {
    expect(
      maskUrlSecrets("https://endpoint1.collection.sumologic.com/receiver/v1/kinesis/log/ZaVnC4dhaV3u"),
    ).toBe("https://endpoint1.collection.sumologic.com/receiver/v1/kinesis/log/********");
  });

  it("masks every URL inside a text and leaves the rest, and is idempotent", () => {
    const text = 'Url "https://a:b@h.example/p?k=v" is invalid. See https://docs.example/x.';
    const masked = maskUrlSecrets(text);
    expect(masked).toBe(
      'Url "https://********:********@h.example/p?k=********" is invalid. See https://docs.example/x.',
    );
    expect(maskUrlSecrets(masked)).toBe(masked);
    expect(maskUrlSecrets("no url here: user:pass")).toBe("no url here: user:pass");
  });

  it("masks by shape what URL cannot parse", () => {
    expect(maskUrlSecrets("https://u:p@[bad/x?t=1")).not.toMatch(/u:p|t=1/);
  });

  it("masks strings at any depth of a value", () => {
    expect(maskUrlSecretsDeep({ a: ["https://x:y@h.example/"], n: 1, z: null })).toEqual({
      a: ["https://********:********@h.example/"],
      n: 1,
      z: null,
    });
  });
});
