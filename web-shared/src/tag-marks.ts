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
