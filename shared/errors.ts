/**
 * Every error Salyk's domain code throws on purpose, in one module. Each names the request field to
 * blame in `field` — a dot path relative to the request (`stays.1.exit`, `deliveryDate`, `cursor`), so
 * the HTTP layer only has to put `body.` or `query.` in front. The handler wrapper maps these classes
 * to problem+json answers (`functions/lib/api-handler.ts`) and the CLI to exit codes (`cli/salyk.ts`),
 * each in one table; domain code never knows about either.
 */

/** Base class: lets callers tell a deliberate domain refusal from a bug. */
export abstract class SalykError extends Error {
  /** The request field to blame, relative to the request; absent when no single field is at fault. */
  abstract readonly field: string | undefined;
}

/** No rules row covers the request (e.g. a date before the data starts): the caller's to fix, not a guess. */
export class RulesCoverageError extends SalykError {
  override readonly name = 'RulesCoverageError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** Stays that overlap, run backwards or come out of order: the caller's data to fix. */
export class InvalidStaysError extends SalykError {
  override readonly name = 'InvalidStaysError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** A date that is not `YYYY-MM-DD`, does not exist, or lies outside `DATE_RANGE` (`calendar.ts`). */
export class InvalidDateError extends SalykError {
  override readonly name = 'InvalidDateError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** A pagination cursor that is malformed or belongs to another tenant or listing: the caller's to fix. */
export class InvalidCursorError extends SalykError {
  override readonly name = 'InvalidCursorError';
  readonly field = 'cursor';
}

/** The audit store could not be reached or did not take every record: a retryable outage, not the caller's fault. */
export class AuditUnavailableError extends SalykError {
  override readonly name = 'AuditUnavailableError';
  readonly field = undefined;
}
