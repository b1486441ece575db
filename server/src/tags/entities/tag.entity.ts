import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A corp tag (企业客户标签). */
@Entity('tag')
export class TagEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  corpId: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  tagId: string;

  @Column({ type: 'varchar', length: 64 })
  groupId: string;

  @Column({ type: 'varchar', length: 64 })
  name: string;

  @Column({ type: 'int', unsigned: true, default: 0 })
  sortOrder: number;

  @Column({ type: 'int', unsigned: true, default: 0 })
  createTime: number;

  /** Created by the SCRM through add_corp_tag: WeCom lets the app edit only these (81011). */
  @Column({ type: 'boolean', default: false })
  createdByApp: boolean;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  deletedAt: Date | null;

  @UpdateDateColumn({ type: 'datetime', precision: 3 })
  updatedAt: Date;
}
