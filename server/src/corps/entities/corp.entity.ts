import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * A WeCom corp served by this installation (one brand; an agency serves several). Secrets are
 * stored sealed (see SecretBox) and never leave the server.
 */
/** What every page assumed before a corp had its own time zone, and a new corp's default. */
export const DEFAULT_CORP_TIME_ZONE = 'Asia/Shanghai';

@Entity('corp')
export class CorpEntity {
  /** WeCom CorpID, e.g. ww5f3a9c1e7b2d4068. Every business table carries it as corp_id. */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;

  @Column({ type: 'varchar', length: 128 })
  name: string;

  /** AgentId of the self-built app used for the sidebar, OAuth and JS-SDK. */
  @Column({ type: 'int' })
  agentId: number;

  /** IANA time zone the console and the sidebar show times in (and the dashboard's days). */
  @Column({ type: 'varchar', length: 64, default: DEFAULT_CORP_TIME_ZONE })
  timeZone: string;

  @Column({ type: 'text' })
  agentSecretSealed: string;

  /** 客户联系 secret; null when the agent secret has customer-contact permission. */
  @Column({ type: 'text', nullable: true })
  contactSecretSealed: string | null;

  /** 通讯录 secret; null when staff are read with the agent secret. */
  @Column({ type: 'text', nullable: true })
  addressBookSecretSealed: string | null;

  @Column({ type: 'text' })
  callbackTokenSealed: string;

  @Column({ type: 'text' })
  encodingAesKeySealed: string;

  /** When the server last answered WeCom's GET verification of the callback URL. */
  @Column({ type: 'datetime', precision: 3, nullable: true })
  callbackVerifiedAt: Date | null;

  @CreateDateColumn({ type: 'datetime', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'datetime', precision: 3 })
  updatedAt: Date;
}
