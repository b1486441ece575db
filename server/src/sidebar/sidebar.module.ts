import { Module } from '@nestjs/common';
import { CorpModule } from '../corps/corp.module';
import { CustomersModule } from '../customers/customers.module';
import { FollowUpsModule } from '../follow-ups/follow-ups.module';
import { GroupsModule } from '../groups/groups.module';
import { StaffModule } from '../staff/staff.module';
import { TagsModule } from '../tags/tags.module';
import { SidebarCustomersController } from './sidebar-customers.controller';
import { SidebarCustomersService } from './sidebar-customers.service';
import { SidebarController } from './sidebar.controller';
import { SidebarSessionService } from './sidebar-session.service';
import { SidebarThrottlerGuard } from './sidebar-throttler.guard';

/**
 * The sidebar H5's API: WeCom OAuth sign-in, the JS-SDK signatures, and the current chat's
 * customer or group for the signed-in guide (docs/sidebar.md).
 */
@Module({
  imports: [CorpModule, CustomersModule, TagsModule, GroupsModule, StaffModule, FollowUpsModule],
  controllers: [SidebarController, SidebarCustomersController],
  providers: [SidebarSessionService, SidebarCustomersService, SidebarThrottlerGuard],
})
export class SidebarModule {}
