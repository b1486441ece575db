import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { MediaKind } from '../media-limits';

/** One stored asset; its bytes are in the media storage under `storageKey`. */
@Entity('media_asset')
export class MediaAssetEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id: string;

  @Column({ type: 'varchar', length: 64 })
  corpId: string;

  @Column({ type: 'varchar', length: 16 })
  kind: MediaKind;

  @Column({ type: 'varchar', length: 255 })
  filename: string;

  @Column({ type: 'varchar', length: 128 })
  contentType: string;

  @Column({ type: 'int', unsigned: true })
  sizeBytes: number;

  @Column({ type: 'char', length: 64 })
  sha256: string;

  @Column({ type: 'varchar', length: 255 })
  storageKey: string;

  @Column({ type: 'varchar', length: 255, nullable: true })
  mediaId: string | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  mediaUploadedAt: Date | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  attachmentMediaId: string | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  attachmentUploadedAt: Date | null;

  @Column({ type: 'varchar', length: 128, nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'datetime', precision: 3 })
  createdAt: Date;
}
