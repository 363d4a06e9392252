import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { LANGUAGES, type Lang, langOf, type MessageKey, type MessageParams, t } from '../../shared/i18n/index.js';

export { LANGUAGES, type Lang };

/** BCP 47 locales for Intl: Kyrgyz and Kazakh formats as their countries write them. */
const LOCALE: Record<Lang, string> = { ru: 'ru-RU', kk: 'kk-KZ', ky: 'ky-KG', en: 'en-GB' };

/** The language names as their speakers write them (never translated). */
export const LANGUAGE_NAMES: Record<Lang, string> = { ru: 'Русский', kk: 'Қазақша', ky: 'Кыргызча', en: 'English' };

const STORAGE_KEY = 'salyk.lang';

/**
 * The page's first language: the one chosen before (kept in localStorage), else the browser's
 * `navigator.languages` in order, else Russian (what most of the page's users read).
 */
export function initialLang(): Lang {
  try {
    const saved = langOf(localStorage.getItem(STORAGE_KEY));
    if (saved) return saved;
  } catch {
    // storage may be disabled: fall through to the browser's languages
  }
  for (const tag of navigator.languages ?? [navigator.language]) {
    const lang = langOf(tag);
    if (lang) return lang;
  }
  return 'ru';
}

export function rememberLang(lang: Lang): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // not remembered: the choice still holds for this visit
  }
}

/** Everything a component needs to speak the chosen language. */
export interface Speaker {
  lang: Lang;
  locale: string;
  tr: <K extends MessageKey>(key: K, ...params: MessageParams<K> extends undefined ? [] : [MessageParams<K>]) => string;
  /** A whole number in the locale (1 000 000 in ru). */
  num: (n: number) => string;
  /** An ISO date (`YYYY-MM-DD`) as the locale writes it, in UTC so the day never shifts. */
  date: (iso: string) => string;
}

export function speaker(lang: Lang): Speaker {
  const locale = LOCALE[lang];
  const numbers = new Intl.NumberFormat(locale);
  const dates = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });
  return {
    lang,
    locale,
    tr: (key, ...params) => t(key, lang, ...params),
    num: (n) => numbers.format(n),
    date: (iso) => {
      const d = new Date(`${iso}T00:00:00Z`);
      return Number.isNaN(d.getTime()) ? iso : dates.format(d);
    },
  };
}

export const SpeakerContext = createContext<Speaker>(speaker('ru'));

/** The current language's formatters. */
export const useSpeaker = (): Speaker => useContext(SpeakerContext);
