import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { AssignmentStrategy } from '../strategy/assignment';
import type { ChannelStaffMember, ChannelWelcome } from '../channel.types';

export enum ChannelType {
  /** WeCom type 1: one member at a time (the SCRM rotates it by the strategy). */
  Single = 'single',
  /** WeCom type 2: several members; WeCom picks one per scan among those listed. */
  Multi = 'multi',
}

export enum ChannelStatus {
  Active = 'active',
  /** Past `expiresAt`: the WeCom contact way was deleted, the QR code no longer works. */
  Expired = 'expired',
}

/** A channel QR code (渠道活码): a WeCom contact way (联系我) with a `state` naming the channel. */
@Entity('channel')
export class ChannelEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id: string;

  @Column({ type: 'varchar', length: 64 })
  corpId: string;

  @Column({ type: 'varchar', length: 64 })
  name: string;

  @Column({ type: 'varchar', length: 64, default: '' })
  folder: string;

  @Column({ type: 'enum', enum: ChannelType })
  type: ChannelType;

  @Column({ type: 'enum', enum: AssignmentStrategy, default: AssignmentStrategy.RoundRobin })
  strategy: AssignmentStrategy;

  @Column({ type: 'boolean', default: true })
  skipVerify: boolean;

  @Column({ type: 'json' })
  staff: ChannelStaffMember[];

  @Column({ type: 'json' })
  departmentIds: number[];

  /** Day boundary of daily caps and of stats. */
  @Column({ type: 'varchar', length: 64, default: 'Asia/Shanghai' })
  timezone: string;

  @Column({ type: 'json' })
  tagIds: string[];

  @Column({ type: 'json', nullable: true })
  welcome: ChannelWelcome | null;

  /** Remark set on each new customer, e.g. `抖音-{{name}}` (WeCom keeps ≤20 characters). */
  @Column({ type: 'varchar', length: 64, nullable: true })
  remarkTemplate: string | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  expiresAt: Date | null;

  /** ≤30 characters, unique per corp; WeCom echoes it in add_external_contact. */
  @Column({ type: 'varchar', length: 30 })
  state: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  configId: string | null;

  @Column({ type: 'varchar', length: 512, nullable: true })
  qrCode: string | null;

  @Column({ type: 'enum', enum: ChannelStatus, default: ChannelStatus.Active })
  status: ChannelStatus;

  /** The members on the WeCom contact way now (sorted). */
  @Column({ type: 'json', nullable: true })
  poolUserIds: string[] | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  poolMode: string | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  poolSyncedAt: Date | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  poolError: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'datetime', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'datetime', precision: 3 })
  updatedAt: Date;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  deletedAt: Date | null;
}
