import type { MomentAttachment } from './moment.types';
import { MOMENT_LIMITS } from './moment.types';

/**
 * WeCom's content rules for a moment (DW 95094), checked before anything is stored:
 * text ≤ 2,000 characters (and 4,000 bytes); up to 9 images, or 1 video, or 1 link, never mixed;
 * text or an attachment. Returns field → sentences (empty when WeCom would accept it).
 */
export function momentContentProblems(
  text: string | null | undefined,
  attachments: MomentAttachment[],
): Record<string, string[]> {
  const problems: Record<string, string[]> = {};
  const add = (field: string, sentence: string) => (problems[field] ??= []).push(sentence);
  const content = text ?? '';
  const chars = [...content].length;
  if (chars > MOMENT_LIMITS.textChars)
    add('text', `正文最多 ${MOMENT_LIMITS.textChars} 个字，现在有 ${chars} 个。`);
  else if (Buffer.byteLength(content) > MOMENT_LIMITS.textBytes)
    add(
      'text',
      `正文最多 ${MOMENT_LIMITS.textBytes} 字节（UTF-8），现在有 ${Buffer.byteLength(content)} 字节。`,
    );
  const types = new Set(attachments.map((a) => a.type));
  if (types.size > 1)
    add(
      'attachments',
      `附件类型不能混用：朋友圈只能带最多 ${MOMENT_LIMITS.images} 张图片，或 1 个视频，或 1 个链接（现在有 ${[...types].join('、')}）。`,
    );
  else if (types.has('image') && attachments.length > MOMENT_LIMITS.images)
    add('attachments', `图片最多 ${MOMENT_LIMITS.images} 张，现在有 ${attachments.length} 张。`);
  else if ((types.has('video') || types.has('link')) && attachments.length > 1)
    add('attachments', `视频或链接只能有 1 个，现在有 ${attachments.length} 个。`);
  if (!content.trim() && attachments.length === 0) add('text', '朋友圈需要正文或至少一个附件。');
  return problems;
}

/** A calendar title when none is given: the first characters of the text. */
export function defaultTitle(
  text: string | null | undefined,
  attachments: MomentAttachment[],
): string {
  const t = (text ?? '').replace(/\s+/g, ' ').trim();
  if (t) return [...t].slice(0, 30).join('');
  const link = attachments.find((a) => a.type === 'link');
  if (link && link.type === 'link') return [...link.title].slice(0, 30).join('');
  return '朋友圈';
}

/** Whether a moment listed by get_moment_list is the one the SCRM submitted (reconciling). */
export function sameContent(
  listed: {
    text?: { content: string };
    image?: unknown[];
    video?: unknown;
    link?: { title?: string; url?: string };
  },
  text: string | null,
  attachments: MomentAttachment[],
): boolean {
  if ((listed.text?.content ?? '') !== (text ?? '')) return false;
  const images = attachments.filter((a) => a.type === 'image').length;
  if ((listed.image?.length ?? 0) !== images) return false;
  if (Boolean(listed.video) !== attachments.some((a) => a.type === 'video')) return false;
  const link = attachments.find((a) => a.type === 'link');
  if (Boolean(listed.link) !== Boolean(link)) return false;
  if (
    link &&
    link.type === 'link' &&
    listed.link?.url !== undefined &&
    listed.link.url !== link.url
  )
    return false;
  return true;
}

/** Delay before the n-th results pull (from 0): 1 min doubling, at most 6 h. */
export function resultsPullDelayMs(n: number): number {
  return Math.min(60_000 * 2 ** Math.min(n, 20), 6 * 3600_000);
}

/** Delay before the n-th poll of get_moment_task_result (from 0): 2 s doubling, at most 60 s. */
export function taskPollDelayMs(n: number): number {
  return Math.min(2000 * 2 ** Math.min(n, 10), 60_000);
}
