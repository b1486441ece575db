import { Module } from '@nestjs/common';
import { BroadcastsModule } from '../broadcasts/broadcasts.module';
import { BroadcastsService } from '../broadcasts/broadcasts.service';
import { MomentsModule } from '../moments/moments.module';
import { BROADCAST_CALENDAR } from './calendar-entry';
import { CampaignsController } from './campaigns.controller';
import { CampaignsService } from './campaigns.service';

/**
 * The campaign calendar. Reads moments from MomentService and broadcasts from the
 * BROADCAST_CALENDAR port (calendar-entry.ts), which the broadcasts module provides.
 */
@Module({
  imports: [MomentsModule, BroadcastsModule],
  controllers: [CampaignsController],
  providers: [CampaignsService, { provide: BROADCAST_CALENDAR, useExisting: BroadcastsService }],
  exports: [CampaignsService],
})
export class CampaignsModule {}
