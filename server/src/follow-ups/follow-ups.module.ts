import { Module } from '@nestjs/common';
import { CustomerTimelineModule } from '../customers/customer-timeline.module';
import { StaffModule } from '../staff/staff.module';
import { FollowUpRepository } from './follow-up.repository';
import { FollowUpsController } from './follow-ups.controller';
import { FollowUpsService } from './follow-ups.service';

/** Notes and follow-up records (跟进记录): written in the sidebar, read in the console. */
@Module({
  imports: [CustomerTimelineModule, StaffModule],
  controllers: [FollowUpsController],
  providers: [FollowUpRepository, FollowUpsService],
  exports: [FollowUpsService],
})
export class FollowUpsModule {}
