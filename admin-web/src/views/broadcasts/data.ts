import type { BroadcastsApi } from '#/api/broadcasts';

/** Element Plus tag colour of a broadcast's state. */
export function stateTagType(
  state: BroadcastsApi.State,
): 'primary' | 'success' | 'warning' | 'info' | 'danger' {
  if (state === 'completed') return 'success';
  if (state === 'sent' || state === 'dispatching' || state === 'planning') return 'warning';
  if (state === 'failed') return 'danger';
  if (state === 'scheduled') return 'primary';
  return 'info';
}

/** WeCom counts text in UTF-8 bytes. */
export const utf8Bytes = (s: string): number => new TextEncoder().encode(s).length;

/** external_userids from a pasted CSV: the first column of each line, header and blanks skipped. */
export function parseIdList(text: string): string[] {
  const ids = text
    .split(/\r?\n/)
    .map((l) => l.split(',')[0]!.trim().replace(/^"|"$/g, ''))
    .filter((id) => /^[A-Za-z0-9_.@-]{1,64}$/.test(id) && id !== 'external_userid');
  return [...new Set(ids)];
}
