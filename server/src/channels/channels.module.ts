import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CallbackEventHandlerRegistry } from '../callbacks/callback-event-handler.registry';
import { CallbacksModule } from '../callbacks/callbacks.module';
import { CustomersModule } from '../customers/customers.module';
import { CHANNEL_NAMES } from '../customers/channel-names';
import { RELATION_ATTRIBUTION } from '../customers/relation-attribution';
import { RelationCountsModule } from '../customers/relation-counts.module';
import { StaffModule } from '../staff/staff.module';
import { TagsModule } from '../tags/tags.module';
import { ChannelAttributionService } from './attribution/channel-attribution.service';
import { ChannelRepository } from './channel.repository';
import { ChannelService } from './channel.service';
import { ChannelsController } from './channels.controller';
import { ChannelAddEntity } from './entities/channel-add.entity';
import { ChannelStaffDayEntity } from './entities/channel-staff-day.entity';
import { ChannelEntity } from './entities/channel.entity';
import { ChannelPoolService } from './pool/channel-pool.service';
import { ChannelPoolProcessor, WelcomeProcessor } from './processors/channels.processor';
import { ChannelStatsService } from './stats/channel-stats.service';
import { ChannelWelcomeService } from './welcome/channel-welcome.service';

/**
 * Channel QR codes (渠道活码): contact ways, assignment strategies, welcome, funnel.
 * Registers ChannelWelcomeService.onContactAdded as a callback ingest hook.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([ChannelEntity, ChannelAddEntity, ChannelStaffDayEntity]),
    CallbacksModule,
    CustomersModule,
    RelationCountsModule,
    TagsModule,
    StaffModule,
  ],
  controllers: [ChannelsController],
  providers: [
    ChannelRepository,
    ChannelService,
    ChannelPoolService,
    ChannelWelcomeService,
    ChannelStatsService,
    ChannelAttributionService,
    // the customers mirror asks channels who brought an add (looked up by token, no import cycle)
    { provide: RELATION_ATTRIBUTION, useExisting: ChannelAttributionService },
    // the customer reads name a relation's channel (viewers cannot read /channels)
    { provide: CHANNEL_NAMES, useExisting: ChannelService },
  ],
  exports: [ChannelWelcomeService, ChannelPoolService, ChannelStatsService],
})
export class ChannelsModule implements OnModuleInit {
  constructor(
    private readonly registry: CallbackEventHandlerRegistry,
    private readonly welcome: ChannelWelcomeService,
  ) {}

  /** Channel adds get their welcome job at ingest time (WeCom's 20 s window). */
  onModuleInit(): void {
    this.registry.registerIngestHook((event) => this.welcome.onContactAdded(event));
  }
}

/** Channels' queue consumers (worker processes only). */
@Module({ imports: [ChannelsModule], providers: [WelcomeProcessor, ChannelPoolProcessor] })
export class ChannelsWorkerModule {}
