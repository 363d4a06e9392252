/**
 * Finding the data in a supplier list: which row is the header (1C puts a title such as "Список поставщиков на
 * 01.11.2026" and a blank row above it) and which column holds the TINs. Headers are tokenised, not compared
 * whole: `БИН/ИИН`, `ИИН (БИН)`, `IIN/BIN`, `ИНН/ПИН`, `ИНН поставщика`, `БИН контрагента`, `ЖСН/БСН` all match.
 */

/** Abbreviations that name a TIN on their own, in Russian, Kazakh, Kyrgyz and English (lower case). */
const TIN_TOKENS = new Set([
  'tin',
  'inn',
  'iin',
  'bin',
  'pin',
  'иин',
  'бин',
  'инн',
  'пин',
  // Kazakh: жеке / бизнес сәйкестендіру нөмірі
  'жсн',
  'бсн',
  // Kyrgyz: жеке идентификациялык номер (the PIN)
  'жин',
]);

/** Spelled-out names: every word stem of one phrase must start a token of the header. */
const TIN_PHRASES: readonly (readonly string[])[] = [
  ['tax', 'id'],
  ['taxpayer', 'id'],
  ['tax', 'identification'],
  ['идентификационн', 'номер'],
  ['сәйкестендіру', 'нөмір'],
  ['сайкестендиру', 'номир'],
  ['идентификациялык', 'номер'],
];

/** Words that say the number belongs to someone other than the supplier (its director, its bank): a weaker match. */
const OTHER_PARTY = ['руковод', 'директор', 'director', 'банк', 'bank', 'бухгалт', 'учредит', 'басшы'];

/** Header cell → lower-case tokens (letters and digits), `ё` read as `е`. */
function headerTokens(cell: string): string[] {
  return cell
    .replace(/^\uFEFF/, '')
    .toLowerCase()
    .replaceAll('ё', 'е')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/**
 * How strongly a header cell names the TIN column: 0 not at all; 3 only TIN names (`БИН/ИИН`, `ИИН (БИН)`);
 * 2 a TIN name with other words (`ИНН поставщика`) or a spelled-out name; 1 a TIN of another party (`ИИН руководителя`).
 */
function tinHeaderScore(cell: string): number {
  const tokens = headerTokens(cell);
  if (tokens.length === 0) return 0;
  const named = tokens.filter((t) => TIN_TOKENS.has(t)).length;
  const phrase = TIN_PHRASES.some((words) => words.every((w) => tokens.some((t) => t.startsWith(w))));
  if (!named && !phrase) return 0;
  if (tokens.some((t) => OTHER_PARTY.some((w) => t.startsWith(w)))) return 1;
  return named === tokens.length ? 3 : 2;
}

const normalized = (cell: string) =>
  cell
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase();

/**
 * The TIN column of a header row: by `requested` (`--column`: a header name or a 1-based number), or the
 * best-scoring header cell (the first of equals).
 *
 * @returns the 0-based column index, or `-1` when none matches
 */
export function findTinColumn(header: readonly string[], requested?: string): number {
  if (requested !== undefined) {
    const wanted = normalized(requested);
    const byName = header.findIndex((h) => normalized(h) === wanted);
    if (byName >= 0) return byName;
    const n = Number(wanted);
    return Number.isInteger(n) && n >= 1 && n <= header.length ? n - 1 : -1;
  }
  let best = -1;
  let bestScore = 0;
  header.forEach((cell, i) => {
    const score = tinHeaderScore(cell);
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  });
  return best;
}

const filled = (row: readonly string[]) => row.filter((c) => c.trim() !== '').length;

/**
 * Which of the first non-blank rows is the header: the first that names the TIN column (or holds the
 * `--column` name). With a numbered `--column` and no such row, the first row as wide as the table (title rows
 * are narrower). `-1` when no row qualifies.
 */
export function chooseHeaderRow(rows: readonly (readonly string[])[], column?: string): number {
  const byName = column !== undefined && !/^\d+$/.test(column.trim());
  const named = rows.findIndex((row) =>
    byName ? row.some((c) => normalized(c) === normalized(column)) : findTinColumn(row) >= 0,
  );
  if (named >= 0 || byName || column === undefined) return named;
  const widest = Math.max(0, ...rows.map(filled));
  return rows.findIndex((row) => filled(row) * 2 > widest);
}

/** A column an accountant might mean, with a few of its values (TIN-like ones masked). */
export interface CandidateColumn {
  number: number;
  header: string;
  samples: string[];
  /** Its values look like 10–14 digit identifiers. */
  tinLike: boolean;
}

/** Shows the start of a digit string only: the message may end up in a ticket or a chat. */
const mask = (value: string) =>
  /^\d{6,}$/.test(value)
    ? `${value.slice(0, 4)}…(${value.length})`
    : value.length > 24
      ? `${value.slice(0, 23)}…`
      : value;

/**
 * The columns of the likeliest header row (the widest of the first rows) with samples from the rows below
 * it, for the "no TIN column" error.
 */
export function candidateColumns(rows: readonly (readonly string[])[]): CandidateColumn[] {
  const widest = Math.max(0, ...rows.map(filled));
  const at = rows.findIndex((row) => filled(row) === widest);
  const header = rows[at] ?? [];
  const below = rows.slice(at + 1, at + 4);
  return header.map((cell, i) => {
    const values = below.map((row) => (row[i] ?? '').trim()).filter(Boolean);
    const digits = values.filter((v) => /^[\d\s'"=.-]{9,20}$/.test(v) && /^\D*\d{9,14}\D*$/.test(v.replace(/\s/g, '')));
    return {
      number: i + 1,
      header: cell.trim(),
      samples: values.map(mask),
      tinLike: values.length > 0 && digits.length * 2 >= values.length,
    };
  });
}
