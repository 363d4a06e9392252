/**
 * The message catalog: every user-facing text Salyk produces, in Russian, Kazakh, Kyrgyz and English, keyed by a
 * stable code (with a `.variant` where one code has several causes). Library, CLI, API and web page all format
 * through {@link t}, so a code cannot have a message in one language and not another: each entry is a
 * `Record<Lang, …>` and a test walks the whole catalog.
 */
import { API_MESSAGES } from './api.js';
import { CLI_MESSAGES } from './cli.js';
import { ESF_MESSAGES } from './esf.js';
import { type Entry, formatterFor } from './format.js';
import { IDENTIFIER_MESSAGES } from './identifiers.js';
import type { Lang } from './languages.js';
import { RULE_MESSAGES } from './rules.js';
import { WEB_MESSAGES } from './web.js';

export { DEFAULT_LANG, LANGUAGES, type Lang, langOf, negotiateLang } from './languages.js';

export const MESSAGES = {
  ...IDENTIFIER_MESSAGES,
  ...ESF_MESSAGES,
  ...RULE_MESSAGES,
  ...WEB_MESSAGES,
  ...API_MESSAGES,
  ...CLI_MESSAGES,
} as const satisfies Record<string, Entry>;

export type MessageKey = keyof typeof MESSAGES;

/** The parameters a message takes (from its English text, which every language shares). */
export type MessageParams<K extends MessageKey> = Parameters<(typeof MESSAGES)[K]['en']>[0];

/** The code a key reports: `INVALID_DATE.birth` → `INVALID_DATE`. */
export const codeOf = <K extends MessageKey>(key: K): string => key.split('.')[0] ?? key;

/**
 * Formats a message in a language. Parameters are typed per key, e.g.
 * `t('INVALID_CHECKSUM.expected', 'ru', { expected: 5, actual: '3' })`.
 */
export const t: <K extends MessageKey>(
  key: K,
  lang?: Lang,
  ...params: MessageParams<K> extends undefined ? [] : [MessageParams<K>]
) => string = formatterFor(MESSAGES);
