import { Injectable, Logger } from '@nestjs/common';
import { CorpService } from '../corps/corp.service';
import { OnDomainEvent } from '../events/domain-event-bus';
import type { StaffDeparted } from '../events/domain-events';
import { GroupService } from '../groups/group.service';
import { JobQueueService } from '../queue/job-queue.service';
import { JobName } from '../queue/queue-names';
import { StaffService } from '../staff/staff.service';
import { TransfersClient } from '../wecom/areas/transfers.client';
import type { DepartureDto } from './dto/transfer.dto';
import { TransferRepository } from './transfer.repository';

export interface ReadUnassignedJobData {
  corpId?: string;
}

/** get_unassigned_list: page_size at most 1000 (DW 92124). */
const UNASSIGNED_PAGE = 1000;

/**
 * The departures list (离职继承): members whose `StaffDeparted` the server saw, and those WeCom's
 * unassigned list (get_unassigned_list, read by a scheduled job, paged by cursor) still names,
 * so that a departure the server missed still shows, with its customers and groups.
 */
@Injectable()
export class DeparturesService {
  private readonly logger = new Logger(DeparturesService.name);

  constructor(
    private readonly repo: TransferRepository,
    private readonly transfers: TransfersClient,
    private readonly corps: CorpService,
    private readonly staff: StaffService,
    private readonly groups: GroupService,
    private readonly jobs: JobQueueService,
  ) {}

  @OnDomainEvent('StaffDeparted')
  async onStaffDeparted(e: StaffDeparted): Promise<void> {
    await this.repo.upsertDeparture(e.corpId, e.userId, e.departedAt, e.via);
    // WeCom lists the member's customers as unassigned from now on: read them soon
    await this.jobs
      .enqueue(JobName.ReadUnassigned, { corpId: e.corpId } satisfies ReadUnassignedJobData, {
        jobId: `transfer-unassigned:${e.corpId}:${Math.floor(Date.now() / 60_000)}`,
        delay: 1000,
      })
      .catch((err: Error) =>
        this.logger.warn({ corpId: e.corpId, err: err.message }, 'unassigned read not queued'),
      );
  }

  /** The scheduled read: every corp (or one), every page. Returns customers listed. */
  async readUnassigned(corpId?: string): Promise<number> {
    const corpIds = corpId ? [corpId] : (await this.corps.list()).map((c) => c.corpId);
    let total = 0;
    for (const id of corpIds)
      total += await this.readCorp(id).catch((err: Error) => {
        this.logger.warn({ corpId: id, err: err.message }, 'get_unassigned_list failed');
        return 0;
      });
    return total;
  }

  private async readCorp(corpId: string): Promise<number> {
    const seenAt = new Date();
    const users = new Map<string, Date | null>();
    let cursor: string | undefined;
    let total = 0;
    for (;;) {
      const res = await this.transfers.getUnassignedList(corpId, {
        cursor,
        page_size: UNASSIGNED_PAGE,
      });
      const rows = (res.info ?? []).map((r) => ({
        handoverUserId: r.handover_userid,
        externalUserId: r.external_userid,
        dimissionTime: r.dimission_time ? new Date(r.dimission_time * 1000) : null,
      }));
      for (const r of rows) users.set(r.handoverUserId, r.dimissionTime);
      await this.repo.upsertUnassigned(corpId, rows, seenAt);
      total += rows.length;
      if (!res.next_cursor || res.is_last) break;
      cursor = res.next_cursor;
    }
    await this.repo.deleteUnassignedSeenBefore(corpId, seenAt);
    for (const [userId, at] of users)
      await this.repo.upsertDeparture(corpId, userId, at, 'unassigned_list');
    return total;
  }

  async list(corpId: string): Promise<DepartureDto[]> {
    const rows = await this.repo.listDepartures(corpId);
    const names = await this.staff.names(
      corpId,
      rows.map((r) => r.userId),
    );
    const availability = new Map(
      (
        await this.staff.availability(
          corpId,
          rows.map((r) => r.userId),
        )
      ).map((a) => [a.userId, a]),
    );
    const out: DepartureDto[] = [];
    for (const r of rows) {
      const groups = await this.groups.list({ corpId, ownerUserId: r.userId, limit: 200 });
      out.push({
        userId: r.userId,
        name: names.get(r.userId) ?? availability.get(r.userId)?.name ?? r.userId,
        departedAt: r.departedAt ? new Date(r.departedAt).toISOString() : null,
        via: r.via,
        customers: r.unassignedCustomers,
        groups: groups.length,
        inTransfer: r.inTransfer,
      });
    }
    return out;
  }
}
