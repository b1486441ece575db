import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { CORP_ID } from '../../common/validation/wecom-ids';
import { MEDIA_KINDS, MediaKind } from '../media-limits';

export class MediaCorpQueryDto {
  @ApiProperty({ example: 'ww5f3a9c1e7b2d4068' })
  @Matches(CORP_ID, { message: 'corpId must be 6-64 letters, digits, _ or -' })
  corpId: string;
}

export class UploadMediaQueryDto extends MediaCorpQueryDto {
  @ApiProperty({ enum: MEDIA_KINDS, description: 'WeCom media type: image, voice, video, file' })
  @IsIn(MEDIA_KINDS as MediaKind[], { message: 'kind must be one of image, voice, video, file' })
  kind: MediaKind;
}

export class ListMediaQueryDto extends MediaCorpQueryDto {
  @ApiPropertyOptional({ default: 100, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class MediaIdParamDto {
  @ApiProperty()
  @Matches(/^\d{1,20}$/, { message: 'id must be a media asset id' })
  id: string;
}

export class MediaAssetDto {
  @ApiProperty()
  id: string;

  @ApiProperty({ enum: MEDIA_KINDS })
  kind: MediaKind;

  @ApiProperty()
  filename: string;

  @ApiProperty()
  contentType: string;

  @ApiProperty()
  sizeBytes: number;

  @ApiProperty()
  createdAt: string;
}
