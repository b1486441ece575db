import { groupBy } from '../common/collections';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { CHANNEL_NAMES, ChannelNames } from './channel-names';
import { TagMarkService } from '../tags/tag-mark.service';
import { TagService } from '../tags/tag.service';
import type { TagMarkView } from '../tags/tag-mark.repository';
import type { AudienceFilter } from '../audience/audience-filter';
import { AudienceService } from '../audience/audience.service';
import { CustomerTimelineRepository, TimelineRow } from './customer-timeline.repository';
import { CustomerRepository } from './customer.repository';
import { CustomersException } from './customers.exception';
import {
  CustomerDetailDto,
  CustomerPageDto,
  ListCustomersQueryDto,
  TimelineEntryDto,
  toCustomerDetail,
  toCustomerSummary,
  toFollowRelation,
  toGroupMembership,
  toTimelineEntry,
} from './dto/customer.dto';
import {
  FollowRelationRepository,
  FunnelFilter,
  FunnelRow,
  RelationView,
} from './follow-relation.repository';
import { GroupService } from '../groups/group.service';
import { FollowStatus } from './entities/follow-relation.entity';
import { StaffService } from '../staff/staff.service';
import type { MirrorTx } from './mirror-transaction.repository';

const DEFAULT_LIMIT = 50;
const DETAIL_TIMELINE = 50;

/** Reads of the customer mirror for the admin console. */
@Injectable()
export class CustomersService implements OnModuleInit {
  private channelNames: ChannelNames | null = null;

  constructor(
    private readonly customers: CustomerRepository,
    private readonly relations: FollowRelationRepository,
    private readonly marks: TagMarkService,
    private readonly tags: TagService,
    private readonly timeline: CustomerTimelineRepository,
    private readonly staff: StaffService,
    private readonly groups: GroupService,
    private readonly moduleRef: ModuleRef,
    private readonly audience: AudienceService,
  ) {}

  /** The channel-names port (channels/), when the application has one. */
  onModuleInit(): void {
    try {
      this.channelNames = this.moduleRef.get<ChannelNames>(CHANNEL_NAMES, { strict: false });
    } catch {
      this.channelNames = null;
    }
  }

  /**
   * The channel funnel's counts (channels/ passes its channels' ids and states): relations are
   * customers' to count, channels are channels' to name.
   */
  funnel(f: FunnelFilter): Promise<FunnelRow[]> {
    return this.relations.funnel(f);
  }

  /** Relations with their staff member's name (the staff mirror's) and channel's (channels'). */
  private async relationsOf(corpId: string, externalUserIds: string[]): Promise<RelationView[]> {
    const rows = await this.relations.findByCustomers(corpId, externalUserIds);
    const channelIds = rows.flatMap((r) => (r.channelId ? [r.channelId] : []));
    const [names, channels] = await Promise.all([
      this.staff.names(
        corpId,
        rows.map((r) => r.userId),
      ),
      this.channelNames && channelIds.length
        ? this.channelNames.names(corpId, channelIds)
        : new Map<string, string>(),
    ]);
    for (const r of rows) {
      r.staffName = names.get(r.userId) ?? null;
      r.channelName = r.channelId ? (channels.get(r.channelId) ?? null) : null;
    }
    return rows;
  }

  /**
   * The chat archive's new messages: each customer's newest (ms), kept if newer than stored; in
   * the caller's transaction when given.
   */
  recordLastChat(corpId: string, lastMs: Map<string, number>, tx?: MirrorTx): Promise<void> {
    return this.customers.recordLastChat(corpId, [...lastMs.entries()], tx);
  }

  /** The active follow relations of these customers (the chat rules mark tags on them). */
  activeRelations(
    corpId: string,
    externalUserIds: string[],
  ): Promise<Array<{ externalUserId: string; userId: string }>> {
    return this.relations.activePairs(corpId, [...new Set(externalUserIds)]);
  }

  /** Active relations by remark or remark mobile (tags: the CSV import's match). */
  matchRelations(corpId: string, match: { remarks: string[]; phones: string[] }) {
    return this.relations.matchByRemarkOrMobile(corpId, match.remarks, match.phones);
  }

  /**
   * The console's list: the audience filter's keyset page (the simple query parameters are a
   * filter: `userId` a staff member, `status` a relation status — any status when absent —,
   * `state` a contact way state, `q` a search), then each customer's relations.
   */
  async list(q: ListCustomersQueryDto): Promise<CustomerPageDto> {
    const filter: AudienceFilter & { relationStates?: string[] } = {
      relationStatus: (q.status ? [q.status] : Object.values(FollowStatus)) as never,
      ...(q.userId ? { staffUserIds: [q.userId] } : {}),
      ...(q.state ? { relationStates: [q.state] } : {}),
      ...(q.addedFrom ? { addedFrom: q.addedFrom.toISOString() } : {}),
      ...(q.addedTo ? { addedTo: q.addedTo.toISOString() } : {}),
      ...(q.q?.trim() ? { search: q.q.trim() } : {}),
    };
    return this.query(q.corpId, filter, q);
  }

  /** One page of the customers matching `filter`, with their relations. */
  async query(
    corpId: string,
    filter: AudienceFilter,
    p: { sort?: 'addedAt' | 'name'; order?: 'asc' | 'desc'; cursor?: string; limit?: number },
  ): Promise<CustomerPageDto> {
    const page = await this.audience.page(corpId, filter, {
      sort: p.sort,
      order: p.order,
      cursor: p.cursor,
      limit: p.limit ?? DEFAULT_LIMIT,
    });
    const follows = await this.relationsOf(
      corpId,
      page.items.map((r) => r.externalUserId),
    );
    const byCustomer = groupBy(follows, (f) => f.externalUserId);
    return {
      items: page.items.map((c) => toCustomerSummary(c, byCustomer.get(c.externalUserId) ?? [])),
      nextCursor: page.nextCursor,
    };
  }

  /** `chatEvidence`: the caller may read chat content (admins): chat-rule marks carry their sentence. */
  async detail(
    corpId: string,
    externalUserId: string,
    chatEvidence = false,
  ): Promise<CustomerDetailDto> {
    return (await this.detailWithMarks(corpId, externalUserId, chatEvidence)).detail;
  }

  /**
   * The detail and the customer's marks as stored (the sidebar shows them with their actor and
   * evidence): one read of each, side by side (a customer that is not there is still a 404).
   */
  async detailWithMarks(
    corpId: string,
    externalUserId: string,
    chatEvidence = false,
  ): Promise<{ detail: CustomerDetailDto; marks: TagMarkView[] }> {
    const [customer, follows, marks, groups, timeline] = await Promise.all([
      this.customers.findByExternalUserId(corpId, externalUserId),
      this.relationsOf(corpId, [externalUserId]),
      this.marks.findForCustomer(corpId, externalUserId),
      this.groups.membershipsOf(corpId, externalUserId),
      this.timeline.list(corpId, externalUserId, DETAIL_TIMELINE),
    ]);
    if (!customer) throw CustomersException.notFound(corpId, externalUserId);
    const marksByUser = groupBy(marks, (m) => m.userId);
    const detail = toCustomerDetail(
      customer,
      follows.map((f) => toFollowRelation(f, marksByUser.get(f.userId) ?? [], chatEvidence)),
      groups.map(toGroupMembership),
      await this.named(corpId, timeline),
    );
    return { detail, marks };
  }

  async listTimeline(
    corpId: string,
    externalUserId: string,
    beforeId: string | undefined,
    limit = DEFAULT_LIMIT,
  ): Promise<TimelineEntryDto[]> {
    const rows = await this.timeline.list(corpId, externalUserId, limit, beforeId);
    // an empty first page: a customer the mirror never knew is a 404, as for the detail (a known
    // customer without entries, or entries of a customer row-less relation, are a page)
    if (rows.length === 0 && !beforeId) {
      if (!(await this.customers.findByExternalUserId(corpId, externalUserId)))
        throw CustomersException.notFound(corpId, externalUserId);
    }
    return this.named(corpId, rows);
  }

  /** Tag names are resolved at read time, so a renamed tag shows its current name. */
  private async named(corpId: string, rows: TimelineRow[]): Promise<TimelineEntryDto[]> {
    const ids = new Set<string>();
    for (const r of rows)
      if (Array.isArray(r.detail?.tagIds))
        for (const id of r.detail.tagIds as string[]) ids.add(id);
    const names = await this.tags.tagNames(corpId, [...ids]);
    return rows.map((r) => toTimelineEntry(r, names));
  }
}

export type { RelationView };
