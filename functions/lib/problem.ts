import type { APIGatewayProxyResult } from 'aws-lambda';

export interface ProblemFieldError {
  path: string;
  message: string;
}

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

  /** The problem's `type`: a stable URN per status, so clients can switch on it. */
  get type(): string {
    return `urn:salyk:problem:${this.title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  }

  toResponse(): APIGatewayProxyResult {
    return {
      statusCode: this.status,
      headers: { 'content-type': 'application/problem+json', ...this.headers },
      body: JSON.stringify({
        type: this.type,
        title: this.title,
        status: this.status,
        detail: this.detail,
        errors: this.errors,
      }),
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
