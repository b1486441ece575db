import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsInt,
  IsOptional,
  IsString,
  IsTimeZone,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { GroupChatEntity } from '../entities/group-chat.entity';
import { GroupMemberEntity } from '../entities/group-member.entity';
import { CORP_ID, WECOM_ID } from '../../common/validation/wecom-ids';

export class ListGroupsQueryDto {
  @ApiProperty()
  @Matches(CORP_ID)
  corpId: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(WECOM_ID)
  ownerUserId?: string;

  @ApiPropertyOptional({ description: 'the last chatId of the previous page' })
  @IsOptional()
  @Matches(WECOM_ID)
  cursor?: string;

  @ApiPropertyOptional({ default: 50, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class GroupChatParamsDto {
  @Matches(CORP_ID)
  corpId: string;

  @IsString()
  @MaxLength(64)
  chatId: string;
}

export class GroupChatResponseDto {
  chatId: string;
  name: string;
  ownerUserId: string;
  notice: string | null;
  wecomStatus: number;
  createTime: number;
  memberCount: number;
  /** Present members who are customers / staff (in lists). */
  customerCount?: number;
  staffCount?: number;
  dismissedAt: string | null;
  syncedAt: string | null;
}

export class GroupDailyQueryDto {
  @ApiProperty()
  @Matches(CORP_ID)
  corpId: string;

  @ApiPropertyOptional({ description: 'one group (default: every group of the corp)' })
  @IsOptional()
  @Matches(WECOM_ID)
  chatId?: string;

  @ApiPropertyOptional({ default: 'Asia/Shanghai' })
  @IsOptional()
  @IsTimeZone({ message: 'timeZone must be an IANA time zone, e.g. Asia/Shanghai' })
  timeZone?: string;

  @ApiPropertyOptional({ default: 30, maximum: 366 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(366)
  days?: number;
}

export class GroupDailyDto {
  corpId: string;
  chatId: string | null;
  timeZone: string;
  /** Oldest first, today last: members who joined and who left that day. */
  days: Array<{ day: string; joins: number; leaves: number }>;
}

export class GroupMemberResponseDto {
  memberId: string;
  type: number;
  name: string;
  groupNickname: string;
  unionId: string | null;
  joinTime: number;
  joinScene: number;
  invitorUserId: string | null;
  leftAt: string | null;
  quitScene: number | null;
}

export class GroupChatDetailDto extends GroupChatResponseDto {
  members: GroupMemberResponseDto[];
}

export function toGroupChatResponse(c: GroupChatEntity): GroupChatResponseDto {
  return {
    chatId: c.chatId,
    name: c.name,
    ownerUserId: c.ownerUserId,
    notice: c.notice,
    wecomStatus: c.wecomStatus,
    createTime: c.createTime,
    memberCount: c.memberCount,
    dismissedAt: c.dismissedAt ? c.dismissedAt.toISOString() : null,
    syncedAt: c.syncedAt ? c.syncedAt.toISOString() : null,
  };
}

export function toGroupMemberResponse(m: GroupMemberEntity): GroupMemberResponseDto {
  return {
    memberId: m.memberId,
    type: m.type,
    name: m.name,
    groupNickname: m.groupNickname,
    unionId: m.unionId,
    joinTime: m.joinTime,
    joinScene: m.joinScene,
    invitorUserId: m.invitorUserId,
    leftAt: m.leftAt ? m.leftAt.toISOString() : null,
    quitScene: m.quitScene,
  };
}

export function toGroupChatDetail(
  c: GroupChatEntity,
  members: GroupMemberEntity[],
): GroupChatDetailDto {
  return { ...toGroupChatResponse(c), members: members.map(toGroupMemberResponse) };
}
