import type { Issue } from './types.js';

/** Builds an error or warning entry; messages explain the code in the caller's terms. */
export function issue<C extends string>(code: C, message: string): Issue<C> {
  return { code, message };
}
