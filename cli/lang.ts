import { DEFAULT_LANG, type Lang, langOf, type MessageKey, type MessageParams, t } from '../shared/i18n/index.js';

/**
 * The language of this `salyk` run: `--lang`, else the POSIX locale (`LC_ALL`, then `LC_MESSAGES`, then `LANG`, as
 * gettext reads them), else English. Set once when the command line is parsed; every text the CLI prints goes
 * through {@link say}.
 */
let current: Lang = DEFAULT_LANG;

/** The language `--lang` or the environment asks for. */
export function cliLang(requested: string | undefined, env: NodeJS.ProcessEnv = process.env): Lang {
  return langOf(requested) ?? langOf(env.LC_ALL) ?? langOf(env.LC_MESSAGES) ?? langOf(env.LANG) ?? DEFAULT_LANG;
}

export function setLang(lang: Lang): void {
  current = lang;
}

export function lang(): Lang {
  return current;
}

/** A catalog text in the run's language. */
export function say<K extends MessageKey>(
  key: K,
  ...params: MessageParams<K> extends undefined ? [] : [MessageParams<K>]
): string {
  return t(key, current, ...params);
}
