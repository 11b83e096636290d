/**
 * Operator set-up at start-up. In aws mode the console refuses to run without an admin (nobody could
 * sign in to it). In sandbox mode it (re)creates the demo operators `admin` and `viewer`, with
 * passwords from CLC_DEMO_ADMIN_PASSWORD / CLC_DEMO_VIEWER_PASSWORD or freshly generated ones.
 */
import { randomBytes } from "node:crypto";
import type { OperatorRole } from "@clc/domain";
import type { FastifyPluginAsync } from "fastify";
import { createAuditSink } from "../audit/sink.ts";
import type { AuditSink } from "../services/audit-sink.ts";
import { createSqliteStores, databasePath } from "../store/sqlite.ts";
import type { OperatorStore, Stores } from "../store/types.ts";
import {
  assertAcceptablePassword,
  DEFAULT_SCRYPT_PARAMS,
  hashPassword,
  type ScryptParams,
} from "./password.ts";
import { createAccessControl } from "./plugin.ts";

export class NoAdminError extends Error {
  constructor(dataDir: string) {
    super(
      `No admin operator exists, so nobody could sign in.\n` +
        `Create one (you will be asked for a password), then start again:\n\n` +
        `  pnpm operators -- add alice --role admin\n\n` +
        `(operators live in ${databasePath(dataDir)}; set CLC_DATA_DIR to use another directory)`,
    );
    this.name = "NoAdminError";
  }
}

export interface DemoCredential {
  readonly username: string;
  readonly role: OperatorRole;
  /** Null when the password came from the environment (then it is not printed). */
  readonly generatedPassword: string | null;
  readonly fromVariable: string;
}

const DEMO_OPERATORS = [
  { username: "admin", role: "admin", variable: "CLC_DEMO_ADMIN_PASSWORD" },
  { username: "viewer", role: "viewer", variable: "CLC_DEMO_VIEWER_PASSWORD" },
] as const;

/** Creates the demo operators, or resets their password and role when they exist. */
export async function ensureDemoOperators(
  operators: OperatorStore,
  env: Readonly<Record<string, string | undefined>>,
  options: { params?: ScryptParams; now?: number } = {},
): Promise<DemoCredential[]> {
  const params = options.params ?? DEFAULT_SCRYPT_PARAMS;
  const now = options.now ?? Date.now();
  const credentials: DemoCredential[] = [];
  for (const demo of DEMO_OPERATORS) {
    const given = env[demo.variable];
    const password = given && given !== "" ? given : randomBytes(12).toString("base64url");
    try {
      assertAcceptablePassword(password);
    } catch (error) {
      throw new Error(`${demo.variable}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const passwordHash = await hashPassword(password, params);
    if (await operators.get(demo.username)) {
      await operators.setPasswordHash(demo.username, passwordHash, now);
      await operators.setRole(demo.username, demo.role, now);
    } else {
      await operators.add({ username: demo.username, role: demo.role, passwordHash }, now);
    }
    credentials.push({
      username: demo.username,
      role: demo.role,
      generatedPassword: given ? null : password,
      fromVariable: demo.variable,
    });
  }
  return credentials;
}

/** The lines main prints for the sandbox's demo operators (stdout, never the log). */
export function describeDemoCredentials(credentials: readonly DemoCredential[]): string {
  const lines = credentials.map((c) => {
    const password = c.generatedPassword ?? `(from ${c.fromVariable})`;
    return `  ${c.role.padEnd(6)}  username ${c.username.padEnd(7)} password ${password}`;
  });
  return `Sign in with a demo operator (sandbox only; new passwords at every start unless set in the environment):\n${lines.join("\n")}\n`;
}

export interface ConsoleAccess {
  readonly stores: Stores;
  /** For buildApp's `auth`. */
  readonly auth: FastifyPluginAsync;
  /** For buildApp's `audit`. */
  readonly audit: AuditSink;
  /** Sandbox mode: the demo operators to print. */
  readonly demoCredentials: readonly DemoCredential[];
  close(): Promise<void>;
}

/**
 * Opens the operator database in the data directory and gets the operators ready for the mode.
 * Throws NoAdminError in aws mode when there is no admin.
 */
export async function openConsoleAccess(options: {
  mode: "sandbox" | "aws";
  dataDir: string;
  env?: Readonly<Record<string, string | undefined>>;
}): Promise<ConsoleAccess> {
  const stores = createSqliteStores(databasePath(options.dataDir));
  try {
    let demoCredentials: DemoCredential[] = [];
    if (options.mode === "sandbox") {
      demoCredentials = await ensureDemoOperators(stores.operators, options.env ?? process.env);
    } else if ((await stores.operators.countByRole("admin")) === 0) {
      throw new NoAdminError(options.dataDir);
    }
    const audit = createAuditSink({ store: stores.audit });
    return {
      stores,
      auth: createAccessControl({ stores, audit }),
      audit,
      demoCredentials,
      close: () => stores.close(),
    };
  } catch (error) {
    await stores.close();
    throw error;
  }
}
