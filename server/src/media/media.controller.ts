import {
  Controller,
  Get,
  Param,
  Post,
  Query,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuthUser, CurrentUser, RequireRole } from '../admin/auth/auth.decorators';
import { Role } from '../admin/auth/role';
import {
  ListMediaQueryDto,
  MediaAssetDto,
  MediaCorpQueryDto,
  MediaIdParamDto,
  UploadMediaQueryDto,
} from './dto/media.dto';
import { MEDIA_MAX_BYTES } from './media-limits';
import { IncomingFile, MediaService } from './media.service';

/** Media assets (素材) of the admin console: upload once, attach to broadcasts and moments. */
@ApiTags('media')
@ApiBearerAuth()
@RequireRole(Role.Manager)
@Controller('admin/media')
export class MediaController {
  constructor(private readonly media: MediaService) {}

  @Post()
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } },
  })
  // the largest kind's limit; each kind's own limit is checked by the service (400 naming file)
  @UseInterceptors(
    FileInterceptor('file', { limits: { fileSize: MEDIA_MAX_BYTES.file, files: 1 } }),
  )
  upload(
    @Query() q: UploadMediaQueryDto,
    @UploadedFile() file: IncomingFile | undefined,
    @CurrentUser() user: AuthUser,
  ): Promise<MediaAssetDto> {
    return this.media.upload(q.corpId, q.kind, file, user?.username ?? null);
  }

  @Get()
  list(@Query() q: ListMediaQueryDto): Promise<MediaAssetDto[]> {
    return this.media.list(q.corpId, q.limit);
  }

  @Get(':id')
  get(
    @Param() { id }: MediaIdParamDto,
    @Query() { corpId }: MediaCorpQueryDto,
  ): Promise<MediaAssetDto> {
    return this.media.get(corpId, id);
  }

  /** The bytes, for the console's preview of the message. */
  @Get(':id/content')
  async content(
    @Param() { id }: MediaIdParamDto,
    @Query() { corpId }: MediaCorpQueryDto,
    @Res() res: Response,
  ): Promise<void> {
    const { asset, data } = await this.media.content(corpId, id);
    res.setHeader('Content-Type', asset.contentType);
    res.setHeader('Cache-Control', 'private, max-age=3600');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.end(data);
  }
}
