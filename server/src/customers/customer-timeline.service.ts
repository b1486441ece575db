import { Injectable } from '@nestjs/common';
import type { TimelineEntry } from './customer-timeline.entries';
import { CustomerTimelineRepository } from './customer-timeline.repository';
import type { MirrorTx } from './mirror-transaction.repository';

/**
 * The customer timeline (customer_timeline, owned by customers/): the only way any module adds
 * entries. One INSERT shape; an entry whose `(corp, dedupeKey)` exists is not written again, so a
 * replayed event or a retried job appends nothing twice.
 */
@Injectable()
export class CustomerTimelineService {
  constructor(private readonly repo: CustomerTimelineRepository) {}

  /**
   * Appends entries (typed by kind, see customer-timeline.entries.ts). `tx`: inside the caller's
   * open transaction (the entry commits or rolls back with the caller's writes). Returns how many
   * entries were new.
   */
  append(corpId: string, entries: TimelineEntry | TimelineEntry[], tx?: MirrorTx): Promise<number> {
    const list = Array.isArray(entries) ? entries : [entries];
    return this.repo.insertMany(tx ?? null, corpId, list);
  }

  /** StaffUserIdRenamed: entries keep their history under the new userid. */
  renameUserId(corpId: string, oldId: string, newId: string): Promise<void> {
    return this.repo.renameUserId(corpId, oldId, newId);
  }
}
