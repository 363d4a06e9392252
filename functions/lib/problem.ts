import type { APIGatewayProxyResult } from 'aws-lambda';
import { DEFAULT_LANG, type Lang, MESSAGES, type MessageKey, t } from '../../shared/i18n/index.js';
import { PROBLEM_CONTENT_TYPE, type ProblemFieldError, problemBody, problemType } from '../../shared/problem.js';

export type { ProblemFieldError };

/**
 * The title in the caller's language. The English title is the contract's and names the `type` URN, so a
 * client switching on `type` never sees it change; a title the catalog does not know stays English.
 */
function localizedTitle(title: string, lang: Lang): string {
  const key = `problem.${problemType(title).slice('urn:salyk:problem:'.length)}`;
  return key in MESSAGES ? t(key as MessageKey & `problem.${string}`, lang) : title;
}

/**
 * An RFC 9457 problem that a handler answers with. Thrown anywhere below a handler; the
 * `problemResponses` middleware turns it into the HTTP answer. `title` is the English title (it names
 * the `type`); `detail` and `errors` are already in the answer's language.
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

  /** The answer, with the title in `lang` and `Content-Language` saying so. */
  toResponse(lang: Lang = DEFAULT_LANG): APIGatewayProxyResult {
    const body = { ...problemBody(this.status, this.title, this.detail, this.errors) };
    body.title = localizedTitle(this.title, lang);
    return {
      statusCode: this.status,
      headers: { 'content-type': PROBLEM_CONTENT_TYPE, 'content-language': lang, ...this.headers },
      body: JSON.stringify(body),
    };
  }
}

export const badRequest = (detail: string, errors: ProblemFieldError[] = []) =>
  new HttpProblem(400, 'Invalid request', detail, errors);

export const unauthorized = (lang: Lang = DEFAULT_LANG) =>
  new HttpProblem(401, 'Unauthorized', t('detail.unauthorized', lang), [], {
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
