import type { Language } from './catalogue.js';
import type { CommandsCatalogue } from './commands-catalogue.js';
import { commandsEn } from './commands-en.js';
import { commandsZhCN } from './commands-zh-CN.js';

export type { CommandsCatalogue } from './commands-catalogue.js';

const CATALOGUES: Readonly<Record<Language, CommandsCatalogue>> = { en: commandsEn, 'zh-CN': commandsZhCN };

/** The chat commands' answers in a language of `ALERT_LANGUAGE`. */
export function commandsCatalogueFor(language: Language): CommandsCatalogue {
  return CATALOGUES[language];
}
