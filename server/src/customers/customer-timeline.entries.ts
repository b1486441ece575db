/**
 * The kinds of customer timeline entries and the shape of each kind's detail: the one list every
 * module appends through (CustomerTimelineService.append). A new kind is added here first.
 */

export enum TimelineKind {
  // the customers mirror (change_external_contact, full sync)
  Added = 'added',
  DeletedByStaff = 'deleted_by_staff',
  DeletedByCustomer = 'deleted_by_customer',
  TransferredOut = 'transferred_out',
  TransferFailed = 'transfer_failed',
  RemarkChanged = 'remark_changed',
  TagAdded = 'tag_added',
  TagRemoved = 'tag_removed',
  // channels
  ChannelAdded = 'channel_added',
  ChannelTagsFailed = 'channel_tags_failed',
  WelcomeSent = 'welcome_sent',
  WelcomeSkipped = 'welcome_skipped',
  // transfers (离职/在职继承)
  HandedOver = 'handed_over',
  // groups
  GroupJoined = 'group_joined',
  GroupLeft = 'group_left',
  // follow-ups (the sidebar's notes and 跟进记录)
  FollowUpAdded = 'follow_up_added',
}

interface ChannelRef {
  channelId: string;
  channelName: string;
}

export interface TimelineDetails {
  [TimelineKind.Added]: {
    state: string | null;
    addWay: number | null;
    operUserId: string | null;
    half?: boolean;
    discoveredBy?: 'sync';
  };
  [TimelineKind.DeletedByStaff]: { source: string } | null;
  [TimelineKind.DeletedByCustomer]: { source: string } | null;
  [TimelineKind.TransferredOut]: { source: string } | null;
  [TimelineKind.TransferFailed]: { takeoverUserId: string; failReason: string | null };
  [TimelineKind.RemarkChanged]: {
    from: { remark: string; description: string };
    to: { remark: string; description: string };
  };
  [TimelineKind.TagAdded]: { tagIds: string[]; source?: string; actor?: string | null };
  [TimelineKind.TagRemoved]: { tagIds: string[]; source?: string; actor?: string | null };
  [TimelineKind.ChannelAdded]: ChannelRef & { tagIds: string[]; remark?: string | null };
  [TimelineKind.ChannelTagsFailed]: {
    channelId: string;
    tagIds: string[];
    errcode: number;
    message: string;
  };
  [TimelineKind.WelcomeSent]: ChannelRef & {
    text: string | null;
    attachments: string[];
    latencyMs: number;
  };
  [TimelineKind.WelcomeSkipped]: ChannelRef & {
    reason: string;
    sentence: string;
    errcode: number | null;
  };
  [TimelineKind.HandedOver]: {
    transferId: string;
    kind: 'resigned' | 'onjob';
    fromUserId: string;
    fromName: string;
    toUserId: string;
    toName: string;
    /** "X 交接给 Y". */
    text: string;
  };
  [TimelineKind.GroupJoined]: { chatId: string; chatName: string; joinScene?: number };
  [TimelineKind.GroupLeft]: { chatId: string; chatName: string; quitScene?: number };
  [TimelineKind.FollowUpAdded]: {
    followUpId: string;
    kind: 'note' | 'follow_up';
    /** The first 200 characters. */
    content: string;
    nextFollowUpAt: string | null;
  };
}

/** One entry to append; `dedupeKey` makes a replay write nothing (unique per corp). */
export type TimelineEntry<K extends TimelineKind = TimelineKind> = K extends TimelineKind
  ? {
      kind: K;
      externalUserId: string;
      /** The staff member of the relation, when the entry is about one. */
      userId: string | null;
      detail: TimelineDetails[K];
      occurredAt: Date;
      dedupeKey: string;
    }
  : never;
