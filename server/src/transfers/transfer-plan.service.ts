import { Injectable } from '@nestjs/common';
import { forEachLimit } from '../common/concurrency';
import { FollowStatus } from '../customers/entities/follow-relation.entity';
import { CustomersService } from '../customers/customers.service';
import { RelationCountsService } from '../customers/relation-counts.service';
import { GroupService } from '../groups/group.service';
import type { StaffResponseDto } from '../staff/dto/staff.dto';
import { StaffService } from '../staff/staff.service';
import { TagMarkService } from '../tags/tag-mark.service';
import { AddressBookClient } from '../wecom/areas/address-book.client';
import type { PlanTransferDto } from './dto/transfer.dto';
import { TransferException } from './transfer.exception';
import { TransferRepository } from './transfer.repository';
import {
  BLOCK_SENTENCES,
  BlockReason,
  CUSTOMERS_PER_CALL,
  GROUPS_PER_CALL,
  GROUPS_PER_DAY_PER_OWNER,
  ItemType,
  NINETY_DAYS_MS,
  ONE_YEAR_MS,
} from './transfer.types';

export interface PlannedItem {
  itemType: ItemType;
  targetId: string;
  name: string;
  takeoverUserId: string | null;
  takeoverName: string | null;
  state: 'planned' | 'blocked';
  reason: BlockReason | null;
  sentence: string | null;
}

export interface PlannedBatch {
  itemType: ItemType;
  takeoverUserId: string;
  targetIds: string[];
  notBefore: Date | null;
}

export interface Plan {
  kind: 'resigned' | 'onjob';
  handoverUserId: string;
  handoverName: string;
  departedAt: Date | null;
  items: PlannedItem[];
  batches: PlannedBatch[];
}

const PAGE = 200;
const STAFF_PAGE = 1000;
const TAG_READS = 16;
const DAY_MS = 86_400_000;

/**
 * The plan builder: whose customers and groups, to whom (one successor, split by tag, by rule,
 * or by hand), and which cannot move and why (the same checks WeCom makes, before WeCom makes
 * them). A preview and a start build the same plan; only the start stores it.
 */
@Injectable()
export class TransferPlanService {
  constructor(
    private readonly repo: TransferRepository,
    private readonly staff: StaffService,
    private readonly customers: CustomersService,
    private readonly counts: RelationCountsService,
    private readonly groups: GroupService,
    private readonly marks: TagMarkService,
    private readonly addressBook: AddressBookClient,
  ) {}

  async build(dto: PlanTransferDto, now = new Date()): Promise<Plan> {
    const staff = await this.allStaff(dto.corpId);
    const byId = new Map(staff.map((s) => [s.userId, s]));
    const handover = byId.get(dto.handoverUserId);
    const departure = await this.repo.findDeparture(dto.corpId, dto.handoverUserId);
    const departedAt =
      departure?.departedAt ?? (handover?.departedAt ? new Date(handover.departedAt) : null);
    if (dto.kind === 'resigned' && !departure && !handover?.departedAt)
      throw TransferException.notDeparted(dto.handoverUserId);
    if (dto.kind === 'onjob' && (!handover || handover.departedAt))
      throw TransferException.notActive(dto.handoverUserId);

    const customers = await this.customersOf(dto);
    const groups = dto.includeGroups === false ? [] : await this.groupsOf(dto);
    const assign = await this.assigner(dto, staff, handover ?? null, customers);

    const items: PlannedItem[] = [
      ...customers.map((c) => ({ itemType: 'customer' as const, ...c })),
      ...groups.map((g) => ({ itemType: 'group' as const, ...g })),
    ].map((t) => {
      const takeover = assign(t.itemType, t.targetId);
      return {
        itemType: t.itemType,
        targetId: t.targetId,
        name: t.name,
        takeoverUserId: takeover,
        takeoverName: takeover ? (byId.get(takeover)?.name ?? null) : null,
        state: 'planned' as const,
        reason: null,
        sentence: null,
      };
    });
    await this.check(dto, items, byId, departedAt, now);
    return {
      kind: dto.kind,
      handoverUserId: dto.handoverUserId,
      handoverName: handover?.name ?? dto.handoverUserId,
      departedAt,
      items,
      batches: batchesOf(items, now),
    };
  }

  /** Marks each item WeCom would refuse (or that must not go out now) as blocked, with why. */
  async check(
    dto: { corpId: string; kind: 'resigned' | 'onjob'; handoverUserId: string },
    items: PlannedItem[],
    staff: Map<string, StaffResponseDto>,
    departedAt: Date | null,
    now = new Date(),
  ): Promise<void> {
    const ids = (type: ItemType) => items.filter((i) => i.itemType === type).map((i) => i.targetId);
    const since = new Date(now.getTime() - NINETY_DAYS_MS);
    const open = new Map<ItemType, Set<string>>();
    const recent = new Map<ItemType, Map<string, number>>();
    for (const type of ['customer', 'group'] as const) {
      open.set(type, await this.repo.openTargets(dto.corpId, type, ids(type)));
      recent.set(type, await this.repo.recentTransferCounts(dto.corpId, type, ids(type), since));
    }
    const tooOld =
      dto.kind === 'resigned' && departedAt && now.getTime() - departedAt.getTime() > ONE_YEAR_MS;
    for (const item of items) {
      const reason = blockReason(item, {
        handoverUserId: dto.handoverUserId,
        successor: item.takeoverUserId ? staff.get(item.takeoverUserId) : undefined,
        inTransfer: open.get(item.itemType)!.has(item.targetId),
        recent: recent.get(item.itemType)!.get(item.targetId) ?? 0,
        tooOld: !!tooOld,
        // WeCom documents 2-in-90-days for 在职 customers and 在职 groups; the preview applies
        // it to every customer (WeCom's 40128 says 同一个客户最多只能转接两次) and to 在职 groups
        countsRecent: item.itemType === 'customer' || dto.kind === 'onjob',
      });
      if (reason) {
        item.state = 'blocked';
        item.reason = reason;
        item.sentence = BLOCK_SENTENCES[reason];
      }
    }
  }

  /** The corp's staff mirror, all pages. */
  async allStaff(corpId: string): Promise<StaffResponseDto[]> {
    const out: StaffResponseDto[] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = await this.staff.listStaff(corpId, { cursor, limit: STAFF_PAGE });
      out.push(...page);
      if (page.length < STAFF_PAGE) return out;
      cursor = page[page.length - 1].userId;
    }
  }

  /** The member's customers: the mirror's active relations, and (departed) WeCom's unassigned list. */
  private async customersOf(
    dto: PlanTransferDto,
  ): Promise<Array<{ targetId: string; name: string }>> {
    const out = new Map<string, string>();
    let cursor: string | undefined;
    for (;;) {
      const page = await this.customers.list({
        corpId: dto.corpId,
        userId: dto.handoverUserId,
        status: FollowStatus.Active,
        limit: PAGE,
        cursor,
      });
      for (const c of page.items) out.set(c.externalUserId, c.name);
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    if (dto.kind === 'resigned')
      for (const id of await this.repo.unassignedOf(dto.corpId, dto.handoverUserId))
        if (!out.has(id)) out.set(id, '');
    return [...out].map(([targetId, name]) => ({ targetId, name }));
  }

  private async groupsOf(dto: PlanTransferDto): Promise<Array<{ targetId: string; name: string }>> {
    const out: Array<{ targetId: string; name: string }> = [];
    let cursor: string | undefined;
    for (;;) {
      const page = await this.groups.list({
        corpId: dto.corpId,
        ownerUserId: dto.handoverUserId,
        limit: PAGE,
        cursor,
      });
      out.push(...page.map((g) => ({ targetId: g.chatId, name: g.name })));
      if (page.length < PAGE) return out;
      cursor = page[page.length - 1].chatId;
    }
  }

  /** item → successor, by the plan's split. */
  private async assigner(
    dto: PlanTransferDto,
    staff: StaffResponseDto[],
    handover: StaffResponseDto | null,
    customers: Array<{ targetId: string }>,
  ): Promise<(type: ItemType, targetId: string) => string | null> {
    const fallback = dto.takeoverUserId ?? null;
    switch (dto.split) {
      case 'single':
        if (!fallback)
          throw TransferException.field('takeoverUserId', 'takeoverUserId is required');
        return () => fallback;
      case 'manual': {
        const manual = new Map(
          (dto.assignments ?? []).map((a) => [`${a.itemType}:${a.targetId}`, a.takeoverUserId]),
        );
        return (type, id) => manual.get(`${type}:${id}`) ?? fallback;
      }
      case 'tag': {
        const rules = dto.tagRules ?? [];
        if (!rules.length) throw TransferException.field('tagRules', 'tagRules must not be empty');
        const byCustomer = new Map<string, string>();
        await forEachLimit(customers, TAG_READS, async (c) => {
          const marks = await this.marks.findForCustomer(dto.corpId, c.targetId);
          const tags = new Set(
            marks.filter((m) => m.userId === dto.handoverUserId).map((m) => m.tagId),
          );
          const rule = rules.find((r) => tags.has(r.tagId));
          if (rule) byCustomer.set(c.targetId, rule.takeoverUserId);
        });
        return (type, id) => (type === 'customer' ? (byCustomer.get(id) ?? fallback) : fallback);
      }
      case 'rule':
        return this.ruleAssigner(dto, staff, handover);
    }
  }

  private async ruleAssigner(
    dto: PlanTransferDto,
    staff: StaffResponseDto[],
    handover: StaffResponseDto | null,
  ): Promise<(type: ItemType, targetId: string) => string | null> {
    const eligible = (s: StaffResponseDto) =>
      s.userId !== dto.handoverUserId && !s.departedAt && s.wecomStatus === 1 && s.customerContact;
    const departments = handover?.departmentIds ?? [];
    const colleagues = staff.filter(
      (s) => eligible(s) && s.departmentIds.some((d) => departments.includes(d)),
    );
    switch (dto.rule) {
      case 'round_robin': {
        const set = dto.candidateUserIds ?? [];
        if (!set.length)
          throw TransferException.field('candidateUserIds', 'candidateUserIds must not be empty');
        const next = new Map<ItemType, number>();
        return (type) => {
          const n = next.get(type) ?? 0;
          next.set(type, n + 1);
          return set[n % set.length];
        };
      }
      case 'department_leader': {
        const leader = await this.leaderOf(dto.corpId, departments, colleagues);
        return () => leader ?? dto.takeoverUserId ?? null;
      }
      case 'least_loaded_department':
      default: {
        if (!colleagues.length) return () => dto.takeoverUserId ?? null;
        const load = await this.counts.activeCountByStaff(
          dto.corpId,
          colleagues.map((c) => c.userId),
        );
        const loads = colleagues.map((c) => ({ id: c.userId, n: load.get(c.userId) ?? 0 }));
        return (type) => {
          loads.sort((a, b) => a.n - b.n || a.id.localeCompare(b.id));
          if (type === 'customer') loads[0].n++;
          return loads[0].id;
        };
      }
    }
  }

  /** The leader (负责人) of the member's department, as WeCom's user/get says (is_leader_in_dept). */
  private async leaderOf(
    corpId: string,
    departments: number[],
    colleagues: StaffResponseDto[],
  ): Promise<string | null> {
    for (const c of colleagues.slice(0, 50)) {
      const user = await this.addressBook.getUser(corpId, c.userId).catch(() => null);
      if (!user) continue;
      const flags = user.is_leader_in_dept ?? [];
      const depts = user.department ?? [];
      if (depts.some((d, i) => flags[i] === 1 && departments.includes(d))) return c.userId;
    }
    return null;
  }
}

function blockReason(
  item: PlannedItem,
  c: {
    handoverUserId: string;
    successor: StaffResponseDto | undefined;
    inTransfer: boolean;
    recent: number;
    tooOld: boolean;
    countsRecent: boolean;
  },
): BlockReason | null {
  if (!item.takeoverUserId) return 'no_successor';
  if (c.tooOld) return 'departed_over_a_year';
  if (item.takeoverUserId === c.handoverUserId) return 'same_person';
  if (!c.successor || c.successor.departedAt || c.successor.wecomStatus !== 1)
    return 'successor_inactive';
  if (!c.successor.customerContact) return 'successor_no_permission';
  if (c.inTransfer) return 'in_transfer';
  if (c.countsRecent && c.recent >= 2) return 'twice_in_90_days';
  return null;
}

/**
 * Planned items in WeCom-sized batches per successor: customers 100 a call; groups 100 a call
 * and 300 a day per original owner (the rest go out on the following days).
 */
export function batchesOf(
  items: Array<{
    itemType: ItemType;
    targetId: string;
    takeoverUserId: string | null;
    state: string;
  }>,
  now: Date,
  groupsSentToday = 0,
): PlannedBatch[] {
  const out: PlannedBatch[] = [];
  const planned = items.filter((i) => i.state === 'planned' && i.takeoverUserId);
  const bySuccessor = (type: ItemType) => {
    const m = new Map<string, string[]>();
    for (const i of planned.filter((p) => p.itemType === type)) {
      const list = m.get(i.takeoverUserId!) ?? [];
      list.push(i.targetId);
      m.set(i.takeoverUserId!, list);
    }
    return m;
  };
  for (const [takeover, ids] of bySuccessor('customer'))
    for (let i = 0; i < ids.length; i += CUSTOMERS_PER_CALL)
      out.push({
        itemType: 'customer',
        takeoverUserId: takeover,
        targetIds: ids.slice(i, i + CUSTOMERS_PER_CALL),
        notBefore: null,
      });
  let sentToday = groupsSentToday;
  for (const [takeover, ids] of bySuccessor('group')) {
    for (let i = 0; i < ids.length;) {
      const day = Math.floor(sentToday / GROUPS_PER_DAY_PER_OWNER);
      const roomToday = GROUPS_PER_DAY_PER_OWNER - (sentToday % GROUPS_PER_DAY_PER_OWNER);
      const n = Math.min(GROUPS_PER_CALL, roomToday, ids.length - i);
      out.push({
        itemType: 'group',
        takeoverUserId: takeover,
        targetIds: ids.slice(i, i + n),
        notBefore: day === 0 ? null : new Date(now.getTime() + day * DAY_MS),
      });
      i += n;
      sentToday += n;
    }
  }
  return out;
}
