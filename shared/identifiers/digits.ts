/** Low-level digit access; callers guarantee the string holds ASCII digits only. */

export function digitAt(s: string, i: number): number {
  return s.charCodeAt(i) - 48;
}

/** The number written by the two digits of `s` at `start` and `start + 1`. */
export function twoDigitsAt(s: string, start: number): number {
  return (s.charCodeAt(start) - 48) * 10 + s.charCodeAt(start + 1) - 48;
}
