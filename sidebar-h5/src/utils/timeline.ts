import { tagMarkBy } from '@scrm/web-shared/tag-marks';
import type { SidebarApi } from '#/api/sidebar';

type Translate = (key: string, values?: Record<string, unknown>) => string;

const KNOWN = new Set([
  'added',
  'deleted_by_staff',
  'deleted_by_customer',
  'transferred_out',
  'transfer_failed',
  'remark_changed',
  'tag_added',
  'tag_removed',
  'channel_added',
  'channel_tags_failed',
  'welcome_sent',
  'welcome_skipped',
  'group_joined',
  'group_left',
  'follow_up_added',
]);

/** One timeline entry as a sentence (who did what), in the page's language. */
export function timelineSentence(
  entry: SidebarApi.TimelineEntry,
  staffNames: Record<string, string>,
  t: Translate,
): string {
  const d = entry.detail ?? {};
  const staffId =
    entry.kind === 'transfer_failed' ? (d.takeoverUserId as string | undefined) : entry.userId;
  const values = {
    staff: staffId ? (staffNames[staffId] ?? staffId) : '—',
    tags: (entry.tags ?? []).map((tag) => `「${tag.name ?? tag.tagId}」`).join(''),
    channel: (d.channelName as string | undefined) ?? '',
    chat: (d.chatName as string | undefined) || (d.chatId as string | undefined) || '',
    content: (d.content as string | undefined) ?? '',
    kind: entry.kind,
  };
  if (entry.kind === 'tag_added' || entry.kind === 'tag_removed') {
    // the entry is the relation's; who marked is in its detail (an admin, a rule, a channel…)
    const who = tagMarkBy(d, entry.userId);
    const actor = who.by === 'actor' ? who.actor : '';
    return t(`timeline.${entry.kind}_by.${who.by}`, { ...values, actor });
  }
  return t(`timeline.${KNOWN.has(entry.kind) ? entry.kind : 'unknown'}`, values);
}
