/**
 * RFC 9457 problem details: the one builder for every error body Salyk answers with — the Lambda
 * handlers, API Gateway's own responses (infra) and the local server all build theirs here, so a
 * client can switch on `type` wherever the problem came from.
 */

/** One field that failed, with the path as the client sent it (e.g. `body.items.3.value`). */
export interface ProblemFieldError {
  path: string;
  message: string;
}

/** The JSON body of an `application/problem+json` answer. */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors: ProblemFieldError[];
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** A stable URN per title, e.g. `Unauthorized` → `urn:salyk:problem:unauthorized`. */
export function problemType(title: string): string {
  return `urn:salyk:problem:${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
}

/** Builds a problem body; `errors` is always present (empty when no field is to blame). */
export function problemBody(
  status: number,
  title: string,
  detail: string,
  errors: ProblemFieldError[] = [],
): ProblemBody {
  return { type: problemType(title), title, status, detail, errors };
}
