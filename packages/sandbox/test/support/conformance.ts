/** What both conformance runners share: checking an answer against a case's expectation, and saving values. */
import { contains, type ConformanceExpectation as Expectation, substitute, valueAt } from "@clc/conformance";
import { expect } from "vitest";

export interface Answer {
  status: number;
  /** The answer body as a client sees it (SDK output, or parsed JSON). */
  body: unknown;
  error?: { code: string; message: string };
}

/** Saves `name → dotted path` values of the answer into `vars`; a value that is not a string fails the case. */
export function saveValues(
  answer: Answer,
  save: Record<string, string> | undefined,
  vars: Record<string, string>,
): void {
  for (const [name, dotted] of Object.entries(save ?? {})) {
    const value = valueAt(answer.body, dotted);
    if (typeof value !== "string")
      throw new Error(`conformance: could not save ${name} from '${dotted}' of ${JSON.stringify(answer)}`);
    vars[name] = value;
  }
}

/** Status, error code and message (when the case gives it), and the body members the case names. */
export function checkAnswer(
  answer: Answer,
  expectation: Expectation,
  vars: Record<string, string>,
  label: string,
): void {
  const e = substitute(expectation, vars);
  expect(answer.status, `${label}: status of ${JSON.stringify(answer)}`).toBe(e.status);
  if (e.error) {
    expect(answer.error?.code, `${label}: error code`).toBe(e.error.code);
    if (e.error.message !== undefined)
      expect(answer.error?.message, `${label}: error message`).toBe(e.error.message);
  }
  if (e.body !== undefined) {
    expect(
      contains(answer.body, e.body, e.anyOrder ?? false),
      `${label}: body ${JSON.stringify(answer.body)} should contain ${JSON.stringify(e.body)}`,
    ).toBe(true);
  }
}
