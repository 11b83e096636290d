/**
 * Manages the console's operators: `pnpm operators -- <command>`.
 *
 *   add <username> --role admin|viewer     asks for the password
 *   list
 *   set-role <username> admin|viewer
 *   reset-password <username>              asks for the new password
 *   remove <username>
 *   audit verify | audit prune             the audit trail's hash chain and retention (features/audit/cli.ts)
 *
 * Options: --data-dir <dir> (default CLC_DATA_DIR, else aws mode's <repo>/.data/aws: operators are
 * for aws mode; sandbox mode makes its own demo operators).
 * Passwords are read from the terminal without echo, or from stdin when it is piped
 * (`printf '%s\n' "$PW" | pnpm operators -- add alice --role admin`), never from the command line:
 * arguments end up in shell history and in every user's `ps`.
 */
import { userInfo } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { type OperatorRole, OperatorRoleSchema, UsernameSchema } from "@clc/domain";
import { defaultDataDir } from "../../config.ts";
import { describeStore, openStores } from "../../store/index.ts";
import { OperatorExistsError, type Stores } from "../../store/types.ts";
import { AUDIT_USAGE, runAuditCommand } from "../audit/cli.ts";
import { createAuditSink } from "../audit/sink.ts";
import type { AuditEntry } from "../audit/trail.ts";
import { assertAcceptablePassword, hashPassword } from "./password.ts";
import { SSO_OPERATOR_PREFIX } from "./sso.ts";

const USAGE = `Usage: pnpm operators -- <command> [options]

Commands:
  add <username> --role admin|viewer   create an operator (asks for the password)
  list                                 list operators and their roles
  set-role <username> admin|viewer     change an operator's role (ends their sessions)
  reset-password <username>            set a new password (asks for it; ends their sessions)
  remove <username>                    delete an operator (ends their sessions)

${AUDIT_USAGE}

Options:
  --data-dir <dir>   where the console keeps its database (default: CLC_DATA_DIR, else aws mode's <repo>/.data/aws)
  -h, --help         show this help

Passwords are typed at the prompt (not shown) or piped on stdin; never given as an argument.`;

/** A mistake in how the command was called: exit code 2 and the usage hint. */
class UsageError extends Error {}

const PASSWORD_FLAG = /^(-p|--pass(word)?|--pw|--secret)(=.*)?$/i;

function parseCommandLine(argv: string[]) {
  // `pnpm operators -- add …` may pass the `--` through.
  const args = argv[0] === "--" ? argv.slice(1) : argv;
  if (args.some((arg) => PASSWORD_FLAG.test(arg))) {
    throw new UsageError(
      "Passwords are never taken from the command line (shell history and `ps` would keep them). " +
        "Leave it out: you will be asked for it, or pipe it on stdin.",
    );
  }
  let parsed: ReturnType<typeof parse>;
  function parse(values: string[]) {
    return parseArgs({
      args: values,
      allowPositionals: true,
      strict: true,
      options: {
        role: { type: "string" },
        "data-dir": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  }
  try {
    parsed = parse(args);
  } catch (error) {
    // Node's message quotes the argument; it may be a mistyped password, so name only the kind of problem.
    const code = (error as { code?: string }).code;
    throw new UsageError(
      code === "ERR_PARSE_ARGS_UNKNOWN_OPTION"
        ? "Unknown option. The options are --role, --data-dir and --help."
        : "Could not read the options (does --role or --data-dir miss its value?).",
    );
  }
  return parsed;
}

function parseUsername(value: string | undefined): string {
  if (value === undefined) throw new UsageError("Name the operator, e.g. `add alice --role admin`.");
  const parsed = UsernameSchema.safeParse(value);
  if (!parsed.success)
    throw new UsageError(`Invalid username: ${parsed.error.issues[0]?.message ?? "invalid"}.`);
  return parsed.data;
}

function parseRole(value: string | undefined, how: string): OperatorRole {
  const parsed = OperatorRoleSchema.safeParse(value);
  if (!parsed.success) {
    throw new UsageError(
      value === undefined
        ? `Give the role: ${how} admin|viewer.`
        : `Unknown role "${value}": use admin or viewer.`,
    );
  }
  return parsed.data;
}

function expectPositionals(positionals: string[], count: number, command: string): void {
  if (positionals.length > count) {
    // Never echo the extra argument: it may be a password typed where it does not belong.
    throw new UsageError(
      `Too many arguments for "${command}". If that was a password, it is not taken from the command line: ` +
        "leave it out and type it at the prompt, or pipe it on stdin.",
    );
  }
}

/** Reads a password without echo from the terminal; from a pipe, the first line. */
async function readPassword(prompt: string, confirm: boolean): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
    const firstLine = Buffer.concat(chunks).toString("utf8").split(/\r?\n/)[0] ?? "";
    if (firstLine === "") throw new Error("No password on stdin: pipe it as the first line.");
    return firstLine;
  }
  const first = await promptHidden(prompt);
  if (confirm && (await promptHidden("Repeat it: ")) !== first)
    throw new Error("The two passwords differ; nothing changed.");
  return first;
}

function promptHidden(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stderr.write(prompt);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding("utf8");
    let value = "";
    const done = (error?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.removeListener("data", onData);
      process.stderr.write("\n");
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === "\r" || char === "\n") return done();
        if (char === "\u0003") return done(new Error("Cancelled."));
        if (char === "\u007f" || char === "\b") value = value.slice(0, -1);
        else if (char >= " ") value += char;
      }
    };
    stdin.on("data", onData);
  });
}

function cliActor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return "cli";
  }
}

function entry(fields: Pick<AuditEntry, "action" | "resource" | "before" | "after">): AuditEntry {
  return {
    operator: cliActor(),
    role: null,
    region: null,
    poolId: null,
    outcome: "success",
    attemptId: null,
    error: null,
    requestId: null,
    awsRequestId: null,
    ...fields,
  };
}

async function assertNotLastAdmin(stores: Stores, username: string, doing: string): Promise<void> {
  const operator = await stores.operators.get(username);
  if (operator?.role === "admin" && (await stores.operators.countByRole("admin")) === 1) {
    throw new Error(
      `${username} is the only admin; ${doing} would leave nobody able to manage the console. Add another admin first.`,
    );
  }
}

/** Where the command is among the arguments: the first that is neither an option nor an option's value. */
function commandIndex(args: readonly string[]): number {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    if (arg === "--data-dir" || arg === "--role") i++;
    else if (!arg.startsWith("-")) return i;
  }
  return -1;
}

/** The data directory a command means: --data-dir (relative to where it was typed), CLC_DATA_DIR, aws mode's. */
function chosenDataDir(given: string | undefined, typedIn: string): string {
  const chosen = given ?? (process.env.CLC_DATA_DIR || undefined);
  return chosen ? path.resolve(typedIn, chosen) : defaultDataDir("aws");
}

async function run(argv: string[], out: (line: string) => void): Promise<void> {
  // pnpm runs the script inside apps/bff; a relative --data-dir means relative to where the user typed it.
  const typedIn = process.env.INIT_CWD ?? process.cwd();
  const args = argv[0] === "--" ? argv.slice(1) : argv;
  // The audit commands take their own options (features/audit/cli.ts); they ask for no password.
  const auditAt = commandIndex(args);
  if (auditAt !== -1 && args[auditAt] === "audit") {
    return runAuditCommand([...args.slice(0, auditAt), ...args.slice(auditAt + 1)], out, {
      dataDir: chosenDataDir(undefined, typedIn),
      databaseUrl: process.env.DATABASE_URL || undefined,
      typedIn,
      actor: cliActor(),
    });
  }
  const { values, positionals } = parseCommandLine(argv);
  if (values.help || positionals.length === 0) {
    out(USAGE);
    if (!values.help) throw new UsageError("Name a command.");
    return;
  }
  const [command, ...rest] = positionals;
  const dataDir = chosenDataDir(values["data-dir"], typedIn);
  if (values.role !== undefined && command !== "add") throw new UsageError(`--role belongs to "add" only.`);

  // Validate everything the command line says before asking for a password or opening the database.
  let username = "";
  let role: OperatorRole = "viewer";
  switch (command) {
    case "list":
      expectPositionals(rest, 0, command);
      break;
    case "add":
      expectPositionals(rest, 1, command);
      username = parseUsername(rest[0]);
      role = parseRole(values.role, "--role");
      break;
    case "set-role":
      expectPositionals(rest, 2, command);
      username = parseUsername(rest[0]);
      role = parseRole(rest[1], `set-role ${rest[0] ?? "<username>"}`);
      break;
    case "reset-password":
      expectPositionals(rest, 1, command);
      username = parseUsername(rest[0]);
      break;
    case "remove":
      expectPositionals(rest, 1, command);
      // A single sign-on operator (sso.ts) too: removing it ends its sessions now; it comes back, with
      // the role of its groups, only if it signs in again through the provider.
      username = rest[0]?.startsWith(SSO_OPERATOR_PREFIX) ? rest[0].toLowerCase() : parseUsername(rest[0]);
      break;
    default:
      throw new UsageError(
        `Unknown command "${command}". The commands are add, list, set-role, reset-password, remove, audit.`,
      );
  }

  // DATABASE_URL set: the operators of the PostgreSQL store the console uses, as in main.ts.
  const where = { dataDir, databaseUrl: process.env.DATABASE_URL || undefined };
  const stores = await openStores(where);
  const audit = createAuditSink({ store: stores.audit });
  const now = Date.now();
  try {
    switch (command) {
      case "list": {
        const operators = await stores.operators.list();
        if (operators.length === 0) {
          out(`No operators in ${describeStore(where)}. Add one: pnpm operators -- add alice --role admin`);
          return;
        }
        const width = Math.max(8, ...operators.map((o) => o.username.length));
        out(`${"USERNAME".padEnd(width)}  ROLE    CREATED                   UPDATED`);
        for (const o of operators) {
          out(
            `${o.username.padEnd(width)}  ${o.role.padEnd(6)}  ${new Date(o.createdAt).toISOString()}  ${new Date(o.updatedAt).toISOString()}`,
          );
        }
        return;
      }
      case "add": {
        if (await stores.operators.get(username)) throw new OperatorExistsError(username);
        const password = await readPassword(`Password for ${username} (at least 12 characters): `, true);
        assertAcceptablePassword(password);
        await stores.operators.add({ username, role, passwordHash: await hashPassword(password) }, now);
        await audit.record(
          entry({ action: "operator.add", resource: `operator:${username}`, before: null, after: { role } }),
        );
        out(`Added ${username} (${role}).`);
        return;
      }
      case "set-role": {
        const existing = await stores.operators.get(username);
        if (!existing) throw new Error(`No operator named ${username}. See: pnpm operators -- list`);
        if (role === "viewer") await assertNotLastAdmin(stores, username, "making them a viewer");
        await stores.operators.setRole(username, role, now);
        const ended = await stores.sessions.deleteForOperator(username);
        await audit.record(
          entry({
            action: "operator.set-role",
            resource: `operator:${username}`,
            before: { role: existing.role },
            after: { role },
          }),
        );
        out(`${username} is now ${role}${ended ? `; ${ended} session(s) ended` : ""}.`);
        return;
      }
      case "reset-password": {
        if (!(await stores.operators.get(username))) {
          throw new Error(`No operator named ${username}. See: pnpm operators -- list`);
        }
        const password = await readPassword(`New password for ${username} (at least 12 characters): `, true);
        assertAcceptablePassword(password);
        // A new password typed by an admin makes the operator theirs: a demo operator stops being one.
        await stores.operators.setPasswordHash(username, await hashPassword(password), now, {
          origin: "operator",
        });
        const ended = await stores.sessions.deleteForOperator(username);
        await audit.record(
          entry({
            action: "operator.reset-password",
            resource: `operator:${username}`,
            before: null,
            after: null,
          }),
        );
        out(`Password of ${username} changed${ended ? `; ${ended} session(s) ended` : ""}.`);
        return;
      }
      case "remove": {
        const existing = await stores.operators.get(username);
        if (!existing) throw new Error(`No operator named ${username}. See: pnpm operators -- list`);
        await assertNotLastAdmin(stores, username, "removing them");
        await stores.operators.remove(username);
        await audit.record(
          entry({
            action: "operator.remove",
            resource: `operator:${username}`,
            before: { role: existing.role },
            after: null,
          }),
        );
        out(`Removed ${username}.`);
        return;
      }
    }
  } finally {
    await stores.close();
  }
}

run(process.argv.slice(2), (line) => process.stdout.write(`${line}\n`)).then(
  () => process.exit(0),
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${message}\n`);
    if (error instanceof UsageError)
      process.stderr.write("Run `pnpm operators -- --help` for the commands.\n");
    const exitCode = (error as { exitCode?: unknown }).exitCode;
    process.exit(error instanceof UsageError ? 2 : typeof exitCode === "number" ? exitCode : 1);
  },
);
