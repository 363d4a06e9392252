import type { Issue } from './types.js';

/**
 * Builds an error or warning entry. The text comes from the message catalog (`t` in `shared/i18n`), formatted by
 * the caller, so that it is only ever built for a result that reports the issue: valid values never touch it.
 */
export function issue<C extends string>(code: C, message: string): Issue<C> {
  return { code, message };
}
