import type { WorkingHours } from './strategy/working-hours';

/** One staff member of a channel's pool, as stored in `channel.staff`. */
export interface ChannelStaffMember {
  userId: string;
  /** Share under the weighted strategy (1..100, default 1). */
  weight?: number;
  /** Most customers from this channel per day (channel time zone); null/absent = no cap. */
  dailyCap?: number | null;
  /** null/absent = always on. */
  hours?: WorkingHours | null;
  /** Only receives customers when every primary member is capped or off hours. */
  backup?: boolean;
}

export type WelcomeAttachment =
  | { type: 'image'; mediaId?: string; picUrl?: string }
  | { type: 'link'; title: string; url: string; picUrl?: string; desc?: string }
  | { type: 'miniprogram'; title: string; appId: string; page: string; picMediaId: string };

/** The channel's welcome message: text (with `{{name}}`, `{{name|fallback}}`, `{{staff}}`) and attachments. */
export interface ChannelWelcome {
  text?: string;
  attachments?: WelcomeAttachment[];
}
