import type { Jieba } from '@node-rs/jieba';
import { cutWords, segmenter } from './segmenter';

export type RuleSender = 'customer' | 'staff';
export type RuleChatType = 'private' | 'group';

/** A chat rule as the matcher needs it. */
export interface RuleDefinition {
  id: string;
  name: string;
  enabled: boolean;
  matchMode: 'any' | 'all';
  keywords: string[];
  exclusions: string[];
  segmentation: boolean;
  customWords: string[];
  senders: RuleSender[];
  chatTypes: RuleChatType[];
  /** null: all staff. */
  departmentIds: number[] | null;
  tagIds: string[];
}

/** A keyword as matched: a substring, or a run of words (segmentation). */
interface Term {
  raw: string;
  text: string;
  words: string[];
}

export interface CompiledRule {
  def: RuleDefinition;
  keywords: Term[];
  exclusions: Term[];
}

/** A corp's enabled rules, compiled once (and cached by the service until a rule changes). */
export interface CompiledRuleSet {
  rules: CompiledRule[];
  /** The segmenter with every segmentation rule's custom words; null when no rule segments. */
  jieba: Jieba | null;
  /**
   * Segmenting rules whose keywords are all single words, by those words: a message is checked
   * only against the rules one of its words names (most messages name none), not all of them.
   */
  byWord: Map<string, CompiledRule[]>;
  /** The other rules (substring keywords, phrases), checked against every message. */
  linear: CompiledRule[];
}

/** What the matcher reads of a message. */
export interface MatchInput {
  text: string;
  sender: RuleSender | null;
  chatType: RuleChatType;
}

export interface TextMatch {
  matched: boolean;
  /** The keywords found. */
  keywords: string[];
  /** The exclusion that stopped it, if one did. */
  excludedBy: string | null;
}

const norm = (s: string) => s.trim().toLowerCase();

function term(j: Jieba | null, raw: string): Term {
  const text = norm(raw);
  return { raw, text, words: j ? cutWords(j, text) : [] };
}

export function compileRules(defs: RuleDefinition[]): CompiledRuleSet {
  const enabled = defs.filter((d) => d.enabled && d.keywords.length);
  const seg = enabled.filter((d) => d.segmentation);
  const jieba = seg.length ? segmenter(seg.flatMap((d) => d.customWords)) : null;
  const rules = enabled.map((def) => {
    const j = def.segmentation ? jieba : null;
    return {
      def,
      keywords: def.keywords.filter((k) => norm(k)).map((k) => term(j, k)),
      exclusions: def.exclusions.filter((k) => norm(k)).map((k) => term(j, k)),
    };
  });
  const byWord = new Map<string, CompiledRule[]>();
  const linear: CompiledRule[] = [];
  for (const r of rules) {
    if (!r.def.segmentation || !r.keywords.length || r.keywords.some((k) => k.words.length !== 1)) {
      linear.push(r);
      continue;
    }
    for (const w of new Set(r.keywords.map((k) => k.words[0]))) {
      const list = byWord.get(w) ?? [];
      list.push(r);
      byWord.set(w, list);
    }
  }
  return { jieba, rules, byWord, linear };
}

/** The words of a message, cut once for all the rules that segment. */
export interface PreparedText {
  text: string;
  words: string[] | null;
  wordSet: Set<string> | null;
}

export function prepare(set: CompiledRuleSet, text: string): PreparedText {
  const lower = text.toLowerCase();
  if (!set.jieba) return { text: lower, words: null, wordSet: null };
  const words = cutWords(set.jieba, lower);
  return { text: lower, words, wordSet: new Set(words) };
}

function contains(p: PreparedText, t: Term, segmented: boolean): boolean {
  if (!segmented || !p.words || !t.words.length) return p.text.includes(t.text);
  if (t.words.length === 1) return p.wordSet!.has(t.words[0]);
  const w = p.words;
  outer: for (let i = 0; i + t.words.length <= w.length; i++) {
    for (let k = 0; k < t.words.length; k++) if (w[i + k] !== t.words[k]) continue outer;
    return true;
  }
  return false;
}

/** Whether one rule's keywords match a text (scope aside). */
export function matchText(rule: CompiledRule, p: PreparedText): TextMatch {
  const seg = rule.def.segmentation;
  const excludedBy = rule.exclusions.find((t) => contains(p, t, seg))?.raw ?? null;
  const found = rule.keywords.filter((t) => contains(p, t, seg)).map((t) => t.raw);
  const hit =
    rule.def.matchMode === 'all' ? found.length === rule.keywords.length : found.length > 0;
  return { matched: hit && !excludedBy, keywords: found, excludedBy };
}

/** Whether the message's sender and chat type are in the rule's scope (staff scope: the service). */
export function inScope(rule: CompiledRule, m: MatchInput): boolean {
  return (
    m.sender !== null &&
    rule.def.senders.includes(m.sender) &&
    rule.def.chatTypes.includes(m.chatType)
  );
}

/** The rules a message matches, in the set's order: the word index first, then scope and text. */
export function matchMessage(set: CompiledRuleSet, m: MatchInput): CompiledRule[] {
  if (!m.text || m.sender === null || !set.rules.length) return [];
  const p = prepare(set, m.text);
  const candidates = new Set<CompiledRule>(set.linear);
  if (p.wordSet)
    for (const w of p.wordSet) for (const r of set.byWord.get(w) ?? []) candidates.add(r);
  if (!candidates.size) return [];
  return set.rules.filter((r) => candidates.has(r) && inScope(r, m) && matchText(r, p).matched);
}
