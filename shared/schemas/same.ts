/**
 * Compile-time checks that a domain type and a zod schema's type describe the same shape. Used as
 * `type _ = Expect<Same<Domain, z.output<typeof Schema>>>`: a field or enum value added on one side only
 * fails `tsc`. Types only — nothing here exists at run time.
 */

/** A type with intersections flattened at every depth, so two spellings of one shape compare equal. */
type Plain<T> = T extends readonly (infer U)[] ? Plain<U>[] : T extends object ? { [K in keyof T]: Plain<T[K]> } : T;

/** `true` exactly when A and B are the same type (fields, optionality and literal unions included). */
export type Same<A, B> =
  (<T>() => T extends Plain<A> ? 1 : 2) extends <T>() => T extends Plain<B> ? 1 : 2 ? true : false;

/** Fails to compile unless its argument is `true`. */
export type Expect<T extends true> = T;

/** A domain result as the API answers it: with the id of the audit record written for it. */
export type WithCheckId<T> = T & { checkId: string };
