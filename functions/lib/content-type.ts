import type { APIGatewayProxyEvent } from 'aws-lambda';
import { HttpProblem } from './problem.js';

/**
 * The request's media type, lower case and without parameters (`application/json; charset=utf-8` →
 * `application/json`), or `undefined` when the request names none.
 */
export function mediaTypeOf(event: APIGatewayProxyEvent): string | undefined {
  const name = Object.keys(event.headers ?? {}).find((h) => h.toLowerCase() === 'content-type');
  const value = name === undefined ? undefined : event.headers[name];
  if (value === undefined) return undefined;
  return value.split(';')[0]?.trim().toLowerCase() || undefined;
}

/** `application/json` and the structured `+json` types (RFC 6839), e.g. `application/merge-patch+json`. */
export function isJsonMediaType(type: string): boolean {
  return type === 'application/json' || /^application\/[a-z0-9.!#$&^_-]+\+json$/.test(type);
}

/**
 * A `415` naming what the route accepts. A request without `content-type` is read as JSON (what most
 * HTTP clients send by default, and what API Gateway assumes); a declared non-JSON type is refused
 * rather than guessed at.
 *
 * @param type - The media type the request declared.
 * @param accepted - What the route accepts, for the message.
 */
export function unsupportedMediaType(type: string, accepted: readonly string[] = ['application/json']): HttpProblem {
  return new HttpProblem(
    415,
    'Unsupported media type',
    `the request body is ${type}; this route accepts ${accepted.join(' or ')}`,
    [{ path: 'headers.content-type', message: `must be ${accepted.join(' or ')}` }],
  );
}
