import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MediaAssetEntity } from './entities/media-asset.entity';
import { MediaController } from './media.controller';
import { MediaRepository } from './media.repository';
import { MediaService } from './media.service';
import { MediaStorage } from './media-storage';

/**
 * Media assets (素材) shared by broadcasts, moments and the sidebar's quick replies: stored
 * bytes, WeCom's limits checked before upload, media_ids renewed before their 3 days run out.
 */
@Module({
  imports: [TypeOrmModule.forFeature([MediaAssetEntity])],
  controllers: [MediaController],
  providers: [MediaRepository, MediaService, MediaStorage],
  exports: [MediaService],
})
export class MediaModule {}
