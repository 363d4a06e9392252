import { describe, expect, it } from 'vitest';
import { handler as auditLookup } from '../../functions/audit-lookup.js';
import { problemFor } from '../../functions/lib/api-handler.js';
import { HttpProblem } from '../../functions/lib/problem.js';
import { handler as vatRates } from '../../functions/vat-rates.js';
import * as errors from '../../shared/errors.js';
import { apiEvent, invoke } from '../helpers/api-gateway-event.js';
import { expectProblem, problemPaths } from '../helpers/assertions.js';
import { useFakeAuditTrail } from '../helpers/fake-audit-trail.js';

/** One instance of every concrete domain error class, with the answer the contract gives it. */
const CASES = [
  [new errors.RulesCoverageError('deliveryDate', 'no rules row'), 400, 'Invalid request', 'body.deliveryDate'],
  [new errors.InvalidStaysError('stays.1.entry', 'overlap'), 400, 'Invalid request', 'body.stays.1.entry'],
  [new errors.InvalidDateError('asOf', 'out of range'), 400, 'Invalid request', 'body.asOf'],
  [new errors.InvalidCursorError('malformed'), 400, 'Invalid request', 'body.cursor'],
  [new errors.AuditUnavailableError('down'), 503, 'Service unavailable', undefined],
] as const;

describe('The domain error → problem map (apiHandler)', () => {
  it('has a row for every domain error class shared/errors.ts exports', () => {
    // Prepare: every concrete class in the module (the abstract base cannot be thrown)
    const exported = Object.values(errors).filter((value) => value !== errors.SalykError);

    // Act
    const mapped = CASES.map(([error]) => error.constructor);

    // Assess
    expect(new Set(mapped)).toEqual(new Set(exported));
  });

  it.each(CASES)('answers %o with %i %s, blaming %s', (error, status, title, path) => {
    // Act
    const problem = problemFor(error, 'body');

    // Assess
    expect(problem).toBeInstanceOf(HttpProblem);
    expect(problem?.status).toBe(status);
    expect(problem?.title).toBe(title);
    expect(problem?.errors.map((e) => e.path)).toEqual(path ? [path] : []);
  });

  it('puts the field under query. on a route whose input is the query string', () => {
    // Act
    const problem = problemFor(new errors.RulesCoverageError('date', 'no rules row'), 'query');

    // Assess
    expect(problem?.errors).toEqual([{ path: 'query.date', message: 'no rules row' }]);
  });

  it('tells the client to retry an audit outage, and hides the store’s own message', () => {
    // Act
    const problem = problemFor(new errors.AuditUnavailableError('DynamoDB request failed: Throttling'), 'body');

    // Assess
    expect(problem?.headers['retry-after']).toBe('5');
    expect(problem?.detail).not.toContain('DynamoDB');
  });

  it('leaves an error it does not know to the 500 path', () => {
    // Act
    const problem = problemFor(new TypeError('a bug'), 'body');

    // Assess
    expect(problem).toBeUndefined();
  });
});

describe('Domain errors through real handlers', () => {
  useFakeAuditTrail('error-map-secret');

  it('answers a rules gap on a query route with 400 naming query.date', async () => {
    // Act: 2017 is before the KZ rules data starts
    const res = await invoke(
      vatRates,
      apiEvent({ method: 'GET', path: '/v1/vat/rates', query: { country: 'KZ', date: '2017-06-01' } }),
    );

    // Assess
    expectProblem(res, 400);
    expect(problemPaths(res)).toEqual(['query.date']);
  });

  it('answers a malformed lookup cursor with 400 naming body.cursor, where the lookup takes it', async () => {
    // Act
    const res = await invoke(
      auditLookup,
      apiEvent({ method: 'POST', path: '/v1/audit/lookup', body: { value: '940140000385', cursor: '%%%' } }),
    );

    // Assess
    expectProblem(res, 400);
    expect(problemPaths(res)).toEqual(['body.cursor']);
  });
});
