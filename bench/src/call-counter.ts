/**
 * A counting proxy in front of the sandbox. The sandbox's own `calls()` counts per operation; the
 * floor of a fleet read depends on calls per REGION (the quota is per account and region, and
 * regions are read in parallel), and "no throttling ever shown" needs the answers' status. So
 * every request passes through here: region from the SigV4 scope, operation from X-Amz-Target,
 * status and AWS error type from the answer.
 */
import { Agent, createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface CallTally {
  /** region → operation → count of answers */
  byRegion: Record<string, Record<string, number>>;
  /** region → successful Cognito "user pool read" calls (ListUserPools, DescribeUserPool, GetLogDeliveryConfiguration) */
  cognitoReadsOk: Record<string, number>;
  /**
   * "<access key id> <region>" → the same reads. The quota is per account and region: the BFF signs
   * each account's calls with that account's role credentials (one access key per role session), so
   * the access key stands for the account without the counter having to know the sandbox's keys.
   */
  cognitoReadsOkByCredential: Record<string, number>;
  /** AWS error type (x-amzn-errortype or HTTP status) → count */
  errors: Record<string, number>;
  total: number;
}

const COGNITO_READS = new Set(["ListUserPools", "DescribeUserPool", "GetLogDeliveryConfiguration"]);

/**
 * One answered call as the counter saw it, for the phase timings (phases.ts): `startMs`/`endMs` since
 * the last reset (performance.now), `operation` as in the tally (a query-protocol call by its Action).
 */
export interface CallEvent {
  operation: string;
  credential: string;
  startMs: number;
  endMs: number;
  status: number;
}

export interface CallCounter {
  endpoint: string;
  tally(): CallTally;
  /** Every call answered since the last reset, in order of answer. */
  events(): CallEvent[];
  reset(): void;
  close(): Promise<void>;
}

function emptyTally(): CallTally {
  return { byRegion: {}, cognitoReadsOk: {}, cognitoReadsOkByCredential: {}, errors: {}, total: 0 };
}

export async function startCallCounter(sandboxEndpoint: string): Promise<CallCounter> {
  const upstream = new URL(sandboxEndpoint);
  const agent = new Agent({ keepAlive: true, maxSockets: 512 });
  let tally = emptyTally();
  let events: CallEvent[] = [];
  let epoch = performance.now();

  const server: Server = createServer((req, res) => {
    const auth = String(req.headers.authorization ?? "");
    const scope = /Credential=([^/]+)\/\d{8}\/([a-z0-9-]+)\//.exec(auth);
    const region = scope?.[2] ?? "unsigned";
    const credential = `${scope?.[1] ?? "unsigned"} ${region}`;
    const target = String(req.headers["x-amz-target"] ?? "");
    let operation = target.includes(".")
      ? target.slice(target.lastIndexOf(".") + 1)
      : target || `${req.method} ${req.url}`;
    const startMs = performance.now() - epoch;
    const startEpoch = epoch;
    // A query-protocol call (STS: AssumeRole) names its operation in the form body's Action.
    if (!target && req.method === "POST" && req.url === "/") {
      req.on("data", (chunk: Buffer) => {
        const action = /(?:^|&)Action=([A-Za-z]+)/.exec(chunk.toString("latin1"));
        if (action?.[1] && operation === "POST /") operation = action[1];
      });
    }
    const forward = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
        agent,
      },
      (answer) => {
        const status = answer.statusCode ?? 0;
        tally.total += 1;
        const perRegion = tally.byRegion[region] ?? {};
        tally.byRegion[region] = perRegion;
        perRegion[operation] = (perRegion[operation] ?? 0) + 1;
        if (status >= 200 && status < 300) {
          if (COGNITO_READS.has(operation)) {
            tally.cognitoReadsOk[region] = (tally.cognitoReadsOk[region] ?? 0) + 1;
            tally.cognitoReadsOkByCredential[credential] =
              (tally.cognitoReadsOkByCredential[credential] ?? 0) + 1;
          }
        } else {
          const type = String(answer.headers["x-amzn-errortype"] ?? `HTTP ${status}`);
          tally.errors[type] = (tally.errors[type] ?? 0) + 1;
        }
        if (startEpoch === epoch)
          events.push({ operation, credential, startMs, endMs: performance.now() - epoch, status });
        res.writeHead(status, answer.headers);
        answer.pipe(res);
      },
    );
    // A hung sandbox call: the client gives up and closes; pass that on.
    res.on("close", () => {
      if (!res.writableFinished) forward.destroy();
    });
    forward.on("error", () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    tally: () => structuredClone(tally),
    events: () => [...events],
    reset() {
      tally = emptyTally();
      events = [];
      epoch = performance.now();
    },
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        agent.destroy();
      });
    },
  };
}
