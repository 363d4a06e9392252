import type {
  Country,
  IdentifierDetails,
  IdentifierError,
  IdentifierKind,
  IdentifierResult,
  IdentifierWarning,
} from './types.js';

/**
 * Every {@link IdentifierResult} is made here, so that they all share one object layout: bulk callers read
 * millions of them, and V8 keeps property access fast only while it sees one shape.
 */
export function identifierResult(
  country: Country | null,
  kind: IdentifierKind | null,
  normalized: string | null,
  errors: IdentifierError[],
  warnings: IdentifierWarning[],
  details: IdentifierDetails,
): IdentifierResult {
  return { valid: errors.length === 0, country, kind, normalized, errors, warnings, details };
}
