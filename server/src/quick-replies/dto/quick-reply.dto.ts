import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { IsDisplayName } from '../../common/validation/display-name';
import { MaxUtf8Bytes } from '../../common/validation/max-bytes';
import { CORP_ID, ROW_ID, WECOM_ID } from '../../common/validation/wecom-ids';
import { QUICK_REPLY_KINDS, type QuickReplyKind } from '../entities/quick-reply.entity';
import { QUICK_REPLY_LIMITS as L } from '../quick-reply-rules';
import type { SendChatMessagePayload } from '../quick-reply-rules';

const MINIPROGRAM_APPID = /^wx[0-9a-f]{16}$/;
const HTTP_URL = { protocols: ['http', 'https'], require_protocol: true };

export class QuickReplyCorpQueryDto {
  @ApiProperty({ example: 'ww5f3a9c1e7b2d4068' })
  @Matches(CORP_ID, { message: 'corpId must be 6-64 letters, digits, _ or -' })
  corpId: string;
}

export class QuickReplyIdParamDto {
  @ApiProperty()
  @Matches(ROW_ID, { message: 'id must be a quick reply id' })
  id: string;
}

export class QuickReplyItemsQueryDto extends QuickReplyCorpQueryDto {
  @ApiProperty({ description: 'the folder whose items are listed' })
  @Matches(ROW_ID, { message: 'folderId must be a folder id' })
  folderId: string;
}

export class QuickReplyFolderBodyDto extends QuickReplyCorpQueryDto {
  @ApiProperty({ example: '开场白', description: 'at most 64 characters' })
  @IsDisplayName(64)
  name: string;

  @ApiProperty({
    description: 'true: every guide; false: only departmentIds (with sub-departments) and userIds',
  })
  @IsBoolean({ message: 'visibleToAll must be true or false' })
  visibleToAll: boolean;

  @ApiPropertyOptional({ type: [Number], description: 'departments (and their sub-departments)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @ArrayUnique()
  @IsInt({ each: true, message: 'each departmentId must be a department id' })
  @Min(1, { each: true, message: 'each departmentId must be a department id' })
  departmentIds?: number[];

  @ApiPropertyOptional({ type: [String], description: 'members (userid)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @ArrayUnique()
  @Matches(WECOM_ID, { each: true, message: 'each userId must be a WeCom userid' })
  userIds?: string[];
}

export class QuickReplyOrderDto extends QuickReplyCorpQueryDto {
  @ApiProperty({ type: [String], description: 'every id of the list, in the new order' })
  @IsArray()
  @ArrayMaxSize(L.itemsPerFolder)
  @ArrayUnique({ message: 'ids must not repeat' })
  @Matches(ROW_ID, { each: true, message: 'each id must be a row id' })
  ids: string[];
}

export class QuickReplyItemBodyDto extends QuickReplyCorpQueryDto {
  @ApiProperty()
  @Matches(ROW_ID, { message: 'folderId must be a folder id' })
  folderId: string;

  @ApiProperty({ enum: QUICK_REPLY_KINDS })
  @IsIn(QUICK_REPLY_KINDS, { message: 'kind must be text, image, link or miniprogram' })
  kind: QuickReplyKind;

  @ApiProperty({
    description: 'the name guides see; a link card’s title (≤128 bytes), a mini program’s (≤64)',
  })
  @IsDisplayName(128)
  @MaxUtf8Bytes(L.linkTitleBytes)
  title: string;

  @ApiPropertyOptional({ description: 'text: the message, at most 4000 bytes in UTF-8' })
  @ValidateIf((o: QuickReplyItemBodyDto) => o.kind === 'text')
  @IsString({ message: 'content is required for a text' })
  @Matches(/\S/, { message: 'content must not be empty' })
  @MaxUtf8Bytes(L.textBytes)
  content?: string;

  @ApiPropertyOptional({ description: 'image: a media asset (POST /admin/media?kind=image)' })
  @ValidateIf((o: QuickReplyItemBodyDto) => o.kind === 'image')
  @Matches(ROW_ID, { message: 'assetId must be a media asset id' })
  assetId?: string;

  @ApiPropertyOptional({ description: 'link: an http(s) URL' })
  @ValidateIf((o: QuickReplyItemBodyDto) => o.kind === 'link')
  @IsUrl(HTTP_URL, { message: 'url must be an http(s) URL' })
  @MaxUtf8Bytes(L.urlBytes)
  url?: string;

  @ApiPropertyOptional({ description: 'link: the card’s description, at most 512 bytes' })
  @ValidateIf((o: QuickReplyItemBodyDto) => o.kind === 'link' && o.description !== undefined)
  @IsString()
  @MaxUtf8Bytes(L.descBytes)
  description?: string;

  @ApiPropertyOptional({ description: 'link (optional) and mini program: cover image http(s) URL' })
  @ValidateIf(
    (o: QuickReplyItemBodyDto) => o.kind === 'miniprogram' || (o.kind === 'link' && !!o.coverUrl),
  )
  @IsUrl(HTTP_URL, { message: 'coverUrl must be an http(s) URL' })
  @MaxUtf8Bytes(L.urlBytes)
  coverUrl?: string;

  @ApiPropertyOptional({ description: 'mini program: the corp’s configured appid (wx…)' })
  @ValidateIf((o: QuickReplyItemBodyDto) => o.kind === 'miniprogram')
  @Matches(MINIPROGRAM_APPID, { message: 'appId must be a mini-program appid (wx…)' })
  appId?: string;

  @ApiPropertyOptional({ description: 'mini program: the page, ending in .html' })
  @ValidateIf((o: QuickReplyItemBodyDto) => o.kind === 'miniprogram')
  @IsString({ message: 'page is required for a mini program' })
  @Matches(/^[^\s?#]+\.html(\?.*)?$/, { message: 'page must end in .html (WeCom’s rule)' })
  @MaxLength(255)
  page?: string;
}

export class QuickReplySettingBodyDto extends QuickReplyCorpQueryDto {
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'the mini program (wx…) associated with the corp; null: no mini-program cards',
  })
  @IsOptional()
  @Matches(MINIPROGRAM_APPID, { message: 'miniprogramAppId must be a mini-program appid (wx…)' })
  miniprogramAppId?: string | null;
}

export class QuickReplySearchQueryDto {
  @ApiPropertyOptional({ description: 'words anywhere in the title or the text' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  q?: string;
}

export class QuickReplyFolderDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() sortOrder: number;
  @ApiProperty() visibleToAll: boolean;
  @ApiProperty({ type: [Number] }) departmentIds: number[];
  @ApiProperty({ type: [String] }) userIds: string[];
  @ApiProperty() itemCount: number;
}

export class QuickReplyItemDto {
  @ApiProperty() id: string;
  @ApiProperty() folderId: string;
  @ApiProperty({ enum: QUICK_REPLY_KINDS }) kind: QuickReplyKind;
  @ApiProperty() title: string;
  @ApiProperty({ type: String, nullable: true }) content: string | null;
  @ApiProperty({ type: String, nullable: true }) assetId: string | null;
  @ApiProperty({ type: String, nullable: true }) url: string | null;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ type: String, nullable: true }) coverUrl: string | null;
  @ApiProperty({ type: String, nullable: true }) appId: string | null;
  @ApiProperty({ type: String, nullable: true }) page: string | null;
  @ApiProperty() sortOrder: number;
  @ApiProperty() useCount: number;
  @ApiProperty({ type: String, nullable: true }) lastUsedAt: string | null;
}

export class QuickReplySettingDto {
  @ApiProperty({ type: String, nullable: true }) miniprogramAppId: string | null;
}

export class SidebarQuickReplyFolderDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: [QuickReplyItemDto] }) items: QuickReplyItemDto[];
}

export class SidebarQuickRepliesDto {
  @ApiProperty({ type: [SidebarQuickReplyFolderDto] }) folders: SidebarQuickReplyFolderDto[];
}

export class QuickReplyUseDto {
  @ApiProperty({
    description:
      'exactly what ww.sendChatMessage takes: {msgtype:"text",text:{content}} | {msgtype:"image",image:{mediaid}} | {msgtype:"news",news:{link,title,desc,imgUrl}} | {msgtype:"miniprogram",miniprogram:{appid,title,imgUrl,page}}',
    type: 'object',
    additionalProperties: true,
  })
  payload: SendChatMessagePayload;

  @ApiProperty() useCount: number;
}
