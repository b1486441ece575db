import { Injectable } from '@nestjs/common';
import type { AudienceFilter, AudienceRecipient } from './audience-filter';
import { decodeAudienceCursor, encodeAudienceCursor } from './audience-cursor';
import { ExternalIdRange, recipientSelection, ResolvedFilter, Sql } from './audience-sql';
import { AudienceCustomerRow, AudienceRepository, AudienceSort } from './audience.repository';

export interface AudiencePageOptions {
  /** nextCursor of the previous page (same sort and order). */
  cursor?: string;
  limit: number;
  /** Default addedAt (newest added first, then id); name: A→Z. */
  sort?: AudienceSort;
  /** Default desc for addedAt, asc for name. */
  order?: 'asc' | 'desc';
}

export interface AudiencePage {
  items: AudienceCustomerRow[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export const DEFAULT_BATCH = 1000;

/**
 * The audience filter (audience-filter.ts) evaluated over the mirror: the one implementation
 * behind the console's customer list, bulk tagging, CSV export, broadcasts and moments.
 */
@Injectable()
export class AudienceService {
  constructor(private readonly repo: AudienceRepository) {}

  /** Staff and departments become one set of allowed userids (their intersection when both). */
  private async resolve(corpId: string, f: AudienceFilter): Promise<ResolvedFilter> {
    const staff = f.staffUserIds?.length ? [...new Set(f.staffUserIds)] : null;
    const dept = f.departmentIds?.length
      ? await this.repo.staffInDepartments(corpId, [...new Set(f.departmentIds)])
      : null;
    if (!staff && !dept) return f;
    const relationUserIds =
      staff && dept ? staff.filter((u) => dept.includes(u)) : (staff ?? dept)!;
    return { ...f, relationUserIds };
  }

  /** Distinct customers matching the filter. */
  async count(corpId: string, filter: AudienceFilter): Promise<number> {
    return this.repo.count(corpId, await this.resolve(corpId, filter));
  }

  /** One keyset page in a stable sort (newest added first, then id, by default). */
  async page(
    corpId: string,
    filter: AudienceFilter,
    opts: AudiencePageOptions,
  ): Promise<AudiencePage> {
    const sort = opts.sort ?? 'addedAt';
    const order = opts.order ?? (sort === 'name' ? 'asc' : 'desc');
    const after = opts.cursor ? decodeAudienceCursor(opts.cursor, sort, order) : undefined;
    const items = await this.repo.page(corpId, await this.resolve(corpId, filter), {
      sort,
      order,
      after,
      limit: opts.limit,
    });
    const last = items[items.length - 1];
    return {
      items,
      nextCursor:
        items.length === opts.limit && last ? encodeAudienceCursor(sort, order, last) : null,
    };
  }

  /**
   * The matching customers' external_userids in batches, in bounded memory whatever the
   * audience's size: with a selective driver its candidates (at most SELECTIVE_CANDIDATES ids)
   * are read once and checked a batch at a time; otherwise the customer index is walked by id,
   * one query per batch (a customer added meanwhile is included when past the position).
   */
  async *streamExternalUserIds(
    corpId: string,
    filter: AudienceFilter,
    batchSize = DEFAULT_BATCH,
  ): AsyncIterable<string[]> {
    const resolved = await this.resolve(corpId, filter);
    const candidates = await this.repo.streamCandidates(corpId, resolved);
    if (candidates) {
      for (let i = 0; i < candidates.length; i += batchSize) {
        const ids = await this.repo.matchingAmong(
          corpId,
          resolved,
          candidates.slice(i, i + batchSize),
        );
        if (ids.length) yield ids;
      }
      return;
    }
    let after = '0';
    for (;;) {
      const rows = await this.repo.idsAfter(corpId, resolved, after, batchSize);
      if (!rows.length) return;
      yield rows.map((r) => r.externalUserId);
      if (rows.length < batchSize) return;
      after = rows[rows.length - 1].id;
    }
  }

  /**
   * What the console shows for recipients: a customer's name, with the sender's remark for them
   * (by `${externalUserId}|${userId}`), or a group's name (by chat id).
   */
  async recipientNames(
    corpId: string,
    kind: 'customers' | 'groups',
    rows: Array<{ recipientId: string; senderUserId: string }>,
  ): Promise<Map<string, { name: string; remark: string | null }>> {
    const out = new Map<string, { name: string; remark: string | null }>();
    if (kind === 'groups') {
      const names = await this.repo.groupNames(
        corpId,
        rows.map((r) => r.recipientId),
      );
      for (const r of rows) {
        const name = names.get(r.recipientId);
        if (name !== undefined)
          out.set(`${r.recipientId}|${r.senderUserId}`, { name, remark: null });
      }
      return out;
    }
    const found = await this.repo.customerNames(
      corpId,
      rows.map((r) => ({ externalUserId: r.recipientId, userId: r.senderUserId })),
    );
    const byPair = new Map(found.map((f) => [`${f.externalUserId}|${f.userId}`, f]));
    const byCustomer = new Map(found.map((f) => [f.externalUserId, f.name]));
    for (const r of rows) {
      const key = `${r.recipientId}|${r.senderUserId}`;
      const name = byPair.get(key)?.name ?? byCustomer.get(r.recipientId);
      if (name !== undefined) out.set(key, { name, remark: byPair.get(key)?.remark || null });
    }
    return out;
  }

  /**
   * The sender of each of these customers by streamRecipients' rule (an explicit list, e.g. a
   * broadcast's CSV); customers without an active relation (to `senderUserIds`) are left out.
   */
  async recipientsOf(
    corpId: string,
    externalUserIds: string[],
    senderUserIds?: string[],
  ): Promise<AudienceRecipient[]> {
    const relations = await this.repo.activeRelations(corpId, externalUserIds, senderUserIds);
    const sender = new Map<string, string>();
    for (const r of relations)
      if (!sender.has(r.externalUserId)) sender.set(r.externalUserId, r.userId);
    return [...sender].map(([externalUserId, userId]) => ({ externalUserId, userId }));
  }

  /**
   * Each matching customer once with one sender: among their active relations (of
   * `senderUserIds` when given), the one added most recently (ties: smallest userid). A customer
   * without such a relation is left out.
   */
  async *streamRecipients(
    corpId: string,
    filter: AudienceFilter,
    opts: { senderUserIds?: string[]; batchSize?: number } = {},
  ): AsyncIterable<AudienceRecipient[]> {
    for await (const ids of this.streamExternalUserIds(corpId, filter, opts.batchSize)) {
      const batch = await this.recipientsOf(corpId, ids, opts.senderUserIds);
      if (batch.length) yield batch;
    }
  }

  /**
   * streamRecipients as SQL, for a writer that keeps the rows in the database (a broadcast's
   * plan): for a range of external_userids, the `SELECT ext, sender` of the matching customers
   * in it; and the ranges, of about `rangeSize` relations each. Every range together is exactly
   * what streamRecipients yields (the audience property test checks it).
   */
  async recipientSelector(
    corpId: string,
    filter: AudienceFilter,
    opts: { senderUserIds?: string[] } = {},
  ): Promise<{
    select: (range: ExternalIdRange) => Sql;
    nextRangeEnd: (after: string | undefined, rangeSize: number) => Promise<string | undefined>;
  }> {
    const resolved = await this.resolve(corpId, filter);
    const senders = opts.senderUserIds?.length ? [...new Set(opts.senderUserIds)] : undefined;
    return {
      select: (range) => recipientSelection(corpId, resolved, range, senders),
      nextRangeEnd: (after, rangeSize) => this.repo.relationKeyAfter(corpId, after, rangeSize),
    };
  }

  /**
   * Every active relation of the matching customers that meets the filter's relation conditions
   * (staff, departments, channels, added range): the relations a bulk mark writes, since WeCom
   * keeps marks per relation.
   */
  async *streamRelations(
    corpId: string,
    filter: AudienceFilter,
    batchSize = DEFAULT_BATCH,
  ): AsyncIterable<Array<{ externalUserId: string; userId: string }>> {
    const resolved = await this.resolve(corpId, filter);
    const active: ResolvedFilter = { ...resolved, relationStatus: ['active'] };
    for await (const ids of this.streamExternalUserIds(corpId, filter, batchSize)) {
      const batch = await this.repo.matchingRelations(corpId, ids, active);
      if (batch.length) yield batch;
    }
  }
}
