import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { MirrorLock } from '../common/mirror-lock/mirror-lock';
import type { AllConfig } from '../config/configuration';
import { CorpService } from '../corps/corp.service';
import { CustomerMirrorService } from '../customers/customer-mirror.service';
import { TimelineKind } from '../customers/customer-timeline.entries';
import { CustomerTimelineService } from '../customers/customer-timeline.service';
import { OnDomainEvent } from '../events/domain-event-bus';
import type { CustomerTransferFailed } from '../events/domain-events';
import { GroupService } from '../groups/group.service';
import { JobQueueService } from '../queue/job-queue.service';
import { JobName } from '../queue/queue-names';
import { StaffService } from '../staff/staff.service';
import { TagMarkService, TagSource } from '../tags/tag-mark.service';
import { AppMessagesClient } from '../wecom/areas/app-messages.client';
import { ExternalContactsClient } from '../wecom/areas/external-contacts.client';
import { ItemResult, ItemRow, TransferRepository, TransferRow } from './transfer.repository';
import { TransferSendService } from './transfer-send.service';
import { RESULT_SENTENCES, stateOfFailReason, stateOfResult } from './transfer.types';

export interface CarryOverJobData {
  transferId: string;
}

/**
 * Tracking to the end: the poller (transfer_result / resigned/transfer_result, only for
 * transfers with customers waiting, backing off while nothing changes), transfer_fail callbacks
 * matched to their handover, the carry-over of accepted customers, and the notices.
 */
@Injectable()
export class TransferTrackingService {
  private readonly logger = new Logger(TransferTrackingService.name);
  private readonly minMs: number;
  private readonly maxMs: number;
  private readonly publicBaseUrl: string;

  constructor(
    private readonly repo: TransferRepository,
    private readonly send: TransferSendService,
    private readonly jobs: JobQueueService,
    private readonly mirror: CustomerMirrorService,
    private readonly timeline: CustomerTimelineService,
    private readonly marks: TagMarkService,
    private readonly externalContacts: ExternalContactsClient,
    private readonly groups: GroupService,
    private readonly staff: StaffService,
    private readonly corps: CorpService,
    private readonly appMessages: AppMessagesClient,
    private readonly lock: MirrorLock,
    config: ConfigService<AllConfig, true>,
  ) {
    const q = config.get('queue', { infer: true });
    this.minMs = q.transferPollMinMs;
    this.maxMs = q.transferPollMaxMs;
    this.publicBaseUrl = config.get('app', { infer: true }).publicBaseUrl;
  }

  /** The repeatable pass: every transfer whose poll is due. */
  async pollDue(now = new Date()): Promise<number> {
    const due = await this.repo.duePolls(now);
    for (const t of due)
      await this.poll(t.id).catch((err: Error) =>
        this.logger.warn({ transferId: t.id, err: err.message }, 'transfer poll failed'),
      );
    return due.length;
  }

  /**
   * Reads the results of every successor with customers waiting and writes each customer's
   * state. The next read comes after the minimum wait when something changed, else after twice
   * the last wait (at most the maximum, and never after the earliest automatic takeover).
   */
  async poll(transferId: string): Promise<{ changed: number; open: number }> {
    const t = await this.repo.findTransferById(transferId);
    if (!t || t.status !== 'tracking') return { changed: 0, open: 0 };
    let changed = 0;
    for (const takeover of await this.repo.waitingTakeovers(t.id)) {
      const status = await this.send.resultsOf(t, takeover);
      const results: ItemResult[] = [];
      for (const item of await this.repo.openItemsOf(t.id, takeover)) {
        const s = status.get(item.targetId);
        const state = s ? stateOfResult(s.status) : null;
        if (!state) continue;
        results.push({
          itemId: item.id,
          state,
          sentence: RESULT_SENTENCES[state] ?? null,
          takeoverAt: s?.takeoverAt ?? null,
        });
      }
      changed += await this.repo.applyResults(results);
    }
    return this.afterChange(t, changed);
  }

  /** A transfer_fail callback: the customer's open handover to that successor ends. */
  @OnDomainEvent('CustomerTransferFailed')
  async onTransferFailed(e: CustomerTransferFailed): Promise<void> {
    const state = stateOfFailReason(e.failReason);
    const transferId = await this.repo.applyTransferFail(
      e.corpId,
      e.externalUserId,
      e.takeoverUserId,
      state,
      RESULT_SENTENCES[state] ?? '',
    );
    if (!transferId) return;
    const t = await this.repo.findTransferById(transferId);
    if (t?.status === 'tracking') await this.afterChange(t, 1);
  }

  private async afterChange(t: TransferRow, changed: number) {
    const open = await this.repo.countOpen(t.id);
    const accepted = await this.repo.acceptedNotCarried(t.id);
    if (accepted.length) {
      // one job per set of accepted items still to carry (a replay of the same set is a no-op)
      const last = accepted[accepted.length - 1];
      await this.jobs.enqueue(
        JobName.CarryOverTransfer,
        { transferId: t.id } satisfies CarryOverJobData,
        { jobId: `transfer-carry:${t.id}:${accepted.length}:${last.id}:${last.attempt}` },
      );
    }
    if (open === 0) {
      await this.repo.setStatus(t.id, 'finished');
      this.logger.log({ transferId: t.id }, 'transfer finished: no customer or group waits');
      return { changed, open };
    }
    const last = t.pollIntervalMs || this.minMs;
    let wait = changed ? this.minMs : Math.min(this.maxMs, Math.max(this.minMs, last * 2));
    const takeover = await this.repo.earliestTakeover(t.id);
    if (takeover) wait = Math.max(this.minMs, Math.min(wait, takeover.getTime() - Date.now()));
    await this.repo.schedulePoll(t.id, new Date(Date.now() + wait), wait);
    return { changed, open };
  }

  // ------------------------------------------------------------------ carry-over

  /**
   * Every accepted, not yet carried customer (and group) of the transfer. Each poll pass that
   * finds newly accepted items enqueues a carry job, so jobs of one transfer overlap: each item
   * is carried under its own lock and skipped when another job carried it meanwhile (a job
   * that finds an item in progress waits for it instead of carrying it a second time).
   */
  async carryOver(transferId: string): Promise<number> {
    const t = await this.repo.findTransferById(transferId);
    if (!t) return 0;
    const items = await this.repo.acceptedNotCarried(t.id);
    const names = await this.staff.names(t.corpId, [
      t.handoverUserId,
      ...items.map((i) => i.takeoverUserId ?? ''),
    ]);
    let carried = 0;
    for (const item of items) {
      const done = await this.lock.run(`transfer-carry:${item.id}`, async () => {
        if (await this.repo.isCarried(item.id)) return false;
        if (item.itemType === 'customer') await this.carryCustomer(t, item, names);
        else await this.groups.syncChat(t.corpId, item.targetId).catch(() => false);
        await this.repo.markCarried(item.id);
        return true;
      });
      if (done) carried++;
    }
    return carried;
  }

  /**
   * What the brand knew goes with the customer: the handover relation's tags re-marked on the
   * successor's relation (each mark keeps its source: a person's tag stays a person's), the
   * mirror refreshed from WeCom (the successor's relation, with the remark and description WeCom
   * carries over, also when the successor was already a friend and no add event fires; the
   * handover member's relation ended as transferred_out), and a
   * timeline entry "X 交接给 Y".
   */
  private async carryCustomer(t: TransferRow, item: ItemRow, names: Map<string, string>) {
    const takeover = item.takeoverUserId!;
    const ref = `transfer:${item.id}:${item.attempt}`;
    const marks = (await this.marks.findForCustomer(t.corpId, item.targetId)).filter(
      (m) => m.userId === t.handoverUserId,
    );
    const detail = await this.externalContacts.getExternalContact(t.corpId, item.targetId, {
      freshSince: Date.now(),
    });
    await this.mirror.recordHandover(t.corpId, detail, {
      fromUserId: t.handoverUserId,
      observedAt: Math.floor(Date.now() / 1000),
      ref,
    });
    const bySource = new Map<string, string[]>();
    for (const m of marks) bySource.set(m.source, [...(bySource.get(m.source) ?? []), m.tagId]);
    for (const [source, tagIds] of bySource)
      await this.marks.mark({
        corpId: t.corpId,
        relations: [{ externalUserId: item.targetId, userId: takeover }],
        tagIds,
        source: source as TagSource,
        actor: t.createdBy,
        evidence: { transferId: t.id, fromUserId: t.handoverUserId },
        ref: `${ref}:${source}`,
      });
    const fromName = names.get(t.handoverUserId) ?? t.handoverUserId;
    const toName = names.get(takeover) ?? takeover;
    await this.timeline.append(t.corpId, {
      kind: TimelineKind.HandedOver,
      externalUserId: item.targetId,
      userId: takeover,
      detail: {
        transferId: t.id,
        kind: t.kind,
        fromUserId: t.handoverUserId,
        fromName,
        toUserId: takeover,
        toName,
        text: `${fromName} 交接给 ${toName}`,
      },
      occurredAt: new Date(),
      dedupeKey: `${ref}:${TimelineKind.HandedOver}`,
    });
  }

  // ------------------------------------------------------------------ notices

  /**
   * Each successor gets one app message (textcard) saying how many customers and groups come
   * to them, linking to their customer list. Once per send (notified_at); not repeated after a
   * network error (WeCom may have delivered it), and a failure never stops the transfer.
   */
  async notifySuccessors(transferId: string): Promise<number> {
    const t = await this.repo.findTransferById(transferId);
    if (!t || !(await this.repo.markNotified(t.id))) return 0;
    const items = (await this.repo.items(t.id)).filter(
      (i) => i.takeoverUserId && ['waiting', 'accepted', 'sent'].includes(i.state),
    );
    const per = new Map<string, { customers: number; groups: number }>();
    for (const i of items) {
      const c = per.get(i.takeoverUserId!) ?? { customers: 0, groups: 0 };
      if (i.itemType === 'customer') c.customers++;
      else c.groups++;
      per.set(i.takeoverUserId!, c);
    }
    if (!per.size) return 0;
    let agentId: number;
    try {
      agentId = (await this.corps.get(t.corpId)).agentId;
    } catch {
      return 0;
    }
    const names = await this.staff.names(t.corpId, [t.handoverUserId]);
    const from = names.get(t.handoverUserId) ?? t.handoverUserId;
    let sent = 0;
    for (const [userId, c] of per) {
      const parts = [
        c.customers ? `${c.customers} 位客户` : '',
        c.groups ? `${c.groups} 个客户群` : '',
      ]
        .filter(Boolean)
        .join('和');
      try {
        await this.appMessages.sendAppMessage(t.corpId, {
          touser: userId,
          agentid: agentId,
          msgtype: 'textcard',
          textcard: {
            title: `${from} 的客户交接给你`,
            description:
              `<div class="gray">${t.kind === 'resigned' ? '离职继承' : '在职继承'}</div>` +
              `<div class="normal">${parts}将交接给你。客户 24 小时内未拒绝即自动接替。</div>`,
            url: `${this.publicBaseUrl}/customers?userId=${encodeURIComponent(userId)}`,
            btntxt: '查看',
          },
          enable_duplicate_check: 1,
          duplicate_check_interval: 1800,
        });
        sent++;
      } catch (err) {
        this.logger.warn(
          { transferId: t.id, userId, err: (err as Error).message },
          'the successor notice was not sent',
        );
      }
    }
    return sent;
  }
}
