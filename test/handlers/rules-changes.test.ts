import { describe, expect, it } from 'vitest';
import { handler } from '../../functions/rules-changes.js';
import { RULES_CHANGELOG, RULESET_VERSION } from '../../shared/rules/index.js';
import { RulesChangesResponse } from '../../shared/schemas/rules.js';
import { apiEvent, invoke } from '../helpers/api-gateway-event.js';
import { expectProblem, problemPaths } from '../helpers/assertions.js';

const PATH = '/v1/rules/changes';
const changes = (query: Record<string, string> = {}, apiKeyId?: string | null) =>
  invoke(handler, apiEvent({ method: 'GET', path: PATH, query, apiKeyId }));
const versions = (json: { releases: { version: string }[] }) => json.releases.map((r) => r.version);

describe('Route: GET /v1/rules/changes (handler)', () => {
  describe('200', () => {
    it('lists every release, newest first, when no date is given', async () => {
      // Act
      const res = await changes();

      // Assess
      expect(res.status).toBe(200);
      expect(res.json.rulesetVersion).toBe(RULESET_VERSION);
      expect(res.json.since).toBeNull();
      expect(versions(res.json)).toEqual(['2026.11.30-1', '2026.11.22-2']);
      expect(RulesChangesResponse.safeParse(res.json).success).toBe(true);
    });

    it('lists only the releases published on or after since (inclusive), with each change and its reason', async () => {
      // Act
      const res = await changes({ since: '2026-11-30' });

      // Assess
      expect(res.json.since).toBe('2026-11-30');
      expect(versions(res.json)).toEqual(['2026.11.30-1']);
      const [release] = res.json.releases;
      expect(release.changes).toHaveLength(RULES_CHANGELOG[0]?.changes.length ?? -1);
      expect(release.changes).toContainEqual({
        ruleId: 'KG.VAT.THRESHOLD.RESIDENT.TRADE',
        change: 'added',
        why: expect.stringContaining('KGS 50 m'),
      });
      expect(release.changes).toContainEqual(
        expect.objectContaining({ ruleId: 'KZ.RESIDENCY.DAYS_183', change: 'ended' }),
      );
    });

    it('answers an empty list for a date after the newest release', async () => {
      // Act
      const res = await changes({ since: '2026-12-01' });

      // Assess
      expect(res.status).toBe(200);
      expect(res.json).toEqual({ rulesetVersion: RULESET_VERSION, since: '2026-12-01', releases: [] });
    });
  });

  describe('400 and 401', () => {
    it.each([
      ['an impossible date', { since: '2026-02-30' }, 'query.since'],
      ['a date in another format', { since: '30.11.2026' }, 'query.since'],
      ['an unknown parameter', { sinse: '2026-11-30' }, 'query'],
    ])('answers %s with 400', async (_case, query, path) => {
      // Act
      const res = await changes(query);

      // Assess
      expectProblem(res, 400);
      expect(problemPaths(res).some((p) => p.startsWith(path))).toBe(true);
    });

    it('answers a request without an API key with 401', async () => {
      // Act
      const res = await changes({}, null);

      // Assess
      expectProblem(res, 401);
    });
  });
});
