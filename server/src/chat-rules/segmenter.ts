import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';

/** Segmenters kept (one per distinct set of custom words, plus the plain one; ~36 MB each). */
const MAX_SEGMENTERS = 6;
/** The frequency given to a custom word: high enough that jieba keeps it whole. */
const CUSTOM_WORD_FREQ = 100000;

let base: Jieba | undefined;
const withWords = new Map<string, Jieba>();

/**
 * Chinese word segmentation (@node-rs/jieba, its default dictionary), so that a keyword matches
 * a whole word only: 奶粉 is a word of 我想买奶粉 but not of 牛奶粉红色 (牛奶 / 粉红色). A corp's
 * rules may add custom words (brand and product names the dictionary lacks): one segmenter per
 * distinct set of words, built once (loading the dictionary takes a few hundred ms) and kept.
 */
export function segmenter(customWords: readonly string[] = []): Jieba {
  const words = [...new Set(customWords.map((w) => w.trim()).filter(Boolean))].sort();
  if (!words.length) return (base ??= Jieba.withDict(dict));
  const key = words.join('\n');
  let j = withWords.get(key);
  if (!j) {
    j = Jieba.withDict(dict);
    j.loadDict(
      Buffer.from(words.map((w) => `${w.replace(/\s+/g, '')} ${CUSTOM_WORD_FREQ} n`).join('\n')),
    );
    if (withWords.size >= MAX_SEGMENTERS) withWords.delete(withWords.keys().next().value as string);
    withWords.set(key, j);
  }
  return j;
}

/** The words of a text, lower-cased, without blanks and punctuation. */
export function cutWords(j: Jieba, text: string): string[] {
  return j.cut(text.toLowerCase(), true).filter((w) => /[\p{L}\p{N}]/u.test(w));
}
