import { Module } from '@nestjs/common';
import { MomentsModule } from '../moments/moments.module';
import { CampaignsController } from './campaigns.controller';
import { CampaignsService } from './campaigns.service';

/**
 * The campaign calendar. Reads moments from MomentService and broadcasts from the
 * BROADCAST_CALENDAR port (calendar-entry.ts), which the broadcasts module provides.
 */
@Module({
  imports: [MomentsModule],
  controllers: [CampaignsController],
  providers: [CampaignsService],
  exports: [CampaignsService],
})
export class CampaignsModule {}
