/**
 * Operator set-up at start-up. In aws mode the console refuses to run without an admin (nobody could
 * sign in to it) and while a demo operator exists in its store (its password was printed at a sandbox
 * start: it must never reach a real account). In sandbox mode it (re)creates the demo operators
 * `admin` and `viewer`, with passwords from CLC_DEMO_ADMIN_PASSWORD / CLC_DEMO_VIEWER_PASSWORD or
 * freshly generated ones; it never rewrites an operator it did not create (origin "operator").
 */
import { randomBytes } from "node:crypto";
import type { OperatorRole } from "@clc/domain";
import { describeStore } from "../../store/index.ts";
import { OperatorExistsError, type OperatorStore, type StoredOperator } from "../../store/types.ts";
import {
  assertAcceptablePassword,
  DEFAULT_SCRYPT_PARAMS,
  hashPassword,
  type ScryptParams,
} from "./password.ts";

/** The store the console opened: SQLite in `dataDir`, or PostgreSQL when `databaseUrl` is set. */
export interface StoreLocation {
  readonly dataDir: string;
  readonly databaseUrl?: string | null | undefined;
}

/** How the operators CLI reaches the same store: `--data-dir <dir>`, or DATABASE_URL set as for the console. */
function cliTarget(where: StoreLocation): { option: string; note: string } {
  if (where.databaseUrl)
    return {
      option: "",
      note: `operators live in the ${describeStore(where)}; run the command with DATABASE_URL set as for the console`,
    };
  return {
    option: ` --data-dir ${where.dataDir}`,
    note: `operators live in ${describeStore(where)}; set CLC_DATA_DIR to use another directory`,
  };
}

export class NoAdminError extends Error {
  constructor(where: StoreLocation) {
    const { option, note } = cliTarget(where);
    super(
      `No admin operator exists, so nobody could sign in.\n` +
        `Create one (you will be asked for a password), then start again:\n\n` +
        `  pnpm operators -- add alice --role admin${option}\n\n` +
        `(${note})`,
    );
    this.name = "NoAdminError";
  }
}

/** Aws mode found operators that a sandbox start created (their passwords were printed). */
export class DemoOperatorsInAwsModeError extends Error {
  constructor(
    where: StoreLocation,
    readonly usernames: readonly string[],
  ) {
    const names = usernames.join(", ");
    const { option } = cliTarget(where);
    super(
      `Refusing to start in aws mode: ${where.databaseUrl ? "the " : ""}${describeStore(where)} holds operator(s) created by the sandbox demo ` +
        `(${names}). Their passwords were printed at a sandbox start, so they must not reach a real AWS account.\n` +
        `Remove each one (add an admin of your own first if it is the only admin), then start again:\n\n` +
        usernames.map((name) => `  pnpm operators --${option} remove ${name}\n`).join("") +
        `\nOr, if you created one of them yourself and its password was never printed, claim it by setting a new password:\n\n` +
        `  pnpm operators --${option} reset-password <name>\n\n` +
        (where.databaseUrl
          ? "(Run those with DATABASE_URL set as for the console. Sandbox mode should use another database than aws mode.)"
          : `(By default sandbox mode keeps its operators in another directory than aws mode; see CLC_DATA_DIR in apps/bff/README.md.)`),
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
    let demoExists = existing !== null;
    if (!demoExists) {
      try {
        await operators.add({ username: demo.username, role: demo.role, passwordHash, origin: "demo" }, now);
      } catch (error) {
        if (!(error instanceof OperatorExistsError)) throw error;
        // Another replica starting on the same database added it since we looked: rewrite it as a
        // later start would, unless what was added is an operator's own.
        if ((await operators.get(demo.username))?.origin !== "demo") continue;
        demoExists = true;
      }
    }
    if (demoExists) {
      await operators.setPasswordHash(demo.username, passwordHash, now);
      await operators.setRole(demo.username, demo.role, now);
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
 * demo operator exists, NoAdminError when there is no admin (and no single sign-on to bring one).
 * Those messages name the store (`databaseUrl` set: the PostgreSQL database, else the SQLite file in
 * `dataDir`).
 */
export async function prepareOperators(options: {
  mode: "sandbox" | "aws";
  dataDir: string;
  databaseUrl?: string | null | undefined;
  operators: OperatorStore;
  env: Readonly<Record<string, string | undefined>>;
  /** Single sign-on is on: its admins come from the provider's groups, so no local admin is needed. */
  singleSignOn?: boolean;
}): Promise<DemoCredential[]> {
  if (options.mode === "sandbox") return ensureDemoOperators(options.operators, options.env);
  const demo = await demoOperators(options.operators);
  if (demo.length > 0)
    throw new DemoOperatorsInAwsModeError(
      options,
      demo.map((operator) => operator.username),
    );
  if (!options.singleSignOn && (await options.operators.countByRole("admin")) === 0)
    throw new NoAdminError(options);
  return [];
}
