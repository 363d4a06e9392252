import type { APIGatewayProxyResult } from 'aws-lambda';
import { PROBLEM_CONTENT_TYPE, type ProblemFieldError, problemBody } from '../../shared/problem.js';

export type { ProblemFieldError };

/**
 * An RFC 9457 problem that a handler answers with. Thrown anywhere below a handler; the
 * `problemResponses` middleware turns it into the HTTP answer.
 */
export class HttpProblem extends Error {
  override readonly name = 'HttpProblem';

  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly errors: ProblemFieldError[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
  }

  toResponse(): APIGatewayProxyResult {
    return {
      statusCode: this.status,
      headers: { 'content-type': PROBLEM_CONTENT_TYPE, ...this.headers },
      body: JSON.stringify(problemBody(this.status, this.title, this.detail, this.errors)),
    };
  }
}

export const badRequest = (detail: string, errors: ProblemFieldError[] = []) =>
  new HttpProblem(400, 'Invalid request', detail, errors);

export const unauthorized = () =>
  new HttpProblem(401, 'Unauthorized', 'a valid x-api-key header is required', [], {
    'www-authenticate': 'ApiKey header="x-api-key"',
  });

export const payloadTooLarge = (detail: string, errors: ProblemFieldError[] = []) =>
  new HttpProblem(413, 'Payload too large', detail, errors);

export const serviceUnavailable = (detail: string) =>
  new HttpProblem(503, 'Service unavailable', detail, [], { 'retry-after': '5' });

/** A JSON success answer. */
export function jsonResponse(
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): APIGatewayProxyResult {
  return { statusCode, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}
