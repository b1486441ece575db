import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, Matches } from 'class-validator';
import { WECOM_ID } from '../../common/validation/wecom-ids';
import { GroupMembershipDto, TimelineEntryDto } from '../../customers/dto/customer.dto';
import { FollowUpDto } from '../../follow-ups/dto/follow-up.dto';

/** WeCom tag ids (et…). */
const TAG_ID = /^[A-Za-z0-9_-]{1,64}$/;

export class SidebarCustomerParamsDto {
  @Matches(WECOM_ID)
  externalUserId: string;
}

export class SidebarGroupParamsDto {
  @Matches(WECOM_ID)
  chatId: string;
}

export class UpdateSidebarTagsDto {
  @ApiProperty({ type: [String], description: 'tag ids to mark' })
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(TAG_ID, { each: true })
  add: string[];

  @ApiProperty({ type: [String], description: 'tag ids to unmark' })
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(TAG_ID, { each: true })
  remove: string[];
}

export class SidebarTagDto {
  tagId: string;
  name: string | null;
  /** manual, channel, chat_rule, import, wecom, sync */
  source: string;
  /** Who marked it: a staff userid, an admin's username, a rule id. */
  actor: string | null;
  /** Why: the channel, the rule and the message that produced it… */
  evidence: Record<string, unknown> | null;
  markedAt: string;
}

export class SidebarTagGroupDto {
  groupId: string | null;
  groupName: string | null;
  tags: SidebarTagDto[];
}

export class SidebarFollowerDto {
  userId: string;
  name: string | null;
  addedAt: string | null;
}

export class SidebarRelationDto {
  remark: string;
  description: string;
  addedAt: string | null;
  /** WeCom's add_way (0 unknown, 1 scanned a QR code, 2 searched the phone number…). */
  addWay: number;
  state: string | null;
  channelId: string | null;
  channelName: string | null;
  /** Who added: the member, or the one who shared (oper_userid). */
  operUserId: string | null;
  operUserName: string | null;
}

export class SidebarCustomerDto {
  customer: {
    externalUserId: string;
    name: string;
    avatar: string;
    /** 1 a WeChat user, 2 a WeCom user (corpName is theirs). */
    type: number;
    gender: number;
    corpName: string | null;
    corpFullName: string | null;
    position: string | null;
  };
  relation: SidebarRelationDto;
  /** The other staff members who follow the customer. */
  followers: SidebarFollowerDto[];
  /** The guide's own tags on the customer, by tag group. */
  tagGroups: SidebarTagGroupDto[];
  /** Groups the customer is in now. */
  groups: GroupMembershipDto[];
  followUps: FollowUpDto[];
  timeline: TimelineEntryDto[];
  /** Names of the staff members the timeline and follow-ups name. */
  staffNames: Record<string, string>;
}

export class SidebarGroupCustomerDto {
  externalUserId: string;
  name: string;
  joinTime: string | null;
  /** 1 invited directly, 2 by link, 3 by QR code. */
  joinScene: number;
  tags: Array<{ tagId: string; name: string | null }>;
}

export class SidebarGroupStaffDto {
  userId: string;
  name: string;
  isOwner: boolean;
}

export class SidebarGroupDto {
  chatId: string;
  name: string;
  ownerUserId: string;
  ownerName: string | null;
  notice: string | null;
  createTime: number;
  memberCount: number;
  customerCount: number;
  staffCount: number;
  customers: SidebarGroupCustomerDto[];
  staff: SidebarGroupStaffDto[];
}
