import { Injectable, Logger } from '@nestjs/common';
import { TimelineEntry, TimelineKind } from '../customers/customer-timeline.entries';
import { CustomerTimelineService } from '../customers/customer-timeline.service';
import { DomainEventBus, OnDomainEvent } from '../events/domain-event-bus';
import type { StaffUserIdRenamed } from '../events/domain-events';
import { forEachLimit } from '../common/concurrency';
import { WecomApiException } from '../wecom/wecom-api.exception';
import { CorpTagsClient } from '../wecom/areas/corp-tags.client';
import { TagSource } from './entities/customer-tag.entity';
import {
  MarkKey,
  OpenTx,
  markKey,
  SOURCE_RANK,
  TagMarkRepository,
  TagMarkRow,
} from './tag-mark.repository';

export { TagSource, SOURCE_RANK, markKey };

/** A follow relation: tags are marked per staff member × customer in WeCom. */
export interface RelationRef {
  externalUserId: string;
  userId: string;
}

export interface MarkRequest {
  corpId: string;
  relations: RelationRef[];
  tagIds: string[];
  source: TagSource;
  /** Who: an admin's username, a staff userid, a rule id (null for WeCom and the sync). */
  actor?: string | null;
  /** Why: the channel, the rule and the message, the import file… (stored as JSON). */
  evidence?: Record<string, unknown> | null;
  /** Prefix of the timeline dedupe keys (e.g. `channel-add:<id>`): a retry appends nothing. */
  ref?: string;
}

export interface ChangeRequest extends Omit<MarkRequest, 'tagIds'> {
  addTagIds: string[];
  removeTagIds: string[];
}

export interface MarkFailure extends RelationRef {
  errcode: number;
  message: string;
}

export interface MarkResult {
  /** Relations WeCom and the mirror now have the marks on. */
  done: RelationRef[];
  /** Relations WeCom refused for good (a tag deleted in WeCom, a relation gone): not retried. */
  failed: MarkFailure[];
}

/** Relations marked at WeCom at once (one mark_tag per relation). */
const WECOM_CONCURRENCY = 8;

/**
 * Tag marks (customer_tag, owned by tags/): the one way any module marks or unmarks a corp tag on
 * a relation. Writes WeCom first (`externalcontact/mark_tag`), then the mirror (API writes
 * produce no callback: the writer updates the mirror), then a timeline entry and `TagsChanged`.
 * Idempotent: marking a marked tag, or unmarking an unmarked one, changes nothing.
 *
 * **Which source wins** when two mark the same tag: the stronger source, in the order
 * `sync < wecom < channel < chat_rule < import < manual` (SOURCE_RANK). A mark keeps its source,
 * actor and evidence when a source of the same or a lower rank marks it again, and takes the new
 * ones when a stronger source marks it: a person's decision outranks a rule, a rule outranks a
 * channel, and `wecom`/`sync` are only copies of what WeCom shows. Unmarking removes the mark
 * whatever its source, and records when (as does a removal made in WeCom, through the mirror): a
 * chat rule marks a removed tag again only from a message sent after it (`removalsOfCustomers`).
 *
 * A WeCom error that will not pass by retrying (e.g. a tag deleted in WeCom) is reported per
 * relation in `failed`; a transient one is thrown, for the calling job to retry.
 */
@Injectable()
export class TagMarkService {
  private readonly logger = new Logger(TagMarkService.name);

  constructor(
    private readonly repo: TagMarkRepository,
    private readonly corpTags: CorpTagsClient,
    private readonly timeline: CustomerTimelineService,
    private readonly events: DomainEventBus,
  ) {}

  mark(req: MarkRequest): Promise<MarkResult> {
    return this.change({ ...req, addTagIds: req.tagIds, removeTagIds: [] });
  }

  unmark(req: Omit<MarkRequest, 'evidence'>): Promise<MarkResult> {
    return this.change({ ...req, addTagIds: [], removeTagIds: req.tagIds });
  }

  /**
   * Adds and removes tags on the relations in one mark_tag each (what the console, the sidebar
   * and bulk jobs use). A tag both added and removed is removed.
   */
  async change(req: ChangeRequest): Promise<MarkResult> {
    const removeIds = [...new Set(req.removeTagIds)];
    const addIds = [...new Set(req.addTagIds)].filter((t) => !removeIds.includes(t));
    const result: MarkResult = { done: [], failed: [] };
    if ((!addIds.length && !removeIds.length) || !req.relations.length) return result;
    await forEachLimit(uniqueRelations(req.relations), WECOM_CONCURRENCY, async (r) => {
      try {
        await this.corpTags.markTag(req.corpId, {
          userid: r.userId,
          external_userid: r.externalUserId,
          ...(addIds.length ? { add_tag: addIds } : {}),
          ...(removeIds.length ? { remove_tag: removeIds } : {}),
        });
        result.done.push(r);
      } catch (err) {
        if (!(err instanceof WecomApiException) || err.isRetryable) throw err;
        this.logger.warn({ corpId: req.corpId, errcode: err.errcode }, 'mark_tag refused');
        result.failed.push({ ...r, errcode: err.errcode, message: err.message });
      }
    });
    const adds = result.done.flatMap((r) => addIds.map((tagId) => ({ ...r, tagId })));
    const removes = result.done.flatMap((r) => removeIds.map((tagId) => ({ ...r, tagId })));
    const before = new Set(
      (await this.repo.find(null, req.corpId, [...adds, ...removes])).map(markKey),
    );
    const added = perRelation(adds.filter((m) => !before.has(markKey(m))));
    const removed = perRelation(removes.filter((m) => before.has(markKey(m))));
    // the timeline before the mirror: its entries are deduplicated by key, so a job retried
    // after a crash between the two writes appends none twice, and no stored change is ever
    // without its entry (written after, a crash in between left the retry seeing no change)
    const entries = [...this.entries(req, 'add', added), ...this.entries(req, 'remove', removed)];
    if (entries.length) await this.timeline.append(req.corpId, entries);
    await this.repo.upsert(
      null,
      req.corpId,
      adds.map((m) => ({ ...m, source: req.source, actor: req.actor, evidence: req.evidence })),
    );
    await this.repo.deleteMany(null, req.corpId, removes);
    await this.emitChanged(req, 'add', added);
    await this.emitChanged(req, 'remove', removed);
    return result;
  }

  /**
   * A source matched tags the relations already carry (a chat rule: the tag is on the relation
   * in WeCom already, so no mark_tag): a mark from a weaker source (`sync`, `wecom`, `channel`
   * for a rule) takes this one's source, actor and evidence, with a timeline entry per relation
   * that changed (`tag_added` by this source: the mark is now its). A mark of the same or a
   * stronger source, or no mark, is left alone. Returns the marks that changed.
   */
  async adopt(req: MarkRequest): Promise<MarkKey[]> {
    const marks = uniqueRelations(req.relations).flatMap((r) =>
      [...new Set(req.tagIds)].map((tagId) => ({ ...r, tagId })),
    );
    // the entries in the same transaction as the marks: a crash leaves neither or both
    return this.repo.promote(req.corpId, marks, req, (tx, changed) =>
      this.timeline.append(req.corpId, this.entries(req, 'add', perRelation(changed)), tx),
    );
  }

  /** TagsChanged for the marks that really changed, per relation. */
  private async emitChanged(
    req: Omit<MarkRequest, 'tagIds'>,
    op: 'add' | 'remove',
    byRelation: Array<{ r: RelationRef; tagIds: string[] }>,
  ): Promise<void> {
    if (!byRelation.length) return;
    await this.events.emitAll(
      'TagsChanged',
      byRelation.map(({ r, tagIds }) => ({
        corpId: req.corpId,
        externalUserId: r.externalUserId,
        userId: r.userId,
        added: op === 'add' ? tagIds : [],
        removed: op === 'remove' ? tagIds : [],
        source: req.source,
      })),
    );
  }

  /** One timeline entry per relation (`tag_added` / `tag_removed`, by the request's source). */
  private entries(
    req: Omit<MarkRequest, 'tagIds'>,
    op: 'add' | 'remove',
    byRelation: Array<{ r: RelationRef; tagIds: string[] }>,
  ): TimelineEntry[] {
    const kind = op === 'add' ? TimelineKind.TagAdded : TimelineKind.TagRemoved;
    const now = new Date();
    const ref = req.ref ?? `tags:${now.getTime()}`;
    return byRelation.map(
      ({ r, tagIds }) =>
        ({
          kind,
          externalUserId: r.externalUserId,
          userId: r.userId,
          // who marked: the entry is the relation's (userId), the actor may be an admin or a rule
          detail: { tagIds, source: req.source, actor: req.actor ?? null },
          occurredAt: now,
          dedupeKey: `${ref}:${kind}:${r.userId}:${r.externalUserId}`,
        }) as TimelineEntry,
    );
  }

  // ------------------------------------------------------------ the customers mirror's side

  /** The customers' marks, locked in the mirror's transaction (it plans WeCom's view on them). */
  lockForMirror(tx: OpenTx, corpId: string, externalUserIds: string[]): Promise<TagMarkRow[]> {
    return this.repo.lockByCustomers(tx, corpId, externalUserIds);
  }

  /**
   * What the customers mirror decided, in its transaction and without calling WeCom (the marks
   * came from WeCom): removals, then additions, each by the precedence rule above.
   */
  async applyFromMirror(
    tx: OpenTx,
    corpId: string,
    change: {
      remove: TagMarkRow[];
      add: Array<TagMarkRow & { actor?: string | null; evidence?: Record<string, unknown> | null }>;
    },
  ): Promise<void> {
    await this.repo.deleteMany(tx, corpId, change.remove);
    await this.repo.upsert(tx, corpId, change.add);
  }

  /** The stored marks of these customers, every staff member's (the chat rules skip what is marked). */
  findMarksOfCustomers(corpId: string, externalUserIds: string[]): Promise<TagMarkRow[]> {
    return this.repo.findByCustomers(corpId, externalUserIds);
  }

  /**
   * When marks of these customers were last removed (by a person or in WeCom), by
   * `markKey(relation × tag)`: the chat rules re-mark a removed tag only from later messages.
   */
  removalsOfCustomers(corpId: string, externalUserIds: string[]): Promise<Map<string, number>> {
    return this.repo.removalsOfCustomers(corpId, externalUserIds);
  }

  findForCustomer(corpId: string, externalUserId: string) {
    return this.repo.findForCustomer(corpId, externalUserId);
  }

  findForCustomers(corpId: string, externalUserIds: string[]) {
    return this.repo.findForCustomers(corpId, externalUserIds);
  }

  /** The marks follow a renamed userid (customer_tag is this module's to rename). */
  @OnDomainEvent('StaffUserIdRenamed')
  onStaffUserIdRenamed(e: StaffUserIdRenamed): Promise<void> {
    return this.repo.renameUserId(e.corpId, e.oldUserId, e.newUserId);
  }
}

/** Marks grouped by relation: each relation once, with its tags. */
function perRelation(marks: Array<RelationRef & { tagId: string }>) {
  const byRelation = new Map<string, { r: RelationRef; tagIds: string[] }>();
  for (const m of marks) {
    const k = `${m.externalUserId}\u0000${m.userId}`;
    const e = byRelation.get(k) ?? { r: m, tagIds: [] };
    e.tagIds.push(m.tagId);
    byRelation.set(k, e);
  }
  return [...byRelation.values()];
}

function uniqueRelations(rs: RelationRef[]): RelationRef[] {
  const seen = new Map<string, RelationRef>();
  for (const r of rs) seen.set(`${r.externalUserId}\u0000${r.userId}`, r);
  return [...seen.values()];
}
