import { DEFAULT_LANG, type Lang } from './languages.js';

/** One catalog entry: a formatter per language, all taking the same parameters. */
export type Entry = { readonly [L in Lang]: (params: never) => string };

type ParamsOf<C extends Record<string, Entry>, K extends keyof C> = Parameters<C[K]['en']>[0];

/**
 * A typed formatter over one catalog. The library formats through the catalog of its own messages
 * (identifiers, ESF findings) rather than the whole catalog, so a browser bundle of the validators does not carry
 * the web page's or the API's texts.
 */
export function formatterFor<C extends Record<string, Entry>>(catalog: C) {
  return <K extends keyof C & string>(
    key: K,
    lang: Lang = DEFAULT_LANG,
    ...params: ParamsOf<C, K> extends undefined ? [] : [ParamsOf<C, K>]
  ): string => {
    const entry = catalog[key] as Entry;
    return (entry[lang] as (p: ParamsOf<C, K> | undefined) => string)(params[0]);
  };
}
