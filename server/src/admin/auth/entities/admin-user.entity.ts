import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Role } from '../role';

/** A person who signs in to the admin console. */
@Entity('admin_user')
export class AdminUserEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id: string;

  @Column({ type: 'varchar', length: 64, unique: true })
  username: string;

  @Column({ type: 'varchar', length: 128 })
  displayName: string;

  @Column({ type: 'varchar', length: 100 })
  passwordHash: string;

  @Column({ type: 'enum', enum: Role })
  role: Role;

  /**
   * Installation-wide: `role` holds in every corp (an agency's admins). Otherwise the user's
   * corps and their role in each are the rows of admin_user_corp, and `role` is the highest.
   */
  @Column({ type: 'boolean', default: false })
  installationWide: boolean;

  @Column({ type: 'boolean', default: false })
  disabled: boolean;

  /** In every session token; bumped to end them all (disable, access change, new password). */
  @Column({ type: 'int', unsigned: true, default: 0 })
  tokenVersion: number;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  lastLoginAt: Date | null;

  @CreateDateColumn({ type: 'datetime', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'datetime', precision: 3 })
  updatedAt: Date;
}
