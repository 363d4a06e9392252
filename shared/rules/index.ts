import { CONFIDENCES } from '../enums.js';
import type { Lang } from '../i18n/languages.js';
import { ruleText } from '../i18n/rules.js';
import { EAEU_RULES } from './eaeu.js';
import { KG_RULES } from './kg.js';
import { KZ_RULES } from './kz.js';
import type { Confidence, Rule, RuleCountry, RuleOf, RuleTopic } from './types.js';

export {
  RULES_CHANGELOG,
  type RuleChange,
  type RuleChangeKind,
  type RulesetRelease,
  rulesChangesSince,
} from './changelog.js';
export { EAEU_MEMBERS } from './eaeu.js';
export type * from './types.js';
export { RULESET_VERSION } from './version.js';

/** Every rules row, in one table: the only place rates, thresholds and deadlines are written. */
export const RULES: readonly Rule[] = [...KG_RULES, ...KZ_RULES, ...EAEU_RULES];

/** True when the row is in force on `date` (both ends inclusive). */
export function inForce(rule: Rule, date: string): boolean {
  return rule.effectiveFrom <= date && (rule.effectiveTo === null || date <= rule.effectiveTo);
}

/** All rows of a topic for a country in force on a date. */
export function rulesInForce<T extends RuleTopic>(
  topic: T,
  country: RuleCountry,
  date: string,
  match: (rule: RuleOf<T>) => boolean = () => true,
): RuleOf<T>[] {
  return RULES.filter(
    (r): r is RuleOf<T> => r.topic === topic && r.country === country && inForce(r, date) && match(r as RuleOf<T>),
  );
}

/** The one row of a topic in force on a date, or `undefined` when the rules data does not cover it. */
export function ruleInForce<T extends RuleTopic>(
  topic: T,
  country: RuleCountry,
  date: string,
  match?: (rule: RuleOf<T>) => boolean,
): RuleOf<T> | undefined {
  const rows = rulesInForce(topic, country, date, match);
  if (rows.length > 1) throw new Error(`rules data overlap: ${rows.map((r) => r.id).join(', ')} all apply on ${date}`);
  return rows[0];
}

/** A row by id (for tests and the rules listing). */
export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}

/** How a decision cites a row. */
export interface Reason {
  code: string;
  text: string;
  citation: string;
  confidence: Confidence;
  ruleId: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  note?: string;
}

/** The `reasons` entry for a row; `text` may be specialised to the case (amounts, dates). */
export function reasonFrom(rule: Rule, text: string = rule.text): Reason {
  return {
    code: rule.id,
    text,
    citation: rule.citation,
    confidence: rule.confidence,
    ruleId: rule.id,
    effectiveFrom: rule.effectiveFrom,
    effectiveTo: rule.effectiveTo,
    ...(rule.note ? { note: rule.note } : {}),
  };
}

/**
 * The `reasons` entry for a row in a language: the row's own statement (translated) followed by what the case
 * adds (amounts, dates, who does what), already in that language.
 */
export function reasonIn(rule: Rule, lang: Lang, ...specifics: string[]): Reason {
  return reasonFrom(rule, [ruleText(rule.id, rule.text, lang), ...specifics].join(' '));
}

/** How sure an answer is: the weakest confidence among the rules rows that decided it, and which rows those are. */
export interface AnswerConfidence {
  /** contested < seed_only < secondary < confirmed: the weakest among `confidenceFrom`. */
  confidence: Confidence;
  /**
   * Ids of the rules rows that decided the answer (rate, liability, threshold, day test, finding…). Rows cited
   * only to explain it (a return's due date, the documents to keep) are in `reasons` but not here.
   */
  confidenceFrom: string[];
}

/** The weakest of some confidences (`confirmed` for none). */
export function weakest(confidences: Iterable<Confidence>): Confidence {
  let worst = 0;
  for (const c of confidences) worst = Math.max(worst, CONFIDENCES.indexOf(c));
  return CONFIDENCES[worst] ?? 'confirmed';
}

/** The answer-level confidence of the rows (or reasons) that decided an answer; each row counted once. */
export function answerConfidence(deciding: readonly { ruleId?: string; id?: string; confidence: Confidence }[]) {
  const byId = new Map<string, Confidence>();
  for (const row of deciding) {
    const id = row.ruleId ?? row.id;
    if (id !== undefined) byId.set(id, row.confidence);
  }
  return { confidence: weakest(byId.values()), confidenceFrom: [...byId.keys()] } satisfies AnswerConfidence;
}
