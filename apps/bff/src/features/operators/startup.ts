/**
 * Operator set-up at start-up. In aws mode the console refuses to run without an admin (nobody could
 * sign in to it) and while a demo operator exists in its store (its password was printed at a sandbox
 * start: it must never reach a real account). In sandbox mode it (re)creates the demo operators
 * `admin` and `viewer`, with passwords from CLC_DEMO_ADMIN_PASSWORD / CLC_DEMO_VIEWER_PASSWORD or
 * freshly generated ones; it never rewrites an operator it did not create (origin "operator").
 */
import { randomBytes } from "node:crypto";
import type { OperatorRole } from "@clc/domain";
import { databasePath } from "../../store/sqlite/index.ts";
import type { OperatorStore, StoredOperator } from "../../store/types.ts";
import {
  assertAcceptablePassword,
  DEFAULT_SCRYPT_PARAMS,
  hashPassword,
  type ScryptParams,
} from "./password.ts";

export class NoAdminError extends Error {
  constructor(dataDir: string) {
    super(
      `No admin operator exists, so nobody could sign in.\n` +
        `Create one (you will be asked for a password), then start again:\n\n` +
        `  pnpm operators -- add alice --role admin --data-dir ${dataDir}\n\n` +
        `(operators live in ${databasePath(dataDir)}; set CLC_DATA_DIR to use another directory)`,
    );
    this.name = "NoAdminError";
  }
}

/** Aws mode found operators that a sandbox start created (their passwords were printed). */
export class DemoOperatorsInAwsModeError extends Error {
  constructor(
    dataDir: string,
    readonly usernames: readonly string[],
  ) {
    const names = usernames.join(", ");
    super(
      `Refusing to start in aws mode: ${databasePath(dataDir)} holds operator(s) created by the sandbox demo ` +
        `(${names}). Their passwords were printed at a sandbox start, so they must not reach a real AWS account.\n` +
        `Remove each one (add an admin of your own first if it is the only admin), then start again:\n\n` +
        usernames.map((name) => `  pnpm operators -- --data-dir ${dataDir} remove ${name}\n`).join("") +
        `\nOr, if you created one of them yourself and its password was never printed, claim it by setting a new password:\n\n` +
        `  pnpm operators -- --data-dir ${dataDir} reset-password <name>\n\n` +
        `(By default sandbox mode keeps its operators in another directory than aws mode; see CLC_DATA_DIR in apps/bff/README.md.)`,
    );
    this.name = "DemoOperatorsInAwsModeError";
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

/**
 * Creates the demo operators, or resets the password and role of those the demo created before. An
 * operator of the same name that an admin created (origin "operator") is left exactly as it is and
 * gets no demo credential.
 */
export async function ensureDemoOperators(
  operators: OperatorStore,
  env: Readonly<Record<string, string | undefined>>,
  options: { params?: ScryptParams; now?: number } = {},
): Promise<DemoCredential[]> {
  const params = options.params ?? DEFAULT_SCRYPT_PARAMS;
  const now = options.now ?? Date.now();
  const credentials: DemoCredential[] = [];
  for (const demo of DEMO_OPERATORS) {
    const existing = await operators.get(demo.username);
    if (existing && existing.origin !== "demo") continue;
    const given = env[demo.variable];
    const password = given && given !== "" ? given : randomBytes(12).toString("base64url");
    try {
      assertAcceptablePassword(password);
    } catch (error) {
      throw new Error(`${demo.variable}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const passwordHash = await hashPassword(password, params);
    if (existing) {
      await operators.setPasswordHash(demo.username, passwordHash, now);
      await operators.setRole(demo.username, demo.role, now);
    } else {
      await operators.add({ username: demo.username, role: demo.role, passwordHash, origin: "demo" }, now);
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

/** The operators of a store that a sandbox start created. */
export async function demoOperators(operators: OperatorStore): Promise<StoredOperator[]> {
  return (await operators.list()).filter((operator) => operator.origin === "demo");
}

/** The lines main prints for the sandbox's demo operators (stdout, never the log). */
export function describeDemoCredentials(credentials: readonly DemoCredential[]): string {
  const lines = credentials.map((c) => {
    const password = c.generatedPassword ?? `(from ${c.fromVariable})`;
    return `  ${c.role.padEnd(6)}  username ${c.username.padEnd(7)} password ${password}`;
  });
  return `Sign in with a demo operator (sandbox only; new passwords at every start unless set in the environment):\n${lines.join("\n")}\n`;
}

/**
 * Gets a store's operators ready for the mode: in sandbox mode (re)creates the demo operators and
 * answers their credentials; in aws mode answers none and throws DemoOperatorsInAwsModeError when a
 * demo operator exists, NoAdminError when there is no admin (and no single sign-on to bring one). `dataDir` is named in those messages.
 */
export async function prepareOperators(options: {
  mode: "sandbox" | "aws";
  dataDir: string;
  operators: OperatorStore;
  env: Readonly<Record<string, string | undefined>>;
  /** Single sign-on is on: its admins come from the provider's groups, so no local admin is needed. */
  singleSignOn?: boolean;
}): Promise<DemoCredential[]> {
  if (options.mode === "sandbox") return ensureDemoOperators(options.operators, options.env);
  const demo = await demoOperators(options.operators);
  if (demo.length > 0)
    throw new DemoOperatorsInAwsModeError(
      options.dataDir,
      demo.map((operator) => operator.username),
    );
  if (!options.singleSignOn && (await options.operators.countByRole("admin")) === 0)
    throw new NoAdminError(options.dataDir);
  return [];
}
