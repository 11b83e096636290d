import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { BFF_ENV, BFF_NODE_FLAGS } from "../src/node-flags.ts";

const REPO = fileURLToPath(new URL("../../../", import.meta.url));

describe("the BFF's Node flags", () => {
  it("are the ones the container and start:prod run node with", () => {
    const dockerfile = readFileSync(`${REPO}Dockerfile`, "utf8");
    const cmd = /^CMD (\[.*\])$/m.exec(dockerfile)?.[1];
    expect(cmd && JSON.parse(cmd)).toEqual(["node", ...BFF_NODE_FLAGS, "apps/bff/dist/main.js"]);
    const startProd = readFileSync(`${REPO}scripts/start-prod.sh`, "utf8");
    expect(startProd).toContain(`exec node ${BFF_NODE_FLAGS.join(" ")} apps/bff/dist/main.js`);
  });

  it("start with the environment the container and start:prod give them", () => {
    const dockerfile = readFileSync(`${REPO}Dockerfile`, "utf8");
    const runtimeStage = dockerfile.slice(dockerfile.lastIndexOf("\nFROM "));
    const startProd = readFileSync(`${REPO}scripts/start-prod.sh`, "utf8");
    for (const [name, value] of Object.entries(BFF_ENV)) {
      expect(runtimeStage).toMatch(new RegExp(`^\\s*(ENV )?${name}=${value}\\b`, "m"));
      expect(startProd).toContain(`export ${name}="\${${name}:-${value}}"`);
    }
  });

  it("are flags this Node accepts (a typo would stop the container at start)", async () => {
    const { execFileSync } = await import("node:child_process");
    expect(
      execFileSync(process.execPath, [...BFF_NODE_FLAGS, "-e", "process.stdout.write('ok')"]).toString(),
    ).toBe("ok");
  });
});
