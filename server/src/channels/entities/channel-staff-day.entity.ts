import { Column, Entity, PrimaryColumn } from 'typeorm';

/** How many customers a channel gave a staff member on a day (caps, round robin, weights). */
@Entity('channel_staff_day')
export class ChannelStaffDayEntity {
  @Column({ type: 'varchar', length: 64 })
  corpId: string;

  @PrimaryColumn({ type: 'bigint', unsigned: true })
  channelId: string;

  @PrimaryColumn({ type: 'date' })
  day: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  userId: string;

  @Column({ type: 'int', unsigned: true, default: 0 })
  adds: number;
}
