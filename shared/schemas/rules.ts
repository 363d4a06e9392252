import * as z from 'zod';
import type { rulesChangesSince } from '../rules/index.js';
import { IsoDate } from './common.js';
import type { Expect, Same } from './same.js';

/** `GET /v1/rules/changes` query: only `since`; anything else is a 400. */
export const RulesChangesQuery = z
  .object({
    since: IsoDate.optional().meta({
      description:
        'List the ruleset versions published on or after this date (YYYY-MM-DD, inclusive). Absent: every version.',
    }),
  })
  .strict();

const RuleChange = z.object({
  ruleId: z.string(),
  change: z.enum(['added', 'changed', 'ended']),
  why: z.string(),
});

const RulesetRelease = z.object({
  version: z.string(),
  date: z.string(),
  summary: z.string(),
  changes: z.array(RuleChange),
});

export const RulesChangesResponse = z
  .object({
    /** The version answers are computed with now (the newest release). */
    rulesetVersion: z.string(),
    since: z.string().nullable(),
    releases: z.array(RulesetRelease),
  })
  .meta({ id: 'RulesChangesResponse' });

// The changelog types and these schemas must describe the same shapes: drift fails `tsc` here.
type _RulesChecks = [Expect<Same<z.output<typeof RulesetRelease>, ReturnType<typeof rulesChangesSince>[number]>>];
