import { type Command, InvalidArgumentError } from 'commander';
import { RULES, RULESET_VERSION, type RulesetRelease, rulesChangesSince } from '../../shared/rules/index.js';
import { InputError } from '../readers.js';

/** `--since` must be a real calendar date: the changelog is filtered by publication date. */
function isoDate(raw: string): string {
  const date = new Date(`${raw}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(raw) || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== raw)
    throw new InvalidArgumentError('a date YYYY-MM-DD');
  return raw;
}

function printRelease(release: RulesetRelease, out: (line: string) => void): void {
  out(`${release.version} (${release.date}): ${release.summary}`);
  for (const change of release.changes) out(`  ${change.change.padEnd(7)} ${change.ruleId}: ${change.why}`);
}

/**
 * `salyk rules --changes [--since D] [--json]`: what each ruleset version added, changed or ended and why, from
 * the rules data this CLI ships with (the same list as `GET /v1/rules/changes`). Without `--changes`: the
 * version in use and how many rows it has.
 */
export function addRulesCommand(program: Command): void {
  program
    .command('rules')
    .description('the ruleset version in use; with --changes, what each version added, changed or ended and why')
    .option('--changes', 'list the ruleset versions and their row changes, newest first', false)
    .option('--since <date>', 'with --changes: only versions published on or after this date (YYYY-MM-DD)', isoDate)
    .option('--json', 'print as JSON (the body of GET /v1/rules/changes)', false)
    .action((opts: { changes: boolean; since?: string; json: boolean }) => {
      const out = (line: string) => process.stdout.write(`${line}\n`);
      if (!opts.changes) {
        if (opts.since) throw new InputError('--since needs --changes');
        if (opts.json) out(JSON.stringify({ rulesetVersion: RULESET_VERSION, rows: RULES.length }));
        else out(`ruleset ${RULESET_VERSION}: ${RULES.length} rows (salyk rules --changes lists what changed)`);
        return;
      }
      const releases = rulesChangesSince(opts.since ?? '0000-01-01');
      if (opts.json) {
        const body = { rulesetVersion: RULESET_VERSION, since: opts.since ?? null, releases };
        out(JSON.stringify(body, null, 2));
        return;
      }
      if (releases.length === 0) out(`no ruleset version published since ${opts.since}; in use: ${RULESET_VERSION}`);
      for (const release of releases) printRelease(release, out);
    });
}
