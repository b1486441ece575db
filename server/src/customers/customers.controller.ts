import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { roleInCorp } from '../admin/auth/access';
import { AuthUser, CurrentUser, RequireRole } from '../admin/auth/auth.decorators';
import { Role } from '../admin/auth/role';
import { CustomersService } from './customers.service';
import {
  CustomerDetailDto,
  CustomerPageDto,
  CustomerParamsDto,
  CustomerQueryBodyDto,
  ListCustomersQueryDto,
  TimelineEntryDto,
  TimelineQueryDto,
} from './dto/customer.dto';

/** The customer mirror in the admin console (read-only). */
@ApiTags('customers')
@ApiBearerAuth()
@RequireRole(Role.Viewer)
@Controller('admin/customers')
export class CustomersController {
  constructor(private readonly customers: CustomersService) {}

  @Get()
  list(@Query() q: ListCustomersQueryDto): Promise<CustomerPageDto> {
    return this.customers.list(q);
  }

  /** A page of the customers an audience filter selects (the console's filter builder). */
  @Post('query')
  @HttpCode(200)
  query(@Body() body: CustomerQueryBodyDto): Promise<CustomerPageDto> {
    return this.customers.query(body.corpId, body.filter ?? {}, body);
  }

  @Get(':corpId/:externalUserId')
  detail(@Param() p: CustomerParamsDto, @CurrentUser() user: AuthUser): Promise<CustomerDetailDto> {
    // chat content (a chat rule's evidence sentence) is for admins only
    const admin = roleInCorp(user, p.corpId) === Role.Admin;
    return admin
      ? this.customers.detail(p.corpId, p.externalUserId, true)
      : this.customers.detail(p.corpId, p.externalUserId);
  }

  @Get(':corpId/:externalUserId/timeline')
  timeline(
    @Param() p: CustomerParamsDto,
    @Query() q: TimelineQueryDto,
  ): Promise<TimelineEntryDto[]> {
    return this.customers.listTimeline(p.corpId, p.externalUserId, q.beforeId, q.limit);
  }
}
