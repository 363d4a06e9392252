import { randomInt } from 'node:crypto';

/**
 * Test identifiers, built here from the published rules (not with the code under test) so that every
 * test run can use values no earlier run has sent.
 */

/** KZ check digit: weights 1..11, then 3..11,1,2; `null` when both passes give 10. */
function kzCheckDigit(prefix: string): number | null {
  const sum = (weights: number[]) => weights.reduce((acc, w, i) => acc + w * Number(prefix[i]), 0) % 11;
  const first = sum([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  if (first < 10) return first;
  const second = sum([3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]);
  return second < 10 ? second : null;
}

function withKzCheckDigit(prefix11: () => string): string {
  for (;;) {
    const prefix = prefix11();
    const k = kzCheckDigit(prefix);
    if (k !== null) return `${prefix}${k}`;
  }
}

const digits = (n: number) => Array.from({ length: n }, () => randomInt(10)).join('');
const pad2 = (n: number) => String(n).padStart(2, '0');

/** A random valid KZ IIN of someone born in the 1900s (century digit 3 or 4). */
export function randomKzIin(): string {
  return withKzCheckDigit(
    () => `${pad2(randomInt(40, 100))}${pad2(randomInt(1, 13))}${pad2(randomInt(1, 29))}${randomInt(3, 5)}${digits(4)}`,
  );
}

/** A random valid KZ BIN of a resident legal entity's head office. */
export function randomKzBin(): string {
  return withKzCheckDigit(() => `${pad2(randomInt(0, 26))}${pad2(randomInt(1, 13))}40${digits(5)}`);
}

/** A random structurally valid KG PIN (first digit 1 or 2, birth date DDMMYYYY, then 5 digits). */
export function randomKgPin(): string {
  return `${randomInt(1, 3)}${pad2(randomInt(1, 29))}${pad2(randomInt(1, 13))}${randomInt(1950, 2006)}${digits(5)}`;
}

/** The same valid IIN with its last digit changed: a checksum error. */
export function breakCheckDigit(value: string): string {
  const last = Number(value.at(-1));
  return `${value.slice(0, -1)}${(last + 1) % 10}`;
}

/** How a person might type the value: grouped with spaces, NBSP, hyphens and dots. */
export function typedWithSeparators(value: string): string {
  return ` ${value.slice(0, 3)} ${value.slice(3, 6)}\u00a0${value.slice(6, 9)}-${value.slice(9, 11)}.${value.slice(11)} `;
}
