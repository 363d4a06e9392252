/**
 * Separators the contract lets callers type: whitespace (incl. NBSP and other Unicode spaces),
 * hyphens (ASCII and the Unicode hyphen / non-breaking hyphen) and dots.
 */
const SEPARATORS = /[\s\-\u2010\u2011.]/g;

/**
 * Excel's ways of keeping digits as text: the formula `="061211600012"` and a leading apostrophe
 * `'061211600012`. Files exported from Excel (and pasted from it) carry them literally.
 */
const EXCEL_TEXT = /^\s*(?:="([^"]*)"|'([^']*))\s*$/;

/**
 * A number Excel rewrote in scientific notation (`8.9052E+11`, Russian-locale `8,9052E+11`, `8.9052e11`): its
 * last digits are gone, so no padding or fix can recover it.
 */
const SCIENTIFIC = /^\s*[+-]?\s*\d+(?:[.,]\d*)?\s*[eE]\s*[+-]?\s*\d+\s*$/;

/**
 * Removes the separators the contract allows, unwraps Excel's text forms, and checks what is left is ASCII
 * digits. Non-ASCII digits (full-width, Arabic-Indic, ...) are never converted: they make the value invalid.
 *
 * @param value - the raw identifier as the caller typed it
 * @returns the compact digit string (empty for an empty value), or `null` when any other character is present
 */
export function compact(value: string): string | null {
  if (isAsciiDigits(value)) return value; // the common case in bulk files: nothing to strip
  const stripped = unwrapExcelText(value).replace(SEPARATORS, '');
  return isAsciiDigits(stripped) ? stripped : null;
}

/** The text inside Excel's `="…"` or after its leading `'`; the value itself when it is neither. */
function unwrapExcelText(value: string): string {
  const m = EXCEL_TEXT.exec(value);
  return m ? (m[1] ?? m[2] ?? '') : value;
}

/** Whether the value is a number Excel wrote in scientific notation (possibly inside a text form). */
export function isSpreadsheetNumber(value: string): boolean {
  return SCIENTIFIC.test(unwrapExcelText(value));
}

function isAsciiDigits(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}
