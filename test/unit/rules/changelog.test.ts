import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  RULES,
  RULES_CHANGELOG,
  RULESET_VERSION,
  type Rule,
  type RuleChangeKind,
  rulesChangesSince,
} from '../../../shared/rules/index.js';

/** The rows of an earlier version, as they were published (one JSON file per version). */
function publishedRows(version: string): Rule[] {
  const url = new URL(`../../fixtures/rules/${version}.json`, import.meta.url);
  return (JSON.parse(readFileSync(url, 'utf8')) as { rules: Rule[] }).rules;
}

/** added / changed / ended between two versions, computed from the rows themselves. */
function diff(before: readonly Rule[], after: readonly Rule[]): Map<string, RuleChangeKind> {
  const old = new Map(before.map((r) => [r.id, r]));
  const changes = new Map<string, RuleChangeKind>();
  for (const row of after) {
    const previous = old.get(row.id);
    if (!previous) changes.set(row.id, 'added');
    else if (JSON.stringify(previous) !== JSON.stringify(row))
      changes.set(row.id, previous.effectiveTo === null && row.effectiveTo !== null ? 'ended' : 'changed');
  }
  for (const id of old.keys()) if (!after.some((r) => r.id === id)) changes.set(id, 'ended');
  return changes;
}

describe('rules changelog', () => {
  it('starts with the current ruleset version, newest first, one entry per version', () => {
    // Prepare / Act
    const versions = RULES_CHANGELOG.map((r) => r.version);
    const dates = RULES_CHANGELOG.map((r) => r.date);

    // Assess
    expect(versions[0]).toBe(RULESET_VERSION);
    expect(new Set(versions).size).toBe(versions.length);
    expect([...dates].sort().reverse()).toEqual(dates);
  });

  it('lists exactly what changed since the previous version: every added, changed and ended row, and nothing else', () => {
    // Prepare
    const [current, previous] = RULES_CHANGELOG;
    const expected = diff(publishedRows(previous!.version), RULES);

    // Act
    const listed = new Map(current!.changes.map((c) => [c.ruleId, c.change]));

    // Assess
    expect(Object.fromEntries(listed)).toEqual(Object.fromEntries(expected));
    expect(listed.size).toBe(current!.changes.length); // no row listed twice
  });

  it('gives a reason for every change', () => {
    for (const release of RULES_CHANGELOG)
      for (const change of release.changes) expect(change.why.length, change.ruleId).toBeGreaterThan(20);
  });

  it('lists the first version as every row it published', () => {
    // Prepare
    const first = RULES_CHANGELOG.at(-1)!;

    // Act / Assess
    expect(first.changes.map((c) => c.ruleId).sort()).toEqual(
      publishedRows(first.version)
        .map((r) => r.id)
        .sort(),
    );
    expect(new Set(first.changes.map((c) => c.change))).toEqual(new Set(['added']));
  });

  it('filters releases by publication date (since is inclusive)', () => {
    expect(rulesChangesSince('2026-11-30').map((r) => r.version)).toEqual(['2026.11.30-1']);
    expect(rulesChangesSince('2026-11-23').map((r) => r.version)).toEqual(['2026.11.30-1']);
    expect(rulesChangesSince('2026-01-01')).toHaveLength(RULES_CHANGELOG.length);
    expect(rulesChangesSince('2027-01-01')).toEqual([]);
  });
});
