import { Injectable } from '@nestjs/common';
import { CustomerCountRepository } from './customer-count.repository';
import { classDeltas, countOf } from './customer-counts.rules';
import { CustomerStatsRepository } from './customer-stats.repository';
import type { MirrorTx } from './mirror-transaction.repository';

/** The counter's part of one mirror transaction: call `commit` after the writes, in the tx. */
export interface CountTracking {
  commit(): Promise<void>;
}

/**
 * The maintained customer counts (customer_count, docs/audience.md "The counter"): every mirror
 * transaction that writes customers or relations moves the customers it touched between classes
 * in the same transaction; `recount` rebuilds a corp from the mirror (after a full sync, after a
 * writer that changes many customers at once, and from `recount-customers.js`).
 */
@Injectable()
export class CustomerCountsService {
  constructor(
    private readonly counts: CustomerCountRepository,
    private readonly stats: CustomerStatsRepository,
  ) {}

  /**
   * Reads the classes of `externalUserIds` before the transaction writes (their relations
   * already locked by the caller); `commit` reads them after and adds the differences.
   */
  async track(tx: MirrorTx, corpId: string, externalUserIds: string[]): Promise<CountTracking> {
    const ids = [...new Set(externalUserIds)].sort();
    const before = await this.counts.classesOf(tx, corpId, ids, true);
    return {
      commit: async () => {
        const after = await this.counts.classesOf(tx, corpId, ids, false);
        await this.counts.addDeltas(tx, corpId, classDeltas(before, after));
      },
    };
  }

  /** Counts the corp again from the mirror (see CustomerCountRepository.recount). */
  async recount(corpId: string): Promise<void> {
    await this.counts.recount(corpId);
  }

  /**
   * Customers with at least one active relation (the dashboard's total): the counter, or the
   * mirror itself for a corp never counted (before its first full sync).
   */
  async activeCustomers(corpId: string): Promise<number> {
    const classes = await this.counts.classes(corpId);
    if (classes) return countOf(classes, ['active'], false);
    return this.stats.activeCustomers(corpId);
  }
}
