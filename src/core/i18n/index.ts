import type { Catalogue, Language } from './catalogue.js';
import { en } from './en.js';
import { zhCN } from './zh-CN.js';

export type { Catalogue, Language } from './catalogue.js';
export { LANGUAGES } from './catalogue.js';

const CATALOGUES: Readonly<Record<Language, Catalogue>> = { en, 'zh-CN': zhCN };

/** The catalogue of a language of `ALERT_LANGUAGE`. */
export function catalogueFor(language: Language): Catalogue {
  return CATALOGUES[language];
}
