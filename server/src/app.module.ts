import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { APP_FILTER } from '@nestjs/core';
import { DiscoveryModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from './admin/auth/auth.module';
import { StaffAccessModule } from './admin/staff-access/staff-access.module';
import { AudienceModule, AudienceWorkerModule } from './audience/audience.module';
import { CallbacksModule } from './callbacks/callbacks.module';
import {
  CallbackEventsProcessor,
  CallbackSweepProcessor,
} from './callbacks/processors/callback-events.processor';
import { GlobalExceptionFilter } from './common/filters/global-exception.filter';
import { LoggingModule } from './common/logging/logging.module';
import { AllConfig, allConfigs, loadEnv } from './config/configuration';
import { ChannelsModule, ChannelsWorkerModule } from './channels/channels.module';
import { ChatArchiveModule, ChatArchiveWorkerModule } from './chat-archive/chat-archive.module';
import { ChatRulesModule, ChatRulesWorkerModule } from './chat-rules/chat-rules.module';
import { CorpModule } from './corps/corp.module';
import { CustomersModule } from './customers/customers.module';
import { EventsModule } from './events/events.module';
import { GroupsModule } from './groups/groups.module';
import { DashboardModule } from './dashboard/dashboard.module';
import { SetupModule } from './setup/setup.module';
import { SidebarModule } from './sidebar/sidebar.module';
import { StaffModule } from './staff/staff.module';
import { SyncModule, SyncWorkerModule } from './sync/sync.module';
import { TagsModule } from './tags/tags.module';
import { TransfersModule, TransfersWorkerModule } from './transfers/transfers.module';
import { TagOpsModule, TagOpsWorkerModule } from './tags/tag-ops.module';
import { buildDataSourceOptions } from './database/typeorm-options';
import { HealthModule } from './health/health.module';
import { JobsModule } from './jobs/jobs.module';
import { MediaModule } from './media/media.module';
import { BroadcastsModule, BroadcastsWorkerModule } from './broadcasts/broadcasts.module';
import { CampaignsModule } from './campaigns/campaigns.module';
import { MomentsModule, MomentsWorkerModule } from './moments/moments.module';
import { QuickRepliesModule } from './quick-replies/quick-replies.module';
import { SystemProcessor } from './jobs/processors/system.processor';
import { JobHandlersCheck } from './queue/job-handlers.check';
import { workerQueueSelectionProvider } from './queue/worker-queue-selection';
import { QueueModule } from './queue/queue.module';
import { RedisModule } from './redis/redis.module';
import { WecomModule } from './wecom/wecom.module';

/**
 * Everything both processes share: config, logging, MariaDB, Redis, queues, features.
 * Built on demand, so the environment (.env, APP_MODE) is read when the app is created.
 */
const coreImports = () => [
  ConfigModule.forRoot({
    isGlobal: true,
    ignoreEnvFile: true,
    load: allConfigs,
    validate: () => loadEnv(),
  }),
  LoggingModule,
  TypeOrmModule.forRootAsync({
    inject: [ConfigService],
    useFactory: (config: ConfigService<AllConfig, true>) =>
      buildDataSourceOptions(config.get('database', { infer: true })),
  }),
  RedisModule,
  QueueModule,
  EventsModule,
  // tokens and tickets are namespaced per installation: a staging install pointed at the sandbox
  // must never share a cached token with production for the same CorpID
  WecomModule.forRoot({
    redisKeyPrefix: `${loadEnv().BULL_PREFIX}:wecom:`,
    rateLimit: {
      perMinute: loadEnv().WECOM_RATE_LIMIT_PER_MINUTE,
      perHour: loadEnv().WECOM_RATE_LIMIT_PER_HOUR,
    },
  }),
  AuthModule,
  StaffAccessModule,
  CorpModule,
  HealthModule,
  JobsModule,
  CallbacksModule,
  StaffModule,
  CustomersModule,
  TagsModule,
  TagOpsModule,
  AudienceModule,
  GroupsModule,
  SyncModule,
  ChannelsModule,
  SidebarModule,
  SetupModule,
  DashboardModule,
  ChatArchiveModule,
  ChatRulesModule,
  TransfersModule,
  MediaModule,
  BroadcastsModule,
  MomentsModule,
  CampaignsModule,
  QuickRepliesModule,
];

/** Queue consumers: only instantiated in a process that runs the worker. */
@Module({
  imports: [
    DiscoveryModule,
    JobsModule,
    CallbacksModule,
    SyncWorkerModule,
    ChannelsWorkerModule,
    BroadcastsWorkerModule,
    AudienceWorkerModule,
    ChatArchiveWorkerModule,
    ChatRulesWorkerModule,
    TransfersWorkerModule,
    MomentsWorkerModule,
    TagOpsWorkerModule,
  ],
  providers: [
    SystemProcessor,
    CallbackEventsProcessor,
    CallbackSweepProcessor,
    JobHandlersCheck,
    workerQueueSelectionProvider,
  ],
})
export class WorkerModule {}

@Module({})
export class AppModule {
  /** `withWorker` adds the queue consumers (worker or all-in-one process). */
  static register({ withWorker }: { withWorker: boolean }): DynamicModule {
    return {
      module: AppModule,
      imports: [...coreImports(), ...(withWorker ? [WorkerModule] : [])],
      providers: [{ provide: APP_FILTER, useClass: GlobalExceptionFilter }],
    };
  }
}
