import { expect } from 'vitest';

interface Answer {
  status: number;
  headers: Record<string, string>;
  /** The parsed body: checked here before it is read as a problem. */
  json: unknown;
}

/** The problem+json body as the contract describes it. */
interface ProblemJson {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors: { path: string; message: string }[];
}

/**
 * Asserts an RFC 9457 problem answer as the contract describes it: the status, the
 * `application/problem+json` content type and `{type, title, status, detail, errors:[{path, message}]}`.
 */
export function expectProblem(answer: Answer, status: number): void {
  expect(answer.status).toBe(status);
  expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(answer.json).toEqual({
    type: expect.any(String),
    title: expect.any(String),
    status,
    detail: expect.any(String),
    errors: expect.any(Array),
  });
  const problem = answer.json as ProblemJson;
  expect(problem.type).not.toBe('');
  expect(problem.detail).not.toBe('');
  for (const error of problem.errors) {
    expect(error).toEqual({ path: expect.any(String), message: expect.any(String) });
  }
}

/** The `errors[].path` values of a problem answer. */
export function problemPaths(answer: Answer): string[] {
  return (answer.json as ProblemJson).errors.map((e) => e.path);
}

/** The forms in which a raw identifier could leak: as typed, its digits, and its digits without the last 4. */
function leakForms(value: string): string[] {
  const digitsOnly = value.replace(/\D/g, '');
  const forms = new Set([value, value.trim(), digitsOnly]);
  // The mask may show the last 4 digits, nothing more: the rest must never appear either.
  if (digitsOnly.length >= 8) forms.add(digitsOnly.slice(0, -4));
  return [...forms].filter((f) => f.length >= 6);
}

/** Asserts that none of the given raw identifiers appears, in any form, in the serialized data. */
export function expectNoRawIdentifiers(data: unknown, values: readonly string[]): void {
  const text = typeof data === 'string' ? data : JSON.stringify(data);
  for (const value of values) {
    for (const form of leakForms(value)) {
      expect(text.includes(form), `raw identifier form "${form}" found in stored data`).toBe(false);
    }
  }
}

/** The mask the contract allows for an identifier: everything but the last 4 digits hidden. */
export function expectedMask(value: string): string {
  const digitsOnly = value.replace(/\D/g, '');
  return '*'.repeat(digitsOnly.length - 4) + digitsOnly.slice(-4);
}
