import { randomBytes } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AllConfig } from '../config/configuration';
import { JobQueueService } from '../queue/job-queue.service';
import { JobName } from '../queue/queue-names';
import { TransfersClient } from '../wecom/areas/transfers.client';
import { CustomerGroupsClient } from '../wecom/areas/customer-groups.client';
import { WecomApiException } from '../wecom/wecom-api.exception';
import {
  BatchRow,
  ItemResult,
  ItemRow,
  TransferRepository,
  TransferRow,
} from './transfer.repository';
import {
  errcodeSentence,
  RESULT_SENTENCES,
  stateOfResult,
  TAKEOVER_DELAY_MS,
} from './transfer.types';

/** 45009 on groupchat/transfer: the original owner's 300 groups of the day are used up. */
const GROUP_DAY_LIMIT = 45009;
const DAY_MS = 86_400_000;

export interface SendJobData {
  transferId: string;
}

/**
 * Sends a transfer's batches. Each batch is claimed (`calling`, items `sent`) and committed
 * before its WeCom call, and its answer is written with the batch `done` in one transaction. One
 * worker holds a transfer's send lease at a time; a batch found `calling` under a fresh lease was
 * left by a worker that died mid-call, and is reconciled with WeCom (transfer_result lists every
 * customer WeCom took; groupchat/get names the owner) before anything is sent again, so no
 * customer is sent twice and none is forgotten.
 */
@Injectable()
export class TransferSendService {
  private readonly logger = new Logger(TransferSendService.name);
  private readonly leaseMs: number;

  constructor(
    private readonly repo: TransferRepository,
    private readonly transfers: TransfersClient,
    private readonly groups: CustomerGroupsClient,
    private readonly jobs: JobQueueService,
    config: ConfigService<AllConfig, true>,
  ) {
    this.leaseMs = config.get('queue', { infer: true }).transferSendLeaseMs;
  }

  /** Enqueues the send (a deterministic id per occasion: a second enqueue is a no-op). */
  enqueue(transferId: string, occasion: string, delayMs = 0) {
    return this.jobs.enqueue(JobName.SendTransfer, { transferId } satisfies SendJobData, {
      jobId: `transfer-send:${transferId}:${occasion}`,
      delay: delayMs,
    });
  }

  /** The send job: every open batch that may go out now. Returns batches sent. */
  async send(transferId: string): Promise<{ sent: number; later: number; busy?: boolean }> {
    const t = await this.repo.findTransferById(transferId);
    if (!t || t.status === 'finished') return { sent: 0, later: 0 };
    const token = randomBytes(12).toString('hex');
    if (!(await this.repo.takeSendLease(transferId, token, this.leaseMs))) {
      // another worker sends it, or a dead one's lease has not run out: look again after it
      await this.enqueue(transferId, `lease:${Date.now()}`, this.leaseMs);
      return { sent: 0, later: 0, busy: true };
    }
    let sent = 0;
    let later = 0;
    try {
      for (const batch of await this.repo.openBatches(transferId)) {
        if (!(await this.repo.takeSendLease(transferId, token, this.leaseMs))) break;
        if (batch.state === 'calling' && !(await this.reconcile(t, batch))) continue;
        if (batch.notBefore && batch.notBefore.getTime() > Date.now()) {
          later++;
          await this.enqueue(
            transferId,
            `batch:${batch.id}`,
            batch.notBefore.getTime() - Date.now(),
          );
          continue;
        }
        if (!(await this.repo.claimBatch(batch.id))) continue;
        await this.call(t, batch);
        sent++;
      }
    } finally {
      await this.repo.releaseSendLease(transferId, token);
    }
    if (!later && !(await this.repo.openBatches(transferId)).length) {
      await this.repo.setStatus(transferId, 'tracking');
      await this.repo.schedulePoll(transferId, new Date(), 0);
    }
    return { sent, later };
  }

  /** One WeCom call for a claimed batch, and its answer stored per item. */
  private async call(t: TransferRow, batch: BatchRow): Promise<void> {
    // items already answered (a reconciled batch) are not sent again
    const items = (await this.repo.batchItems(batch.id)).filter((i) => i.state === 'sent');
    if (!items.length) return this.repo.completeBatch(batch.id, []);
    try {
      if (batch.itemType === 'customer') await this.callCustomers(t, batch, items);
      else await this.callGroups(t, batch, items);
    } catch (err) {
      if (err instanceof WecomApiException && !err.isRetryable) {
        // the whole call refused (e.g. 40097 not departed, 84074 no permission): each item fails
        const sentence = errcodeSentence(err.errcode);
        await this.repo.completeBatch(
          batch.id,
          items.map((i) => ({ itemId: i.id, state: 'failed', errcode: err.errcode, sentence })),
        );
        return;
      }
      // transient or unknown: the batch stays `calling`; the retried job reconciles it first
      throw err;
    }
  }

  private async callCustomers(t: TransferRow, batch: BatchRow, items: ItemRow[]): Promise<void> {
    const req = {
      handover_userid: t.handoverUserId,
      takeover_userid: batch.takeoverUserId,
      external_userid: items.map((i) => i.targetId),
    };
    const res =
      t.kind === 'onjob'
        ? await this.transfers.transferCustomers(t.corpId, {
            ...req,
            ...(t.message ? { transfer_success_msg: t.message } : {}),
          })
        : await this.transfers.transferResignedCustomers(t.corpId, req);
    const byId = new Map((res.customer ?? []).map((c) => [c.external_userid, c.errcode]));
    const takeoverAt = new Date(Date.now() + TAKEOVER_DELAY_MS);
    const results: ItemResult[] = items.map((i) => {
      const errcode = byId.get(i.targetId);
      if (errcode === 0)
        return { itemId: i.id, state: 'waiting', sentence: RESULT_SENTENCES.waiting, takeoverAt };
      if (errcode === undefined)
        return {
          itemId: i.id,
          state: 'failed',
          errcode: null,
          sentence: '企业微信的回复中没有这位客户',
        };
      return {
        itemId: i.id,
        state: errcode === 40099 ? 'limit_reached' : 'failed',
        errcode,
        sentence: errcodeSentence(errcode),
      };
    });
    await this.repo.completeBatch(batch.id, results);
  }

  private async callGroups(t: TransferRow, batch: BatchRow, items: ItemRow[]): Promise<void> {
    const req = { chat_id_list: items.map((i) => i.targetId), new_owner: batch.takeoverUserId };
    const res =
      t.kind === 'onjob'
        ? await this.transfers.transferOnJobGroupChats(t.corpId, req)
        : await this.transfers.transferGroupChats(t.corpId, req);
    const failed = new Map((res.failed_chat_list ?? []).map((f) => [f.chat_id, f.errcode]));
    const nextDay: string[] = [];
    const results: ItemResult[] = [];
    for (const i of items) {
      const errcode = failed.get(i.targetId);
      if (errcode === undefined)
        results.push({ itemId: i.id, state: 'accepted', sentence: '群主已变更' });
      else if (errcode === GROUP_DAY_LIMIT) nextDay.push(i.targetId);
      else
        results.push({
          itemId: i.id,
          state: 'failed',
          errcode,
          sentence: errcodeSentence(errcode),
        });
    }
    await this.repo.completeBatch(
      batch.id,
      results,
      nextDay.length
        ? {
            transferId: t.id,
            corpId: t.corpId,
            batch: {
              itemType: 'group',
              takeoverUserId: batch.takeoverUserId,
              targetIds: nextDay,
              notBefore: new Date(Date.now() + DAY_MS),
            },
          }
        : undefined,
    );
  }

  /**
   * A batch left `calling` by a dead worker (or a call whose answer was lost): asks WeCom what
   * it took. Items WeCom has are written as WeCom says; the rest go back to planned and the
   * batch is pending again. Returns whether the batch may be sent now.
   */
  private async reconcile(t: TransferRow, batch: BatchRow): Promise<boolean> {
    const items = (await this.repo.batchItems(batch.id)).filter((i) => i.state === 'sent');
    this.logger.warn(
      { transferId: t.id, batchId: batch.id, items: items.length },
      'batch found mid-call: reconciling with WeCom before sending again',
    );
    const results: ItemResult[] = [];
    if (batch.itemType === 'customer') {
      const status = await this.resultsOf(t, batch.takeoverUserId);
      for (const i of items) {
        const s = status.get(i.targetId);
        const state = s ? stateOfResult(s.status) : null;
        if (state)
          results.push({
            itemId: i.id,
            state,
            sentence: RESULT_SENTENCES[state] ?? null,
            takeoverAt: s?.takeoverAt ?? null,
          });
      }
    } else {
      for (const i of items) {
        const chat = await this.groups.getGroupChat(t.corpId, i.targetId, false).catch(() => null);
        if (chat?.group_chat?.owner === batch.takeoverUserId)
          results.push({ itemId: i.id, state: 'accepted', sentence: '群主已变更' });
      }
    }
    if (results.length === items.length) {
      await this.repo.completeBatch(batch.id, results);
      return false;
    }
    await this.repo.reopenBatch(batch.id, results);
    return true;
  }

  /** transfer_result of one pair, every page: external_userid → status and takeover time. */
  async resultsOf(
    t: TransferRow,
    takeoverUserId: string,
  ): Promise<Map<string, { status: number; takeoverAt: Date | null }>> {
    const out = new Map<string, { status: number; takeoverAt: Date | null }>();
    let cursor: string | undefined;
    let calls = 0;
    do {
      const req = { handover_userid: t.handoverUserId, takeover_userid: takeoverUserId, cursor };
      const res =
        t.kind === 'onjob'
          ? await this.transfers.transferResult(t.corpId, req)
          : await this.transfers.resignedTransferResult(t.corpId, req);
      calls++;
      for (const c of res.customer ?? [])
        out.set(c.external_userid, {
          status: c.status,
          takeoverAt: c.takeover_time ? new Date(c.takeover_time * 1000) : null,
        });
      cursor = res.next_cursor || undefined;
    } while (cursor);
    await this.repo.countPollCalls(t.id, calls);
    return out;
  }
}
