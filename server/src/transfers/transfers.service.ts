import { Injectable } from '@nestjs/common';
import type {
  AuditEntryDto,
  ItemsQueryDto,
  PlanTransferDto,
  PreviewResponseDto,
  RetryTransferDto,
  TransferDetailDto,
  TransferItemDto,
  TransferSummaryDto,
} from './dto/transfer.dto';
import { TransferException } from './transfer.exception';
import { batchesOf, Plan, PlannedItem, TransferPlanService } from './transfer-plan.service';
import { ItemRow, TransferRepository, TransferRow } from './transfer.repository';
import { TransferSendService } from './transfer-send.service';
import { FINAL_STATES, RETRYABLE_STATES } from './transfer.types';
import { StaffService } from '../staff/staff.service';

/** What the console asks of inheritance: preview, start, follow, retry, audit. */
@Injectable()
export class TransfersService {
  constructor(
    private readonly repo: TransferRepository,
    private readonly planner: TransferPlanService,
    private readonly sender: TransferSendService,
    private readonly staff: StaffService,
  ) {}

  async preview(dto: PlanTransferDto): Promise<PreviewResponseDto> {
    this.checkMessage(dto);
    return toPreview(await this.planner.build(dto));
  }

  /** Stores the plan (items, batches, audit) in one transaction, then queues the send. */
  async start(dto: PlanTransferDto, actor: string): Promise<TransferSummaryDto> {
    this.checkMessage(dto);
    const plan = await this.planner.build(dto);
    if (!plan.batches.length) throw TransferException.nothingToSend();
    const preview = toPreview(plan);
    const id = await this.repo.createTransfer({
      corpId: dto.corpId,
      kind: dto.kind,
      handoverUserId: dto.handoverUserId,
      message: dto.kind === 'onjob' ? (dto.message ?? null) : null,
      createdBy: actor,
      items: plan.items,
      batches: plan.batches,
      audit: {
        split: dto.split,
        rule: dto.rule ?? null,
        takeoverUserId: dto.takeoverUserId ?? null,
        customers: preview.customers,
        groups: preview.groups,
        blocked: preview.blocked,
        bySuccessor: preview.bySuccessor,
      },
    });
    await this.sender.enqueue(id, 'start');
    return this.summary(dto.corpId, id);
  }

  async list(corpId: string): Promise<TransferSummaryDto[]> {
    const rows = await this.repo.listTransfers(corpId);
    return this.summaries(rows);
  }

  async summary(corpId: string, id: string): Promise<TransferSummaryDto> {
    const t = await this.repo.findTransfer(corpId, id);
    if (!t) throw TransferException.notFound(id);
    return (await this.summaries([t]))[0];
  }

  async detail(q: ItemsQueryDto, id: string): Promise<TransferDetailDto> {
    const summary = await this.summary(q.corpId, id);
    const items = await this.repo.items(id, { state: q.state, itemType: q.itemType });
    const names = await this.staff.names(
      q.corpId,
      items.map((i) => i.takeoverUserId ?? ''),
    );
    return { ...summary, items: items.map((i) => toItemDto(i, names)) };
  }

  /**
   * Refused, limit-reached and failed items (all, or the chosen ones) go to another successor
   * in one action: checked again like a new plan, stored, then sent.
   */
  async retry(id: string, dto: RetryTransferDto, actor: string): Promise<TransferDetailDto> {
    const t = await this.repo.findTransfer(dto.corpId, id);
    if (!t) throw TransferException.notFound(id);
    const candidates = (
      dto.itemIds ? await this.repo.itemsByIds(id, dto.itemIds) : await this.repo.items(id)
    ).filter((i) => RETRYABLE_STATES.includes(i.state));
    if (!candidates.length)
      throw TransferException.field('itemIds', 'no refused, limit-reached or failed item to retry');
    const staff = new Map((await this.planner.allStaff(dto.corpId)).map((s) => [s.userId, s]));
    const planned: PlannedItem[] = candidates.map((i) => ({
      itemType: i.itemType,
      targetId: i.targetId,
      name: i.name,
      takeoverUserId: dto.takeoverUserId,
      takeoverName: staff.get(dto.takeoverUserId)?.name ?? null,
      state: 'planned',
      reason: null,
      sentence: null,
    }));
    await this.planner.check(
      t,
      planned,
      staff,
      t.kind === 'resigned'
        ? ((await this.repo.findDeparture(t.corpId, t.handoverUserId))?.departedAt ?? null)
        : null,
    );
    const byTarget = new Map(candidates.map((c) => [`${c.itemType}:${c.targetId}`, c]));
    const ok = planned.filter((p) => p.state === 'planned');
    const blocked = planned
      .filter((p) => p.state === 'blocked')
      .map((p) => ({
        itemId: byTarget.get(`${p.itemType}:${p.targetId}`)!.id,
        reason: p.reason!,
        sentence: `重试未发出：${p.sentence}`,
      }));
    if (!ok.length) throw TransferException.nothingToSend();
    await this.repo.retryItems({
      corpId: dto.corpId,
      transferId: id,
      itemIds: ok.map((p) => byTarget.get(`${p.itemType}:${p.targetId}`)!.id),
      takeoverUserId: dto.takeoverUserId,
      batches: batchesOf(ok, new Date()),
      blocked,
      actor,
      audit: { takeoverUserId: dto.takeoverUserId, items: ok.length, blocked: blocked.length },
    });
    await this.sender.enqueue(id, `retry:${Date.now()}`);
    return this.detail({ corpId: dto.corpId }, id);
  }

  async audit(corpId: string): Promise<AuditEntryDto[]> {
    return (await this.repo.listAudit(corpId)).map((a) => ({
      ...a,
      createdAt: a.createdAt.toISOString(),
    }));
  }

  private checkMessage(dto: PlanTransferDto) {
    if (dto.message !== undefined && dto.kind !== 'onjob')
      throw TransferException.field(
        'message',
        'message is for active-staff transfers (在职继承) only: WeCom shows none on a departure',
      );
    if (dto.message !== undefined && [...dto.message].length > 200)
      throw TransferException.field('message', 'message must be at most 200 characters');
  }

  private async summaries(rows: TransferRow[]): Promise<TransferSummaryDto[]> {
    const counts = await this.repo.stateCounts(rows.map((r) => r.id));
    const names = await this.staff.names(
      rows[0]?.corpId ?? '',
      rows.map((r) => r.handoverUserId),
    );
    return rows.map((t) => {
      const c = counts.get(t.id) ?? {};
      const total = Object.values(c).reduce((a, b) => a + b, 0);
      const done = Object.entries(c)
        .filter(([k]) => FINAL_STATES.includes(k.split('.')[1] as never))
        .reduce((a, [, n]) => a + n, 0);
      return {
        id: t.id,
        corpId: t.corpId,
        kind: t.kind,
        handoverUserId: t.handoverUserId,
        handoverName: names.get(t.handoverUserId) ?? t.handoverUserId,
        status: t.status,
        message: t.message,
        createdBy: t.createdBy,
        createdAt: new Date(t.createdAt).toISOString(),
        finishedAt: t.finishedAt ? new Date(t.finishedAt).toISOString() : null,
        nextPollAt: t.nextPollAt ? new Date(t.nextPollAt).toISOString() : null,
        counts: c,
        total,
        done,
      };
    });
  }
}

function toPreview(plan: Plan): PreviewResponseDto {
  const bySuccessor: PreviewResponseDto['bySuccessor'] = {};
  for (const i of plan.items) {
    if (i.state !== 'planned' || !i.takeoverUserId) continue;
    const s = (bySuccessor[i.takeoverUserId] ??= { customers: 0, groups: 0 });
    if (i.itemType === 'customer') s.customers++;
    else s.groups++;
  }
  return {
    kind: plan.kind,
    handoverUserId: plan.handoverUserId,
    handoverName: plan.handoverName,
    departedAt: plan.departedAt ? new Date(plan.departedAt).toISOString() : null,
    customers: plan.items.filter((i) => i.itemType === 'customer').length,
    groups: plan.items.filter((i) => i.itemType === 'group').length,
    blocked: plan.items.filter((i) => i.state === 'blocked').length,
    batches: plan.batches.length,
    bySuccessor,
    items: plan.items,
  };
}

function toItemDto(i: ItemRow, names: Map<string, string>): TransferItemDto {
  return {
    id: i.id,
    itemType: i.itemType,
    targetId: i.targetId,
    name: i.name,
    takeoverUserId: i.takeoverUserId,
    takeoverName: i.takeoverUserId ? (names.get(i.takeoverUserId) ?? null) : null,
    state: i.state,
    errcode: i.errcode,
    reason: i.reason,
    sentence: i.sentence,
    takeoverAt: i.takeoverAt ? new Date(i.takeoverAt).toISOString() : null,
    attempt: i.attempt,
    updatedAt: new Date(i.updatedAt).toISOString(),
  };
}
