/** Low-level digit access; callers guarantee the string holds ASCII digits only. */

export function digitAt(s: string, i: number): number {
  return s.charCodeAt(i) - 48;
}

/** The number written by `len` digits of `s` starting at `start`. */
export function numberAt(s: string, start: number, len: number): number {
  let n = 0;
  for (let i = start; i < start + len; i++) n = n * 10 + (s.charCodeAt(i) - 48);
  return n;
}
