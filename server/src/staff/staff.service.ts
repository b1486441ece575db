import { Injectable, Logger } from '@nestjs/common';
import { StaffAccessService } from '../admin/staff-access/staff-access.service';
import { InboxEvent, OnWecomEvent } from '../callbacks/callback-event-handler.registry';
import { ChangeType, Event, WecomEventOf } from '../wecom/events/wecom-event';
import { MirrorLock } from '../common/mirror-lock/mirror-lock';
import { RelationCountsService } from '../customers/relation-counts.service';
import { DomainEventBus } from '../events/domain-event-bus';
import { WecomApiException } from '../wecom/wecom-api.exception';
import { AddressBookClient } from '../wecom/areas/address-book.client';
import { ExternalContactsClient } from '../wecom/areas/external-contacts.client';
import type { Department, WecomUser } from '../wecom/areas/address-book.types';
import {
  DepartmentResponseDto,
  StaffResponseDto,
  toDepartmentResponse,
  toStaffResponse,
} from './dto/staff.dto';
import { DepartmentRow, StaffAvailability, StaffRepository, StaffRow } from './staff.repository';

/** user/get: the member does not exist (left the corp, or never existed). */
const USER_NOT_FOUND = 60111;

export type UserRefreshOutcome = 'active' | 'departed';

/** Which change_contact events this module handles. */
export const CONTACT_USER_CHANGES = [
  ChangeType.CreateUser,
  ChangeType.UpdateUser,
  ChangeType.DeleteUser,
] as const;
export const CONTACT_PARTY_CHANGES = [
  ChangeType.CreateParty,
  ChangeType.UpdateParty,
  ChangeType.DeleteParty,
] as const;
export type StaffContactEvent = WecomEventOf<
  Event.ChangeContact,
  (typeof CONTACT_USER_CHANGES)[number] | (typeof CONTACT_PARTY_CHANGES)[number]
>;

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
    private readonly addressBook: AddressBookClient,
    private readonly externalContacts: ExternalContactsClient,
    private readonly lock: MirrorLock,
    private readonly events: DomainEventBus,
    private readonly relationCounts: RelationCountsService,
    private readonly consoleAccess: StaffAccessService,
  ) {}

  /** change_contact: every event re-reads WeCom's current state, so order does not matter. */
  @OnWecomEvent(Event.ChangeContact, ...CONTACT_USER_CHANGES, ...CONTACT_PARTY_CHANGES)
  async handleContactEvent(event: InboxEvent<StaffContactEvent>): Promise<void> {
    const p = event.payload;
    const corpId = event.corpId;
    if (!('UserID' in p)) {
      await this.refreshDepartments(corpId);
      return;
    }
    const userId = str(p.UserID);
    if (!userId) return;
    const newUserId = 'NewUserID' in p ? str(p.NewUserID) : '';
    if (event.changeType === 'update_user' && newUserId && newUserId !== userId) {
      await this.lock.run(`staff:${corpId}:${userId}`, () =>
        this.repo.renameUserId(corpId, userId, newUserId),
      );
      this.logger.log({ corpId, userId, newUserId }, 'staff userid renamed');
      // each owner renames its own tables; emitted again when the event is retried (idempotent)
      await this.events.emit('StaffUserIdRenamed', {
        corpId,
        oldUserId: userId,
        newUserId,
      });
      await this.refreshUser(corpId, newUserId);
      return;
    }
    const departedAt =
      event.changeType === 'delete_user' ? new Date(event.createTime * 1000) : undefined;
    await this.refreshUser(corpId, userId, { departedAt });
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
    let departed: Date | null = null;
    const outcome = await this.lock.run(`staff:${corpId}:${userId}`, async () => {
      let user: WecomUser | null = null;
      try {
        user = await this.addressBook.getUser(corpId, userId);
      } catch (err) {
        if (!(err instanceof WecomApiException && err.errcode === USER_NOT_FOUND)) throw err;
      }
      if (!user || user.status === 5) {
        const at = opts.departedAt ?? new Date();
        if (await this.repo.markDeparted(corpId, userId, at)) departed = at;
        if (user) await this.repo.upsertStaff(corpId, [toStaffRow(user, false)]);
        return 'departed' as const;
      }
      const followUsers =
        opts.followUsers ?? new Set(await this.externalContacts.getFollowUserList(corpId));
      await this.repo.upsertStaff(corpId, [toStaffRow(user, followUsers.has(user.userid))]);
      return 'active' as const;
    });
    // a member who left loses console access (WeCom web login) at once; idempotent, so a
    // retried event or a later refresh does it again if it failed
    if (outcome === 'departed') await this.consoleAccess.revokeDeparted(corpId, userId);
    if (departed)
      await this.events.emit('StaffDeparted', {
        corpId,
        userId,
        departedAt: departed,
        via: opts.departedAt ? 'delete_user' : 'refresh',
      });
    return outcome;
  }

  /** Re-reads the whole department tree and applies it (missing departments marked deleted). */
  async refreshDepartments(corpId: string): Promise<number> {
    return this.lock.run(`departments:${corpId}`, async () => {
      const list = await this.addressBook.listDepartments(corpId);
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

  /** Whether the staff mirror has any member of the corp yet (before the first sync: no). */
  hasStaffMirror(corpId: string): Promise<boolean> {
    return this.repo.hasAnyStaff(corpId);
  }

  /** The members' status in the mirror (the channel pool checks who may receive customers). */
  availability(corpId: string, userIds: string[]): Promise<StaffAvailability[]> {
    return this.repo.availability(corpId, userIds);
  }

  departmentTree(corpId: string): Promise<Array<{ id: number; parentId: number }>> {
    return this.repo.departmentTree(corpId);
  }

  /** The departments a member is in, from the mirror. */
  departmentIdsOf(corpId: string, userId: string): Promise<number[]> {
    return this.repo.departmentIdsOf(corpId, userId);
  }

  /** Active members with customer contact in these departments (a subtree's ids). */
  contactStaffInDepartments(corpId: string, departmentIds: number[]): Promise<string[]> {
    return this.repo.contactStaffInDepartments(corpId, departmentIds);
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
    const counts = await this.relationCounts.activeCountByStaff(
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
