/**
 * Who a timeline's tag entry credits (`tag_added` / `tag_removed`): the entry's `userId` is the
 * follow relation's staff member, not necessarily who marked. The server records the mark's
 * `source` and `actor` in the entry's detail; entries written before that carry neither and read
 * as the relation's staff member.
 */
export type TagMarkBy =
  /** the relation's staff member (in the sidebar, or older entries) */
  | { by: 'staff' }
  /** someone else by hand: an admin in the console, a bulk job's starter */
  | { by: 'actor'; actor: string }
  | { by: 'wecom' }
  | { by: 'chat_rule' }
  | { by: 'channel' }
  | { by: 'import' }
  | { by: 'sync' };

export function tagMarkBy(
  detail: Record<string, unknown> | null | undefined,
  relationUserId: string | null | undefined,
): TagMarkBy {
  const source = typeof detail?.source === 'string' ? detail.source : null;
  const actor = typeof detail?.actor === 'string' && detail.actor ? detail.actor : null;
  switch (source) {
    case 'wecom':
    case 'chat_rule':
    case 'channel':
    case 'import':
    case 'sync':
      return { by: source };
    case 'manual':
      return actor && actor !== relationUserId ? { by: 'actor', actor } : { by: 'staff' };
    default:
      return { by: 'staff' };
  }
}

/** The sentences per `TagMarkBy`, with `{staff}`, `{actor}` and `{tags}`, for both apps' locales. */
export const TAG_MARK_MESSAGES = {
  'zh-CN': {
    added: {
      staff: '{staff} 打上标签 {tags}',
      actor: '{actor} 打上标签 {tags}（跟进人 {staff}）',
      wecom: '{staff} 在企业微信中打上标签 {tags}',
      chat_rule: '聊天规则打上标签 {tags}（跟进人 {staff}）',
      channel: '渠道活码打上标签 {tags}（跟进人 {staff}）',
      import: '导入打上标签 {tags}（跟进人 {staff}）',
      sync: '从企业微信同步到标签 {tags}（跟进人 {staff}）',
    },
    removed: {
      staff: '{staff} 移除标签 {tags}',
      actor: '{actor} 移除标签 {tags}（跟进人 {staff}）',
      wecom: '{staff} 在企业微信中移除标签 {tags}',
      chat_rule: '聊天规则移除标签 {tags}（跟进人 {staff}）',
      channel: '渠道活码移除标签 {tags}（跟进人 {staff}）',
      import: '导入移除标签 {tags}（跟进人 {staff}）',
      sync: '同步时移除标签 {tags}（跟进人 {staff}）',
    },
  },
  en: {
    added: {
      staff: '{staff} marked {tags}',
      actor: '{actor} marked {tags} (followed by {staff})',
      wecom: '{staff} marked {tags} in WeCom',
      chat_rule: 'A chat rule marked {tags} (followed by {staff})',
      channel: 'The channel code marked {tags} (followed by {staff})',
      import: 'An import marked {tags} (followed by {staff})',
      sync: 'Synced from WeCom: {tags} (followed by {staff})',
    },
    removed: {
      staff: '{staff} removed {tags}',
      actor: '{actor} removed {tags} (followed by {staff})',
      wecom: '{staff} removed {tags} in WeCom',
      chat_rule: 'A chat rule removed {tags} (followed by {staff})',
      channel: 'The channel code removed {tags} (followed by {staff})',
      import: 'An import removed {tags} (followed by {staff})',
      sync: 'Removed by a sync: {tags} (followed by {staff})',
    },
  },
} satisfies Record<string, Record<'added' | 'removed', Record<TagMarkBy['by'], string>>>;
