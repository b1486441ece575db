import { Module } from '@nestjs/common';
import { AudienceModule } from '../audience/audience.module';
import { GroupsModule } from '../groups/groups.module';
import { MediaModule } from '../media/media.module';
import { StaffModule } from '../staff/staff.module';
import { BroadcastPlannerService } from './broadcast-planner.service';
import { BroadcastRepository } from './broadcast.repository';
import { BroadcastRunnerService } from './broadcast-runner.service';
import { BroadcastsController } from './broadcasts.controller';
import { BroadcastsService } from './broadcasts.service';
import { BroadcastsProcessor } from './processors/broadcasts.processor';

/**
 * Broadcasts (客户群发 / 客户群群发): persisted plans fanned out into add_msg_template tasks,
 * results pulled until final, remind and cancel. Exports BroadcastsService (calendarEntries for
 * the campaign calendar).
 */
@Module({
  imports: [AudienceModule, GroupsModule, MediaModule, StaffModule],
  controllers: [BroadcastsController],
  providers: [
    BroadcastRepository,
    BroadcastPlannerService,
    BroadcastRunnerService,
    BroadcastsService,
  ],
  exports: [BroadcastsService, BroadcastRunnerService],
})
export class BroadcastsModule {}

/** Broadcasts' queue consumers (worker processes only). */
@Module({ imports: [BroadcastsModule], providers: [BroadcastsProcessor] })
export class BroadcastsWorkerModule {}
