import { Body, Controller, Get, Param, Post, Put, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { SidebarIdentity, SidebarRoute, SidebarStaff } from '../admin/auth/auth.decorators';
import { CreateFollowUpDto, FollowUpDto } from '../follow-ups/dto/follow-up.dto';
import type { TagGroupResponseDto } from '../tags/dto/tag.dto';
import {
  SidebarCustomerDto,
  SidebarCustomerParamsDto,
  SidebarGroupDto,
  SidebarGroupParamsDto,
  UpdateSidebarTagsDto,
} from './dto/sidebar-customer.dto';
import { SidebarCustomersService } from './sidebar-customers.service';
import { SidebarThrottlerGuard } from './sidebar-throttler.guard';

/** The customer and group of the current chat, for the signed-in guide only. */
@ApiTags('sidebar')
@ApiBearerAuth()
@SidebarRoute()
@UseGuards(SidebarThrottlerGuard)
@Controller('sidebar')
export class SidebarCustomersController {
  constructor(private readonly sidebar: SidebarCustomersService) {}

  @Get('customers/:externalUserId')
  profile(
    @SidebarStaff() who: SidebarIdentity,
    @Param() p: SidebarCustomerParamsDto,
  ): Promise<SidebarCustomerDto> {
    return this.sidebar.profile(who, p.externalUserId);
  }

  @Put('customers/:externalUserId/tags')
  updateTags(
    @SidebarStaff() who: SidebarIdentity,
    @Param() p: SidebarCustomerParamsDto,
    @Body() dto: UpdateSidebarTagsDto,
  ): Promise<SidebarCustomerDto> {
    return this.sidebar.updateTags(who, p.externalUserId, dto);
  }

  @Post('customers/:externalUserId/follow-ups')
  addFollowUp(
    @SidebarStaff() who: SidebarIdentity,
    @Param() p: SidebarCustomerParamsDto,
    @Body() dto: CreateFollowUpDto,
  ): Promise<FollowUpDto> {
    return this.sidebar.addFollowUp(who, p.externalUserId, dto);
  }

  @Get('tags')
  tags(@SidebarStaff() who: SidebarIdentity): Promise<TagGroupResponseDto[]> {
    return this.sidebar.corpTags(who);
  }

  @Get('groups/:chatId')
  group(
    @SidebarStaff() who: SidebarIdentity,
    @Param() p: SidebarGroupParamsDto,
  ): Promise<SidebarGroupDto> {
    return this.sidebar.group(who, p.chatId);
  }
}
