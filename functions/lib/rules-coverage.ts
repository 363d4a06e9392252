import { RulesCoverageError } from '../../shared/vat/rates.js';
import { badRequest } from './problem.js';

/** A date or case the rules data does not cover is the caller's to fix: 400 naming the field. */
export function withRulesCoverage<T>(compute: () => T, where: 'body' | 'query' = 'body'): T {
  try {
    return compute();
  } catch (error) {
    if (error instanceof RulesCoverageError)
      throw badRequest(error.message, [{ path: `${where}.${error.field}`, message: error.message }]);
    throw error;
  }
}
