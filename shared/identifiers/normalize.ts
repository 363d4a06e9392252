/**
 * Separators the contract lets callers type: whitespace (incl. NBSP and other Unicode spaces),
 * hyphens (ASCII and the Unicode hyphen / non-breaking hyphen) and dots.
 */
const SEPARATORS = /[\s\-\u2010\u2011.]/g;

/**
 * Removes the separators the contract allows and checks what is left is ASCII digits.
 * Non-ASCII digits (full-width, Arabic-Indic, ...) are never converted: they make the value invalid.
 *
 * @param value - the raw identifier as the caller typed it
 * @returns the compact digit string, or `null` when any other character is present
 */
export function compact(value: string): string | null {
  if (isAsciiDigits(value)) return value; // the common case in bulk files: nothing to strip
  const stripped = value.replace(SEPARATORS, '');
  for (let i = 0; i < stripped.length; i++) {
    const c = stripped.charCodeAt(i);
    if (c < 48 || c > 57) return null;
  }
  return stripped;
}

function isAsciiDigits(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}
