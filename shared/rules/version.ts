/**
 * Version of the rules every answer was computed with; audit records carry it so an old decision can be
 * traced to the data it rested on. Bump it whenever identifier logic or any rules row changes.
 */
export const RULESET_VERSION = '2026.11.30-1';
