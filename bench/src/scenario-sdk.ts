/**
 * A reference for the organization read's CPU (issue 14): the same Cognito reads made by SDK v3
 * alone (sdk-child.ts), in a fresh process with the BFF's Node flags and environment, as the BFF
 * makes them (a client per account and region, `perPlace` reads in flight each, paced at the
 * quota), against a sandbox with the cold run's latency. The sandbox's own quota is off: the child
 * paces itself, and what is measured is the CPU of a call.
 */
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { startSandbox } from "@clc/sandbox";
import { BFF_ENV, BFF_NODE_FLAGS } from "../../apps/bff/src/node-flags.ts";
import { QUIET_SDK_ENV } from "./bff-process.ts";
import { progress } from "./progress.ts";
import { COLD_REALISM } from "./scenario-cold.ts";
import type { SdkChildResult } from "./sdk-child.ts";

export interface SdkResults extends SdkChildResult {
  /** Accounts × regions, each with a client of its own. */
  places: number;
  /** Reads in flight per place at most (the BFF's COGNITO_MAX_CONCURRENCY). */
  perPlace: number;
  /** Reads per second per place (the org run's COGNITO_READ_RPS). */
  rps: number;
  nodeFlags: readonly string[];
}

const CHILD = fileURLToPath(new URL("./sdk-child.ts", import.meta.url));

export async function runSdkAlone(options: {
  pools: number;
  places: number;
  perPlace: number;
  rps: number;
}): Promise<SdkResults> {
  progress(`sdk: seeding the sandbox with ${options.pools} pools (SDK v3 alone, reference for org)`);
  const sandbox = await startSandbox({
    seed: `fleet:${options.pools}`,
    realism: { ...COLD_REALISM, quotas: { ...COLD_REALISM.quotas, enabled: false } },
  });
  try {
    const regions = sandbox.regions.length > 0 ? sandbox.regions : ["us-east-1"];
    const output = await new Promise<string>((resolve, reject) => {
      // The bench's own loader (tsx, in execArgv) runs the TypeScript child; the flags are the BFF's.
      const child = fork(
        CHILD,
        [
          JSON.stringify({
            endpoint: sandbox.endpoint,
            regions,
            places: options.places,
            perPlace: options.perPlace,
            rps: options.rps,
          }),
        ],
        {
          execArgv: [...process.execArgv, ...BFF_NODE_FLAGS],
          env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...BFF_ENV, ...QUIET_SDK_ENV },
          stdio: ["ignore", "pipe", "inherit", "ipc"],
        },
      );
      let out = "";
      child.stdout?.on("data", (chunk: Buffer) => {
        out += chunk.toString("utf8");
      });
      child.on("error", reject);
      // "close", not "exit": the child's stdout has been read to its end by then.
      child.on("close", (code) =>
        code === 0 ? resolve(out) : reject(new Error(`the SDK reference process exited with ${code}`)),
      );
    });
    const result = JSON.parse(output.trim().split("\n").at(-1) ?? "") as SdkChildResult;
    const perCall = (p: SdkChildResult["first"]) => (p.cpuMs / p.calls).toFixed(2);
    progress(
      `sdk: ${result.first.calls} calls, CPU per call ${perCall(result.first)} ms in the process's first pass, ${perCall(result.again)} ms in the second, ${perCall(result.gateway)} ms through the BFF's gateway (warm)`,
    );
    return {
      ...result,
      places: options.places,
      perPlace: options.perPlace,
      rps: options.rps,
      nodeFlags: BFF_NODE_FLAGS,
    };
  } finally {
    await sandbox.close();
  }
}
