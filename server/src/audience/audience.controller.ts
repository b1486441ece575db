import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { RequireRole } from '../admin/auth/auth.decorators';
import { Role } from '../admin/auth/role';
import { AudienceService } from './audience.service';
import {
  AudienceCorpParamDto,
  AudienceCountBodyDto,
  AudienceCountDto,
} from './dto/audience-filter.dto';

/** The audience filter's live count (the console's filter builder). */
@ApiTags('audience')
@ApiBearerAuth()
@RequireRole(Role.Viewer)
@Controller('admin/corps/:corpId/audience')
export class AudienceController {
  constructor(private readonly audience: AudienceService) {}

  @Post('count')
  @HttpCode(200)
  async count(
    @Param() p: AudienceCorpParamDto,
    @Body() body: AudienceCountBodyDto,
  ): Promise<AudienceCountDto> {
    const count = await this.audience.count(p.corpId, body.filter);
    return { count, countedAt: new Date().toISOString() };
  }
}
