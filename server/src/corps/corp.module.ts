import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EventsModule } from '../events/events.module';
import { CorpController } from './corp.controller';
import { CorpRepository } from './corp.repository';
import { CorpService } from './corp.service';
import { CorpEntity } from './entities/corp.entity';

@Module({
  imports: [TypeOrmModule.forFeature([CorpEntity]), EventsModule],
  controllers: [CorpController],
  providers: [CorpRepository, CorpService],
  exports: [CorpService],
})
export class CorpModule {}
