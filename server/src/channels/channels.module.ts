import { Module } from '@nestjs/common';

/** Channel QR codes (渠道活码): contact ways, assignment strategies, welcome, funnel. */
@Module({
  imports: [],
  providers: [],
  exports: [],
})
export class ChannelsModule {}

/** Channels' queue consumers (worker processes only). */
@Module({ imports: [ChannelsModule], providers: [] })
export class ChannelsWorkerModule {}
