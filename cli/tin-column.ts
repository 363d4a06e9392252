/** Header names that mean "the TIN column", compared case-insensitively after trimming. */
const TIN_HEADERS = ['tin', 'inn', 'iin', 'bin', 'pin', 'инн', 'иин', 'бин', 'пин'];

/**
 * Finds the TIN column: by `--column` (a header name or a 1-based number) or by the known header names.
 *
 * @returns the 0-based column index, or `-1` when none matches
 */
export function findTinColumn(header: readonly string[], requested?: string): number {
  const names = header.map((h) =>
    h
      .replace(/^\uFEFF/, '')
      .trim()
      .toLowerCase(),
  );
  if (requested !== undefined) {
    const wanted = requested.trim().toLowerCase();
    const byName = names.indexOf(wanted);
    if (byName >= 0) return byName;
    const n = Number(wanted);
    return Number.isInteger(n) && n >= 1 && n <= header.length ? n - 1 : -1;
  }
  return names.findIndex((name) => TIN_HEADERS.includes(name));
}
