import { tagMarkBy } from '@scrm/web-shared/tag-marks';
import type { CustomersApi } from '#/api/customers';
import { formatShortDateTime } from '#/utils/time';

type Translate = (key: string, params?: Record<string, unknown>) => string;

export interface TimelineContext {
  /** userid → staff name (from the detail's follow relations, then the staff list). */
  staffName: (userId: string | null | undefined) => string;
  /** contact way state → channel name (for adds WeCom reported with a `state`). */
  channelByState: (state: string | null | undefined) => string | null;
}

export interface TimelineSentence {
  id: string;
  kind: string;
  occurredAt: string;
  /** `12-01 14:05`, in the corp's time zone. */
  time: string;
  text: string;
}

const WELCOME_KINDS = new Set(['welcome_sent', 'welcome_skipped']);

function str(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function tagNames(entry: CustomersApi.TimelineEntry): string {
  return (entry.tags ?? []).map((tag) => `「${tag.name ?? tag.tagId}」`).join('');
}

/**
 * The timeline as sentences in the console's language, newest first ("12-01 14:05 通过「静安店柜台」
 * 添加了 李娜，已发送欢迎语"). A channel add and its welcome are one sentence; the bare `added`
 * entry of the same add (the callback's) is left out when the channel's entry says it.
 */
export function timelineSentences(
  entries: readonly CustomersApi.TimelineEntry[],
  ctx: TimelineContext,
  t: Translate,
): TimelineSentence[] {
  const channelAdds = entries.filter((e) => e.kind === 'channel_added');
  const welcomeFor = (add: CustomersApi.TimelineEntry) =>
    entries.find(
      (e) =>
        WELCOME_KINDS.has(e.kind) &&
        e.userId === add.userId &&
        e.detail?.channelId === add.detail?.channelId,
    );
  const merged = new Set(channelAdds.map(welcomeFor).filter(Boolean));

  const out: TimelineSentence[] = [];
  for (const entry of entries) {
    if (merged.has(entry)) continue;
    const detail = entry.detail ?? {};
    const staff = ctx.staffName(entry.userId);
    const channel =
      str(detail.channelName) ?? ctx.channelByState(str(detail.state)) ?? str(detail.state);
    let text: string;
    switch (entry.kind) {
      case 'added': {
        const same = channelAdds.some((add) => add.userId === entry.userId);
        if (same && detail.discoveredBy !== 'sync') continue;
        text = channel
          ? t('timeline.addedVia', { channel, staff })
          : t('timeline.added', { staff });
        break;
      }
      case 'channel_added': {
        text = t('timeline.addedVia', { channel: channel ?? '—', staff });
        const welcome = welcomeFor(entry);
        if (welcome?.kind === 'welcome_sent') text += t('timeline.andWelcomed');
        else if (welcome?.kind === 'welcome_skipped')
          text += t('timeline.andNotWelcomed', {
            reason: str(welcome.detail?.sentence) ?? str(welcome.detail?.reason) ?? '',
          });
        break;
      }
      case 'welcome_sent':
        text = t('timeline.welcomeSent', { channel: channel ?? '—', staff });
        break;
      case 'welcome_skipped':
        text = t('timeline.welcomeSkipped', {
          channel: channel ?? '—',
          reason: str(detail.sentence) ?? str(detail.reason) ?? '',
        });
        break;
      case 'channel_tags_failed':
        text = t('timeline.channelTagsFailed', {
          channel: channel ?? '—',
          errcode: detail.errcode ?? '—',
        });
        break;
      case 'deleted_by_staff':
        text = t('timeline.deletedByStaff', { staff });
        break;
      case 'deleted_by_customer':
        text = t('timeline.deletedByCustomer', { staff });
        break;
      case 'transferred_out':
        text = t('timeline.transferredOut', { staff });
        break;
      case 'transfer_failed':
        text = t('timeline.transferFailed', { staff });
        break;
      case 'remark_changed': {
        const to = (detail.to ?? {}) as { remark?: string };
        text = to.remark
          ? t('timeline.remarkChanged', { staff, remark: to.remark })
          : t('timeline.remarkCleared', { staff });
        break;
      }
      case 'tag_added':
      case 'tag_removed': {
        // the entry is the relation's; who marked is in its detail (an admin, a rule, a channel…)
        const who = tagMarkBy(detail, entry.userId);
        const verb = entry.kind === 'tag_added' ? 'tagAdded' : 'tagRemoved';
        text = t(`timeline.${verb}By.${who.by}`, {
          staff,
          actor: who.by === 'actor' ? who.actor : '',
          tags: tagNames(entry),
        });
        break;
      }
      default:
        text = t('timeline.other', { kind: entry.kind, staff });
    }
    out.push({
      id: entry.id,
      kind: entry.kind,
      occurredAt: entry.occurredAt,
      time: formatShortDateTime(entry.occurredAt),
      text,
    });
  }
  return out.sort((a, b) => b.occurredAt.localeCompare(a.occurredAt));
}

type TagEvidence = NonNullable<CustomersApi.TagMark['evidence']>;

/** One tag of the customer (the union over their relations) with who marked it and how. */
export interface CustomerTag {
  tagId: string;
  name: string;
  /** The marks' sources (`manual`, `chat_rule`, …); a mark without one is left out here. */
  sources: string[];
  /** Who marked it (usernames, rules), each once. */
  actors: string[];
  /** A bulk job (批量打标签) marked it on at least one relation. */
  bulk: boolean;
  /** Chat-rule sentences (admins only). */
  evidence: TagEvidence[];
}

/**
 * The customer's tags by tag group, each with its sources and (admins) chat-rule sentences. A
 * tag whose name or group the mirror does not know is still listed (by its id, 未分组).
 */
export function groupedTags(
  detail: CustomersApi.Detail,
): Array<{ groupId: string; name: string; tags: CustomerTag[] }> {
  const groups = new Map<string, { name: string; tags: Map<string, CustomerTag> }>();
  const marks = detail.tags ?? (detail.follows ?? []).flatMap((f) => f.tags ?? []);
  for (const mark of marks) {
    const groupKey = mark.groupId ?? '';
    const group = groups.get(groupKey) ?? { name: mark.groupName ?? '', tags: new Map() };
    groups.set(groupKey, group);
    const tag = group.tags.get(mark.tagId) ?? {
      tagId: mark.tagId,
      name: mark.tagName ?? mark.tagId,
      sources: [],
      actors: [],
      bulk: false,
      evidence: [],
    };
    if (mark.source && !tag.sources.includes(mark.source)) tag.sources.push(mark.source);
    if (mark.actor && !tag.actors.includes(mark.actor)) tag.actors.push(mark.actor);
    if (mark.bulkJobId) tag.bulk = true;
    if (mark.evidence && !tag.evidence.some((e: TagEvidence) => e.text === mark.evidence!.text))
      tag.evidence.push(mark.evidence);
    group.tags.set(mark.tagId, tag);
  }
  return [...groups].map(([groupId, group]) => ({
    groupId,
    name: group.name,
    tags: [...group.tags.values()],
  }));
}
