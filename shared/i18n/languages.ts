/**
 * The languages Salyk answers in. Accountants in Kazakhstan and Kyrgyzstan read Russian, Kazakh or Kyrgyz;
 * integrators read English. Codes are BCP 47 primary subtags.
 */
export const LANGUAGES = ['ru', 'kk', 'ky', 'en'] as const;
export type Lang = (typeof LANGUAGES)[number];

/** English stays the default: it is what the v1 contract's messages were written in. */
export const DEFAULT_LANG: Lang = 'en';

const isLang = (value: string): value is Lang => (LANGUAGES as readonly string[]).includes(value);

/**
 * The language for a BCP 47 tag or a POSIX locale (`ru-RU`, `kk_KZ.UTF-8`, `KY`), or `undefined` when Salyk
 * does not speak it.
 */
export function langOf(tag: string | undefined | null): Lang | undefined {
  if (!tag) return undefined;
  const primary =
    tag
      .trim()
      .toLowerCase()
      .split(/[-_.@]/)[0] ?? '';
  return isLang(primary) ? primary : undefined;
}

/**
 * Picks the best language from an HTTP `Accept-Language` header (RFC 9110 §12.5.4): the highest `q` that Salyk
 * speaks, ties in header order; `*` means the default. Malformed parts are ignored rather than failing a request.
 */
export function negotiateLang(header: string | undefined | null, fallback: Lang = DEFAULT_LANG): Lang {
  if (!header) return fallback;
  let best: { lang: Lang; q: number } | undefined;
  for (const part of header.split(',')) {
    const [tag = '', ...params] = part.split(';').map((s) => s.trim());
    const qParam = params.find((p) => p.toLowerCase().startsWith('q='));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    if (!Number.isFinite(q) || q <= 0 || q > 1) continue;
    const lang = tag === '*' ? fallback : langOf(tag);
    if (lang && (!best || q > best.q)) best = { lang, q };
  }
  return best?.lang ?? fallback;
}
