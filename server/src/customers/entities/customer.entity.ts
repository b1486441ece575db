import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

/** An external contact (外部联系人) of the corp. */
@Entity('customer')
export class CustomerEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id: string;

  @Column({ type: 'varchar', length: 64 })
  corpId: string;

  @Column({ type: 'varchar', length: 64 })
  externalUserId: string;

  @Column({ type: 'varchar', length: 128, default: '' })
  name: string;

  @Column({ type: 'varchar', length: 512, default: '' })
  avatar: string;

  /** 1 WeChat user, 2 WeCom user. */
  @Column({ type: 'tinyint', unsigned: true, default: 1 })
  type: number;

  @Column({ type: 'tinyint', unsigned: true, default: 0 })
  gender: number;

  @Column({ type: 'varchar', length: 64, nullable: true })
  unionId: string | null;

  @Column({ type: 'varchar', length: 128, nullable: true })
  corpName: string | null;

  @Column({ type: 'varchar', length: 256, nullable: true })
  corpFullName: string | null;

  @Column({ type: 'varchar', length: 128, nullable: true })
  position: string | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  firstAddedAt: Date | null;

  /** Last time the details were read from WeCom. */
  @Column({ type: 'datetime', precision: 3, nullable: true })
  syncedAt: Date | null;

  @CreateDateColumn({ type: 'datetime', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'datetime', precision: 3 })
  updatedAt: Date;
}
