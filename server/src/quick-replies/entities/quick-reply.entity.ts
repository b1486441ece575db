import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

export type QuickReplyKind = 'text' | 'image' | 'link' | 'miniprogram';
export const QUICK_REPLY_KINDS: readonly QuickReplyKind[] = [
  'text',
  'image',
  'link',
  'miniprogram',
];

/** A folder of quick replies (话术分组) and who may see it in the sidebar. */
@Entity('quick_reply_folder')
export class QuickReplyFolderEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id: string;

  @Column({ type: 'varchar', length: 64 })
  corpId: string;

  @Column({ type: 'varchar', length: 64 })
  name: string;

  @Column({ type: 'int', default: 0 })
  sortOrder: number;

  /** true: every guide of the corp; false: only `departmentIds` (with sub-departments) and `userIds`. */
  @Column({ type: 'boolean', default: true })
  visibleToAll: boolean;

  @Column({ type: 'json' })
  departmentIds: number[];

  @Column({ type: 'json' })
  userIds: string[];

  @CreateDateColumn({ type: 'datetime', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'datetime', precision: 3 })
  updatedAt: Date;
}

/** One quick reply: what `ww.sendChatMessage` puts into the chat. */
@Entity('quick_reply_item')
export class QuickReplyItemEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id: string;

  @Column({ type: 'varchar', length: 64 })
  corpId: string;

  @Column({ type: 'bigint', unsigned: true })
  folderId: string;

  @Column({ type: 'varchar', length: 16 })
  kind: QuickReplyKind;

  @Column({ type: 'varchar', length: 128 })
  title: string;

  /** text: the message. */
  @Column({ type: 'text', nullable: true })
  content: string | null;

  /** image: the picture; a media asset (素材). */
  @Column({ type: 'bigint', unsigned: true, nullable: true })
  assetId: string | null;

  /** link: where it goes. */
  @Column({ type: 'varchar', length: 2048, nullable: true })
  url: string | null;

  /** link: the card's description. */
  @Column({ type: 'varchar', length: 512, nullable: true })
  description: string | null;

  /** link and mini program: the card's cover image (an http(s) URL). */
  @Column({ type: 'varchar', length: 2048, nullable: true })
  coverUrl: string | null;

  /** mini program: the appid (the corp's configured one). */
  @Column({ type: 'varchar', length: 32, nullable: true })
  appId: string | null;

  /** mini program: the page (ends in .html). */
  @Column({ type: 'varchar', length: 255, nullable: true })
  page: string | null;

  @Column({ type: 'int', default: 0 })
  sortOrder: number;

  @Column({ type: 'int', unsigned: true, default: 0 })
  useCount: number;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  lastUsedAt: Date | null;

  @CreateDateColumn({ type: 'datetime', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'datetime', precision: 3 })
  updatedAt: Date;
}

/** The corp's quick-reply settings: the mini-program appid cards may carry (none: no cards). */
@Entity('quick_reply_setting')
export class QuickReplySettingEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  corpId: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  miniprogramAppId: string | null;

  @UpdateDateColumn({ type: 'datetime', precision: 3 })
  updatedAt: Date;
}
