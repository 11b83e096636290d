/**
 * AWS service-model shapes and the two checks AWS runs before an operation sees its input:
 * deserialization (a member of the wrong JSON type → SerializationException) and model constraints
 * (required, length, pattern, enum, range), collected into one InvalidParameterException/ValidationException
 * in AWS's "N validation errors detected: …" format (see shared/docs/aws-log-delivery.md §2).
 */
import type { XmlObject } from "./protocols/xml.ts";
import { AwsError, type CallContext, type JsonOperation, type QueryOperation } from "./types.ts";

/** A string member: length in code points, a Java pattern matched in full, or a closed set of values. */
export interface StringShape<E extends string = string> {
  readonly kind: "string";
  readonly min?: number;
  readonly max?: number;
  readonly pattern?: string;
  readonly enum?: readonly E[];
}
export interface IntegerShape {
  readonly kind: "integer";
  readonly min?: number;
  readonly max?: number;
}
export interface BooleanShape {
  readonly kind: "boolean";
}
/** Epoch seconds on the wire (awsJson1_1). */
export interface TimestampShape {
  readonly kind: "timestamp";
}
export interface ListShape<M extends Shape = Shape> {
  readonly kind: "list";
  readonly member: M;
  readonly min?: number;
  readonly max?: number;
}
export interface MapShape<K extends Shape = Shape, V extends Shape = Shape> {
  readonly kind: "map";
  readonly key: K;
  readonly value: V;
  readonly min?: number;
  readonly max?: number;
}
export interface StructureShape<
  M extends Readonly<Record<string, Member>> = Readonly<Record<string, Member>>,
> {
  readonly kind: "structure";
  /** The model's name, printed by `renderValue` as Java's `toString` does. */
  readonly name: string;
  readonly members: M;
}
/** Accepted as sent: parts of a model we store and echo but do not check. */
export interface DocumentShape {
  readonly kind: "document";
}

export type Shape =
  | StringShape
  | IntegerShape
  | BooleanShape
  | TimestampShape
  | ListShape
  | MapShape
  | StructureShape
  | DocumentShape;

export interface Member<S extends Shape = Shape> {
  readonly shape: S;
  readonly required?: boolean;
}

/**
 * The TypeScript type of the value a shape accepts, once `deserialize` has dropped nulls: one
 * declaration gives both the runtime checks and the operation's input type (as zod's `z.infer`).
 * Enums become unions of their values; documents are `unknown`; required members are not optional.
 */
export type ShapeType<S> =
  // The wide `Shape` (a member of an undeclared list or map) says nothing: stop there, do not recurse.
  Shape extends S
    ? unknown
    : S extends StringShape<infer E>
      ? E
      : S extends IntegerShape | TimestampShape
        ? number
        : S extends BooleanShape
          ? boolean
          : S extends ListShape<infer M>
            ? ShapeType<M>[]
            : S extends MapShape<infer K, infer V>
              ? Record<ShapeType<K> & string, ShapeType<V>>
              : S extends StructureShape<infer M>
                ? StructureType<M>
                : unknown;

type StructureType<M extends Readonly<Record<string, Member>>> = {
  -readonly [K in keyof M as M[K] extends { required: true } ? K : never]: ShapeType<M[K]["shape"]>;
} & {
  -readonly [K in keyof M as M[K] extends { required: true } ? never : K]?: ShapeType<M[K]["shape"]>;
} extends infer T
  ? { [K in keyof T]: T[K] }
  : never;

type StringLimits = { min?: number; max?: number; pattern?: string };
type SizeLimits = { min?: number; max?: number };

export const str = <const E extends string = string>(
  c: StringLimits & { enum?: readonly E[] } = {},
): StringShape<E> => ({ kind: "string", ...c });
export const int = (c: SizeLimits = {}): IntegerShape => ({ kind: "integer", ...c });
export const bool: BooleanShape = { kind: "boolean" };
export const timestamp: TimestampShape = { kind: "timestamp" };
export const doc: DocumentShape = { kind: "document" };
export const list = <M extends Shape>(member: M, c: SizeLimits = {}): ListShape<M> => ({
  kind: "list",
  member,
  ...c,
});
export const map = <K extends Shape, V extends Shape>(
  key: K,
  value: V,
  c: SizeLimits = {},
): MapShape<K, V> => ({
  kind: "map",
  key,
  value,
  ...c,
});

/** A member written as a bare shape is optional; `required(shape)` marks it required. */
type MemberOf<T> = T extends Member ? T : T extends Shape ? Member<T> : never;

export const struct = <const T extends Record<string, Shape | Member>>(
  name: string,
  members: T,
): StructureShape<{ readonly [K in keyof T]: MemberOf<T[K]> }> => ({
  kind: "structure",
  name,
  members: Object.fromEntries(
    Object.entries(members).map(([k, v]) => [k, "shape" in v ? v : { shape: v }]),
  ) as { readonly [K in keyof T]: MemberOf<T[K]> },
});
export const required = <S extends Shape>(shape: S): { readonly shape: S; readonly required: true } => ({
  shape,
  required: true,
});

function jsonTypeOf(value: unknown): string {
  if (Array.isArray(value)) return "array";
  if (value === null) return "null";
  return typeof value;
}

function wrongType(expected: string, value: unknown, path: string): AwsError {
  // Our text: AWS answers SerializationException here but its message is not known (rules doc §2.1).
  return new AwsError(
    "SerializationException",
    `Cannot deserialize ${jsonTypeOf(value)} as ${expected} at '${path || "input"}'`,
  );
}

const wirePath = (path: string, member: string) => (path ? `${path}.${member}` : member);

/**
 * Step 1: check JSON types and drop what AWS drops (nulls: a null member is absent, a null list
 * element is removed — `[null]` becomes `[]`, measured). Unknown members are ignored, as AWS does.
 */
export function deserialize(shape: Shape, value: unknown, path = ""): unknown {
  switch (shape.kind) {
    case "string":
      if (typeof value !== "string") throw wrongType("string", value, path);
      return value;
    case "integer":
      if (typeof value !== "number" || !Number.isInteger(value)) throw wrongType("integer", value, path);
      return value;
    case "boolean":
      if (typeof value !== "boolean") throw wrongType("boolean", value, path);
      return value;
    case "timestamp":
      if (typeof value !== "number") throw wrongType("timestamp", value, path);
      return value;
    case "document":
      return value;
    case "list": {
      if (!Array.isArray(value)) throw wrongType("list", value, path);
      return value.filter((v) => v !== null).map((v, i) => deserialize(shape.member, v, `${path}[${i}]`));
    }
    case "map": {
      if (typeof value !== "object" || value === null || Array.isArray(value))
        throw wrongType("map", value, path);
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        if (v === null) continue;
        out[k] = deserialize(shape.value, v, `${path}.${k}`);
      }
      return out;
    }
    case "structure": {
      if (typeof value !== "object" || value === null || Array.isArray(value))
        throw wrongType("structure", value, path);
      const input = value as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const [name, member] of Object.entries(shape.members)) {
        const v = input[name];
        if (v === undefined || v === null) continue;
        out[name] = deserialize(member.shape, v, wirePath(path, name));
      }
      return out;
    }
  }
}

/** AWS's messages use the member name with its first letter lowered: `LogConfigurations` → `logConfigurations`. */
const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** The value as AWS prints it in a constraint message: Java `toString` of the model object. */
export function renderValue(shape: Shape, value: unknown): string {
  if (value === undefined || value === null) return "null";
  switch (shape.kind) {
    case "list":
      return `[${(value as unknown[]).map((v) => renderValue(shape.member, v)).join(", ")}]`;
    case "map":
      return `{${Object.entries(value as Record<string, unknown>)
        .map(([k, v]) => `${k}=${renderValue(shape.value, v)}`)
        .join(", ")}}`;
    case "structure": {
      const obj = value as Record<string, unknown>;
      const fields = Object.entries(shape.members).map(
        ([n, m]) => `${lowerFirst(n)}=${renderValue(m.shape, obj[n])}`,
      );
      return `${shape.name}(${fields.join(", ")})`;
    }
    case "document":
      return JSON.stringify(value);
    default:
      return String(value);
  }
}

function lengthOf(value: unknown): number {
  if (typeof value === "string") return [...value].length;
  if (Array.isArray(value)) return value.length;
  return Object.keys(value as object).length;
}

const patternCache = new Map<string, RegExp>();
function fullMatch(pattern: string, value: string): boolean {
  let re = patternCache.get(pattern);
  if (!re) {
    // Java patterns with \p{…} classes (tag keys and values) need a Unicode regex; the others keep
    // the non-Unicode reading, where escapes such as `\:` are identity escapes.
    re = new RegExp(`^(?:${pattern})$`, pattern.includes("\\p{") ? "su" : "s");
    patternCache.set(pattern, re);
  }
  return re.test(value);
}

/** Step 2: the model's constraints, in model order; a list's own constraint comes before its elements' (measured). */
export function collectViolations(shape: Shape, value: unknown, path: string, out: string[]): void {
  const fail = (constraint: string) => {
    const shown =
      value === undefined || value === null ? "Value null" : `Value '${renderValue(shape, value)}'`;
    out.push(`${shown} at '${path}' failed to satisfy constraint: ${constraint}`);
  };
  if (value === undefined || value === null) return;
  switch (shape.kind) {
    case "string": {
      const s = value as string;
      if (shape.min !== undefined && lengthOf(s) < shape.min)
        fail(`Member must have length greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && lengthOf(s) > shape.max)
        fail(`Member must have length less than or equal to ${shape.max}`);
      if (shape.pattern !== undefined && !fullMatch(shape.pattern, s))
        fail(`Member must satisfy regular expression pattern: ${shape.pattern}`);
      // AWS prints the enum set sorted (measured: [userAuthEvents, userNotification]).
      if (shape.enum && !shape.enum.includes(s))
        fail(`Member must satisfy enum value set: [${[...shape.enum].sort().join(", ")}]`);
      return;
    }
    case "integer": {
      const n = value as number;
      if (shape.min !== undefined && n < shape.min)
        fail(`Member must have value greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && n > shape.max)
        fail(`Member must have value less than or equal to ${shape.max}`);
      return;
    }
    case "list": {
      const items = value as unknown[];
      if (shape.min !== undefined && items.length < shape.min)
        fail(`Member must have length greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && items.length > shape.max)
        fail(`Member must have length less than or equal to ${shape.max}`);
      items.forEach((item, i) => {
        collectViolations(shape.member, item, `${path}.${i + 1}.member`, out);
      });
      return;
    }
    case "map": {
      const entries = Object.entries(value as Record<string, unknown>);
      if (shape.min !== undefined && entries.length < shape.min)
        fail(`Member must have length greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && entries.length > shape.max)
        fail(`Member must have length less than or equal to ${shape.max}`);
      for (const [k, v] of entries) {
        const keyProblems: string[] = [];
        collectViolations(shape.key, k, path, keyProblems);
        for (const p of keyProblems)
          out.push(
            p.replace(
              "failed to satisfy constraint: ",
              "failed to satisfy constraint: Map keys must satisfy constraint: ",
            ),
          );
        collectViolations(shape.value, v, `${path}.${k}.member`, out);
      }
      return;
    }
    case "structure": {
      const obj = value as Record<string, unknown>;
      for (const [name, member] of Object.entries(shape.members)) {
        const v = obj[name];
        const memberPath = path ? `${path}.${lowerFirst(name)}` : lowerFirst(name);
        if ((v === undefined || v === null) && member.required) {
          out.push(`Value null at '${memberPath}' failed to satisfy constraint: Member must not be null`);
          continue;
        }
        collectViolations(member.shape, v, memberPath, out);
      }
      return;
    }
    default:
      return;
  }
}

/**
 * Both steps for an operation's input. Throws SerializationException for wrong JSON types, then
 * one `errorCode` (InvalidParameterException for cognito-idp, ValidationException elsewhere) listing
 * every violated constraint.
 */
export function parseInput<S extends StructureShape>(
  shape: S,
  input: unknown,
  errorCode?: string,
): ShapeType<S>;
export function parseInput(
  shape: StructureShape,
  input: unknown,
  errorCode = "InvalidParameterException",
): unknown {
  const value = deserialize(shape, input) as Record<string, unknown>;
  const problems: string[] = [];
  collectViolations(shape, value, "", problems);
  if (problems.length > 0) {
    const header =
      problems.length === 1
        ? "1 validation error detected: "
        : `${problems.length} validation errors detected: `;
    throw new AwsError(errorCode, header + problems.join("; "));
  }
  return value;
}

/**
 * An operation declared by its input shape: the handler gets the input after both checks, typed
 * from the shape (`ShapeType`), so the shape is the one declaration of what the operation takes.
 * `errorCode` as for `parseInput`.
 */
export function operation<S extends StructureShape>(
  shape: S,
  handler: (input: ShapeType<S>, ctx: CallContext) => unknown,
  errorCode?: string,
): JsonOperation {
  return (raw, ctx) => handler(parseInput(shape, raw, errorCode), ctx);
}

/** `operation` for a service whose constraint errors carry another code (Firehose: `ValidationException`). */
export function operationWith(errorCode: string) {
  return <S extends StructureShape>(
    shape: S,
    handler: (input: ShapeType<S>, ctx: CallContext) => unknown,
  ): JsonOperation => operation(shape, handler, errorCode);
}

/**
 * `operation` for awsQuery (iam): the parameters arrive flat and as text, so the shape's integer
 * members become numbers first when they read as integers (anything else stays text and fails
 * deserialization as a wrong type). Constraint errors carry `ValidationError`, IAM's code (botocore
 * `iam/2010-05-08`: `ValidationError`, not JSON's `ValidationException`).
 */
export function queryOperation<S extends StructureShape>(
  shape: S,
  handler: (input: ShapeType<S>, ctx: CallContext) => XmlObject | undefined,
  errorCode = "ValidationError",
): QueryOperation {
  const integers = Object.entries(shape.members)
    .filter(([, member]) => member.shape.kind === "integer")
    .map(([name]) => name);
  return (params, ctx) => {
    const input: Record<string, unknown> = { ...params };
    for (const name of integers) {
      const value = params[name];
      if (value !== undefined && /^-?\d+$/.test(value)) input[name] = Number(value);
    }
    return handler(parseInput(shape, input, errorCode), ctx);
  };
}
