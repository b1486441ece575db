import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { RequireRole } from '../admin/auth/auth.decorators';
import { Role } from '../admin/auth/role';
import { CorpQueryDto } from '../staff/dto/staff.dto';
import { TagGroupResponseDto } from './dto/tag.dto';
import { TagService } from './tag.service';

/** The corp tag library (groups with their tags), read-only. */
@ApiTags('tags')
@ApiBearerAuth()
@RequireRole(Role.Viewer)
@Controller('admin/tags')
export class TagsController {
  constructor(private readonly tags: TagService) {}

  @Get()
  list(@Query() q: CorpQueryDto): Promise<TagGroupResponseDto[]> {
    return this.tags.listGroupsWithTags(q.corpId);
  }
}
