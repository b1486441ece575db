import { HttpStatus, Injectable } from '@nestjs/common';
import { AppException } from '../common/app.exception';
import { CustomersException } from '../customers/customers.exception';
import { CustomersService } from '../customers/customers.service';
import { CustomerDetailDto } from '../customers/dto/customer.dto';
import { FollowUpsService } from '../follow-ups/follow-ups.service';
import { CreateFollowUpDto, FollowUpDto } from '../follow-ups/dto/follow-up.dto';
import { GroupException } from '../groups/group.exception';
import { GroupService } from '../groups/group.service';
import { StaffService } from '../staff/staff.service';
import { TagMarkService, TagSource } from '../tags/tag-mark.service';
import { TagService } from '../tags/tag.service';
import type { TagGroupResponseDto } from '../tags/dto/tag.dto';
import type { TagMarkView } from '../tags/tag-mark.repository';
import type { SidebarIdentity } from '../admin/auth/auth.decorators';
import {
  SidebarCustomerDto,
  SidebarGroupDto,
  SidebarTagGroupDto,
  UpdateSidebarTagsDto,
} from './dto/sidebar-customer.dto';

const FOLLOW_UPS_SHOWN = 20;
/** Customers of a group whose tags the group page shows. */
const GROUP_CUSTOMERS_WITH_TAGS = 100;

const customerNotFound = () =>
  new AppException(
    'SIDEBAR_CUSTOMER_NOT_FOUND',
    'This customer is not one of yours: only customers you follow open in the sidebar',
    HttpStatus.NOT_FOUND,
  );

const groupNotFound = () =>
  new AppException(
    'SIDEBAR_GROUP_NOT_FOUND',
    'You are not in this group chat: only groups you are in open in the sidebar',
    HttpStatus.NOT_FOUND,
  );

/**
 * What the sidebar shows a guide, built on the customers, tags, groups, timeline and follow-ups
 * services. Every id the page sends is checked here: a customer opens only when the signed-in
 * guide follows them (an active relation), a group only when the guide is its owner or a present
 * member. Anything else is the same 404, whether the id exists or not.
 */
@Injectable()
export class SidebarCustomersService {
  constructor(
    private readonly customers: CustomersService,
    private readonly marks: TagMarkService,
    private readonly tags: TagService,
    private readonly groups: GroupService,
    private readonly staff: StaffService,
    private readonly followUps: FollowUpsService,
  ) {}

  async profile(who: SidebarIdentity, externalUserId: string): Promise<SidebarCustomerDto> {
    // the detail's own read of the marks serves the tags too (one read, not two)
    const [{ detail, marks }, followUps] = await Promise.all([
      this.followedDetailWithMarks(who, externalUserId),
      this.followUps.list(who.corpId, externalUserId, FOLLOW_UPS_SHOWN),
    ]);
    const mine = detail.follows.find((f) => f.userId === who.userId)!;
    const others = detail.follows.filter((f) => f.userId !== who.userId && f.status === 'active');
    const named = new Set<string>([
      ...detail.timeline.flatMap((e) => (e.userId ? [e.userId] : [])),
      ...(mine.operUserId ? [mine.operUserId] : []),
    ]);
    // the followers' names came with the relations: only the others are read
    const known = new Map<string, string>();
    for (const f of detail.follows) if (f.staffName) known.set(f.userId, f.staffName);
    const unknown = [...named].filter((id) => !known.has(id));
    const names = unknown.length
      ? await this.staff.names(who.corpId, unknown)
      : new Map<string, string>();
    for (const [id, name] of known) names.set(id, name);
    const c = detail.customer;
    return {
      customer: {
        externalUserId: c.externalUserId,
        name: c.name,
        avatar: c.avatar,
        type: c.type,
        gender: c.gender,
        corpName: c.corpName,
        corpFullName: c.corpFullName,
        position: c.position,
      },
      relation: {
        remark: mine.remark,
        description: mine.description,
        addedAt: mine.addedAt,
        addWay: mine.addWay,
        state: mine.state,
        channelId: mine.channelId,
        channelName: mine.channelName,
        operUserId: mine.operUserId,
        operUserName: mine.operUserId ? (names.get(mine.operUserId) ?? null) : null,
      },
      followers: others.map((f) => ({ userId: f.userId, name: f.staffName, addedAt: f.addedAt })),
      tagGroups: groupTags(marks.filter((m) => m.userId === who.userId)),
      groups: detail.groups.filter((g) => !g.leftAt && !g.dismissed),
      followUps,
      timeline: detail.timeline,
      staffNames: Object.fromEntries(names),
    };
  }

  /** The corp's tags to pick from. */
  corpTags(who: SidebarIdentity): Promise<TagGroupResponseDto[]> {
    return this.tags.listGroupsWithTags(who.corpId);
  }

  /**
   * Marks and unmarks the guide's tags on the customer through TagMarkService (WeCom first, then
   * the mirror and the timeline), as a manual mark by the guide.
   */
  async updateTags(
    who: SidebarIdentity,
    externalUserId: string,
    dto: UpdateSidebarTagsDto,
  ): Promise<SidebarCustomerDto> {
    await this.followedDetail(who, externalUserId);
    const wanted = [...new Set([...dto.add, ...dto.remove])];
    const known = await this.tags.knownTagIds(who.corpId, wanted);
    const unknown = known ? wanted.filter((id) => !known.has(id)) : [];
    if (unknown.length) {
      throw new AppException(
        'VALIDATION_FAILED',
        `Unknown tags: ${unknown.join(', ')}`,
        HttpStatus.BAD_REQUEST,
        { [dto.add.some((id) => unknown.includes(id)) ? 'add' : 'remove']: ['unknown tag id'] },
      );
    }
    const relations = [{ externalUserId, userId: who.userId }];
    const base = { corpId: who.corpId, relations, source: TagSource.Manual, actor: who.userId };
    const results = [
      await this.marks.mark({ ...base, tagIds: dto.add, evidence: { via: 'sidebar' } }),
      await this.marks.unmark({ ...base, tagIds: dto.remove }),
    ];
    const failed = results.flatMap((r) => r.failed);
    if (failed.length) {
      throw new AppException(
        'SIDEBAR_TAGS_REFUSED',
        `WeCom refused the change: ${failed[0].message} (${failed[0].errcode})`,
        HttpStatus.CONFLICT,
      );
    }
    return this.profile(who, externalUserId);
  }

  async addFollowUp(
    who: SidebarIdentity,
    externalUserId: string,
    dto: CreateFollowUpDto,
  ): Promise<FollowUpDto> {
    await this.followedDetail(who, externalUserId);
    return this.followUps.create(who.corpId, who.userId, externalUserId, dto);
  }

  async group(who: SidebarIdentity, chatId: string): Promise<SidebarGroupDto> {
    const chat = await this.groups.get(who.corpId, chatId).catch((err: unknown) => {
      throw err instanceof GroupException ? groupNotFound() : err;
    });
    const present = chat.members.filter((m) => !m.leftAt);
    const staffIn = present.filter((m) => m.type === 1);
    const isIn = chat.ownerUserId === who.userId || staffIn.some((m) => m.memberId === who.userId);
    if (!isIn || chat.dismissedAt) throw groupNotFound();
    const customers = present.filter((m) => m.type === 2);
    // the first customers' effective tags (the union over their followers), in one read
    const withTags = customers.slice(0, GROUP_CUSTOMERS_WITH_TAGS).map((m) => m.memberId);
    const seenOf = new Map<string, Map<string, string | null>>(
      withTags.map((id) => [id, new Map()]),
    );
    for (const mark of await this.marks.findForCustomers(who.corpId, withTags))
      seenOf.get(mark.externalUserId)?.set(mark.tagId, mark.tagName);
    const tagsOf = new Map(
      [...seenOf].map(([id, seen]) => [id, [...seen].map(([tagId, name]) => ({ tagId, name }))]),
    );
    const names = await this.staff.names(who.corpId, [
      chat.ownerUserId,
      ...staffIn.map((m) => m.memberId),
    ]);
    return {
      chatId: chat.chatId,
      name: chat.name,
      ownerUserId: chat.ownerUserId,
      ownerName: names.get(chat.ownerUserId) ?? null,
      notice: chat.notice,
      createTime: chat.createTime,
      memberCount: present.length,
      customerCount: customers.length,
      staffCount: staffIn.length,
      customers: customers.map((m) => ({
        externalUserId: m.memberId,
        name: m.name,
        joinTime: m.joinTime ? new Date(m.joinTime * 1000).toISOString() : null,
        joinScene: m.joinScene,
        tags: tagsOf.get(m.memberId) ?? [],
      })),
      staff: staffIn.map((m) => ({
        userId: m.memberId,
        name: names.get(m.memberId) ?? m.name,
        isOwner: m.memberId === chat.ownerUserId,
      })),
    };
  }

  /** The customer's detail when the guide follows them now; the same 404 otherwise. */
  private async followedDetail(
    who: SidebarIdentity,
    externalUserId: string,
  ): Promise<CustomerDetailDto> {
    return (await this.followedDetailWithMarks(who, externalUserId)).detail;
  }

  private async followedDetailWithMarks(
    who: SidebarIdentity,
    externalUserId: string,
  ): Promise<{ detail: CustomerDetailDto; marks: TagMarkView[] }> {
    const res = await this.customers
      .detailWithMarks(who.corpId, externalUserId)
      .catch((err: unknown) => {
        throw err instanceof CustomersException ? customerNotFound() : err;
      });
    const mine = res.detail.follows.find((f) => f.userId === who.userId);
    if (!mine || mine.status !== 'active') throw customerNotFound();
    return res;
  }
}

/** Marks by tag group, in the corp's order (the query's). */
function groupTags(marks: TagMarkView[]): SidebarTagGroupDto[] {
  const groups = new Map<string, SidebarTagGroupDto>();
  for (const m of marks) {
    const key = m.groupId ?? '';
    let g = groups.get(key);
    if (!g) {
      g = { groupId: m.groupId, groupName: m.groupName, tags: [] };
      groups.set(key, g);
    }
    g.tags.push({
      tagId: m.tagId,
      name: m.tagName,
      source: m.source,
      actor: m.actor ?? null,
      evidence: m.evidence ?? null,
      markedAt: new Date(m.createdAt).toISOString(),
    });
  }
  return [...groups.values()];
}
