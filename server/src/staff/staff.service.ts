import { Injectable, Logger } from '@nestjs/common';
import { StaffAccessService } from '../admin/staff-access/staff-access.service';
import { CallbackEventEntity } from '../callbacks/entities/callback-event.entity';
import { MirrorLock } from '../sync/mirror-lock';
import { WecomApiException } from '../wecom/wecom-api.exception';
import { WecomClient } from '../wecom/wecom-client';
import type { Department, WecomUser } from '../wecom/wecom.types';
import {
  DepartmentResponseDto,
  StaffResponseDto,
  toDepartmentResponse,
  toStaffResponse,
} from './dto/staff.dto';
import { DepartmentRow, StaffRepository, StaffRow } from './staff.repository';

/** user/get: the member does not exist (left the corp, or never existed). */
const USER_NOT_FOUND = 60111;

export type UserRefreshOutcome = 'active' | 'departed';

/** Which change_contact events this module handles. */
export const CONTACT_USER_CHANGES = ['create_user', 'update_user', 'delete_user'];
export const CONTACT_PARTY_CHANGES = ['create_party', 'update_party', 'delete_party'];

export function toStaffRow(user: WecomUser, customerContact: boolean): StaffRow {
  return {
    userId: user.userid,
    name: user.name ?? '',
    departmentIds: user.department ?? [],
    mainDepartment: user.main_department ?? null,
    position: user.position ?? '',
    avatar: user.avatar ?? '',
    wecomStatus: user.status ?? 1,
    customerContact,
  };
}

export function toDepartmentRow(d: Department): DepartmentRow {
  return { id: d.id, name: d.name ?? '', parentId: d.parentid ?? 0, sortOrder: d.order ?? 0 };
}

/** The staff and department mirror: kept by change_contact events and the full sync. */
/** Staff per page when the caller does not say. */
const DEFAULT_STAFF_PAGE = 200;

@Injectable()
export class StaffService {
  private readonly logger = new Logger(StaffService.name);

  constructor(
    private readonly repo: StaffRepository,
    private readonly wecom: WecomClient,
    private readonly lock: MirrorLock,
    private readonly consoleAccess: StaffAccessService,
  ) {}

  /** change_contact: every event re-reads WeCom's current state, so order does not matter. */
  async handleContactEvent(event: CallbackEventEntity): Promise<void> {
    const p = event.payload;
    const corpId = event.corpId;
    if (CONTACT_PARTY_CHANGES.includes(event.changeType)) {
      await this.refreshDepartments(corpId);
      return;
    }
    const userId = str(p.UserID);
    if (!userId) return;
    const newUserId = str(p.NewUserID);
    if (event.changeType === 'update_user' && newUserId && newUserId !== userId) {
      await this.lock.run(`staff:${corpId}:${userId}`, () =>
        this.repo.renameUserId(corpId, userId, newUserId),
      );
      this.logger.log({ corpId, userId, newUserId }, 'staff userid renamed');
      await this.refreshUser(corpId, newUserId);
      return;
    }
    const departedAt =
      event.changeType === 'delete_user' ? new Date(event.createTime * 1000) : undefined;
    const outcome = await this.refreshUser(corpId, userId, { departedAt });
    // a member who left loses console access (WeCom web login) at once
    if (outcome === 'departed') await this.consoleAccess.revokeDeparted(corpId, userId);
  }

  /**
   * Reads one member from WeCom and writes the mirror, under the member's lock. user/get 60111
   * or status 5 means the member left: departed_at is set (first time kept).
   */
  async refreshUser(
    corpId: string,
    userId: string,
    opts: { followUsers?: Set<string>; departedAt?: Date } = {},
  ): Promise<UserRefreshOutcome> {
    return this.lock.run(`staff:${corpId}:${userId}`, async () => {
      let user: WecomUser | null = null;
      try {
        user = await this.wecom.getUser(corpId, userId);
      } catch (err) {
        if (!(err instanceof WecomApiException && err.errcode === USER_NOT_FOUND)) throw err;
      }
      if (!user || user.status === 5) {
        await this.repo.markDeparted(corpId, userId, opts.departedAt ?? new Date());
        if (user) await this.repo.upsertStaff(corpId, [toStaffRow(user, false)]);
        return 'departed';
      }
      const followUsers = opts.followUsers ?? new Set(await this.wecom.getFollowUserList(corpId));
      await this.repo.upsertStaff(corpId, [toStaffRow(user, followUsers.has(user.userid))]);
      return 'active';
    });
  }

  /** Re-reads the whole department tree and applies it (missing departments marked deleted). */
  async refreshDepartments(corpId: string): Promise<number> {
    return this.lock.run(`departments:${corpId}`, async () => {
      const list = await this.wecom.listDepartments(corpId);
      await this.repo.upsertDepartments(corpId, list.map(toDepartmentRow));
      await this.repo.markDepartmentsDeletedExcept(
        corpId,
        list.map((d) => d.id),
      );
      return list.length;
    });
  }

  setCustomerContact(corpId: string, followUserIds: string[]): Promise<void> {
    return this.repo.setCustomerContact(corpId, followUserIds);
  }

  /** Staff names by userid, from the mirror (members it does not have are absent). */
  names(corpId: string, userIds: string[]): Promise<Map<string, string>> {
    return this.repo.names(corpId, [...new Set(userIds)]);
  }

  activeUserIds(corpId: string): Promise<string[]> {
    return this.repo.activeUserIds(corpId);
  }

  /** A page of the corp's staff by userid (200 by default; `cursor` = the last userid seen). */
  async listStaff(
    corpId: string,
    filter: { departed?: boolean; cursor?: string; limit?: number } = {},
  ): Promise<StaffResponseDto[]> {
    const page = { ...filter, limit: filter.limit ?? DEFAULT_STAFF_PAGE };
    const rows = await this.repo.listStaff(corpId, page);
    const counts = await this.repo.customerCounts(
      corpId,
      rows.map((r) => r.userId),
    );
    return rows.map((r) => ({ ...toStaffResponse(r), customerCount: counts.get(r.userId) ?? 0 }));
  }

  async listDepartments(corpId: string): Promise<DepartmentResponseDto[]> {
    return (await this.repo.listDepartments(corpId)).map(toDepartmentResponse);
  }
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v);
}
