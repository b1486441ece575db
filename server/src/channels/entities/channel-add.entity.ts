import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

export enum WelcomeStatus {
  Pending = 'pending',
  Sent = 'sent',
  Skipped = 'skipped',
  Failed = 'failed',
}

/** Why no welcome message went out (stored in `welcome_reason`, shown on the timeline). */
export enum WelcomeSkipReason {
  /** The event carried no WelcomeCode (a personal/admin welcome is set, or they chatted before). */
  NoWelcomeCode = 'no_welcome_code',
  /** The channel has no welcome message. */
  NoWelcomeConfigured = 'no_welcome_configured',
  /** 41051: WeCom says a welcome already went out (or the customer already chatted). */
  AlreadySent = 'already_sent',
  /** 41050: the code is unknown or expired (WeCom's 20 s window passed). */
  CodeExpired = 'code_expired',
  /** We could not send within the window (kept failing until it closed). */
  WindowPassed = 'window_passed',
  /** WeCom refused the message for another reason (see welcome_errcode). */
  Refused = 'refused',
}

/** One add through a channel: the claim that makes welcome, tags and counters happen once. */
@Entity('channel_add')
export class ChannelAddEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id: string;

  @Column({ type: 'varchar', length: 64 })
  corpId: string;

  @Column({ type: 'bigint', unsigned: true })
  channelId: string;

  @Column({ type: 'varchar', length: 64 })
  userId: string;

  @Column({ type: 'varchar', length: 64 })
  externalUserId: string;

  @Column({ type: 'varchar', length: 128 })
  addKey: string;

  @Column({ type: 'varchar', length: 32 })
  changeType: string;

  @Column({ type: 'bigint', unsigned: true, nullable: true })
  eventId: string | null;

  @Column({ type: 'datetime', precision: 3 })
  eventTime: Date;

  @Column({ type: 'datetime', precision: 3 })
  receivedAt: Date;

  @Column({ type: 'enum', enum: WelcomeStatus, default: WelcomeStatus.Pending })
  welcomeStatus: WelcomeStatus;

  @Column({ type: 'varchar', length: 32, nullable: true })
  welcomeReason: string | null;

  @Column({ type: 'int', nullable: true })
  welcomeErrcode: number | null;

  @Column({ type: 'int', unsigned: true, nullable: true })
  welcomeLatencyMs: number | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  tagsMarkedAt: Date | null;

  /** mark_tag succeeded (false when WeCom refused it for good: nothing to mirror). */
  @Column({ type: 'boolean', default: false })
  tagsMarkedOk: boolean;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  remarkedAt: Date | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  attributedAt: Date | null;

  /** When the add was counted on its staff member's day (channel_staff_day): exactly once. */
  @Column({ type: 'datetime', precision: 3, nullable: true })
  countedAt: Date | null;

  @CreateDateColumn({ type: 'datetime', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'datetime', precision: 3 })
  updatedAt: Date;
}
