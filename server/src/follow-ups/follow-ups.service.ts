import { Injectable } from '@nestjs/common';
import { TimelineKind } from '../customers/customer-timeline.entries';
import { CustomerTimelineService } from '../customers/customer-timeline.service';
import { OnDomainEvent } from '../events/domain-event-bus';
import type { StaffUserIdRenamed } from '../events/domain-events';
import { StaffService } from '../staff/staff.service';
import { CreateFollowUpDto, FollowUpDto, toFollowUp } from './dto/follow-up.dto';
import { FollowUpRepository } from './follow-up.repository';

const TIMELINE_EXCERPT = 200;
const DEFAULT_LIMIT = 20;

/**
 * Notes and follow-up records (跟进记录) of a staff member on a customer. The caller has checked
 * that the member follows the customer (the sidebar does). Each record is on the customer's
 * timeline at once (`follow_up_added`, deduplicated by the record's id).
 */
@Injectable()
export class FollowUpsService {
  constructor(
    private readonly repo: FollowUpRepository,
    private readonly timeline: CustomerTimelineService,
    private readonly staff: StaffService,
  ) {}

  async create(
    corpId: string,
    userId: string,
    externalUserId: string,
    dto: CreateFollowUpDto,
  ): Promise<FollowUpDto> {
    const row = await this.repo.insert(corpId, {
      externalUserId,
      userId,
      kind: dto.kind,
      content: dto.content.trim(),
      nextFollowUpAt: dto.nextFollowUpAt ?? null,
    });
    await this.timeline.append(corpId, {
      kind: TimelineKind.FollowUpAdded,
      externalUserId,
      userId,
      detail: {
        followUpId: row.id,
        kind: row.kind,
        content: row.content.slice(0, TIMELINE_EXCERPT),
        nextFollowUpAt: row.nextFollowUpAt ? new Date(row.nextFollowUpAt).toISOString() : null,
      },
      occurredAt: row.createdAt,
      dedupeKey: `follow-up:${row.id}`,
    });
    const names = await this.staff.names(corpId, [userId]);
    return toFollowUp(row, names.get(userId) ?? null);
  }

  /** Newest first; every staff member's records on the customer. */
  async list(
    corpId: string,
    externalUserId: string,
    limit = DEFAULT_LIMIT,
    beforeId?: string,
  ): Promise<FollowUpDto[]> {
    const rows = await this.repo.listForCustomer(corpId, externalUserId, limit, beforeId);
    const names = await this.staff.names(corpId, [...new Set(rows.map((r) => r.userId))]);
    return rows.map((r) => toFollowUp(r, names.get(r.userId) ?? null));
  }

  @OnDomainEvent('StaffUserIdRenamed')
  onStaffUserIdRenamed(e: StaffUserIdRenamed): Promise<void> {
    return this.repo.renameUserId(e.corpId, e.oldUserId, e.newUserId);
  }
}
