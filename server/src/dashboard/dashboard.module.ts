import { Module } from '@nestjs/common';
import { CallbacksModule } from '../callbacks/callbacks.module';
import { ChannelsModule } from '../channels/channels.module';
import { CorpModule } from '../corps/corp.module';
import { CustomersModule } from '../customers/customers.module';
import { StaffModule } from '../staff/staff.module';
import { SyncModule } from '../sync/sync.module';
import { DashboardController } from './dashboard.controller';
import { DashboardService } from './dashboard.service';

/** GET /api/admin/dashboard: the console's first page, read through the owners' services. */
@Module({
  imports: [CorpModule, CustomersModule, ChannelsModule, StaffModule, CallbacksModule, SyncModule],
  controllers: [DashboardController],
  providers: [DashboardService],
})
export class DashboardModule {}
