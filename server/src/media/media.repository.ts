import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { MediaAssetEntity } from './entities/media-asset.entity';

/** Media's data access: the media_asset table. */
@Injectable()
export class MediaRepository {
  constructor(
    @InjectRepository(MediaAssetEntity) private readonly assets: Repository<MediaAssetEntity>,
  ) {}

  async insert(row: Partial<MediaAssetEntity>): Promise<MediaAssetEntity> {
    const saved = await this.assets.save(this.assets.create(row));
    return (await this.find(saved.corpId, saved.id))!;
  }

  find(corpId: string, id: string): Promise<MediaAssetEntity | null> {
    return this.assets.findOneBy({ corpId, id });
  }

  findMany(corpId: string, ids: string[]): Promise<MediaAssetEntity[]> {
    return ids.length ? this.assets.findBy({ corpId, id: In(ids) }) : Promise.resolve([]);
  }

  list(corpId: string, limit: number): Promise<MediaAssetEntity[]> {
    return this.assets.find({ where: { corpId }, order: { id: 'DESC' }, take: limit });
  }

  async setMediaId(id: string, mediaId: string, uploadedAt: Date): Promise<void> {
    await this.assets.update({ id }, { mediaId, mediaUploadedAt: uploadedAt });
  }

  async setAttachmentId(id: string, mediaId: string, uploadedAt: Date): Promise<void> {
    await this.assets.update(
      { id },
      { attachmentMediaId: mediaId, attachmentUploadedAt: uploadedAt },
    );
  }
}
