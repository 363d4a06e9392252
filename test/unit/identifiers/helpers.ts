import type { IdentifierResult } from '../../../shared/index.js';

/** The check date every dated test uses. */
export const AS_OF = '2026-11-22';

/** The error codes of a result, in order. */
export const errorCodes = (result: IdentifierResult): string[] => result.errors.map((e) => e.code);

/** The warning codes of a result, in order. */
export const warningCodes = (result: IdentifierResult): string[] => result.warnings.map((w) => w.code);
