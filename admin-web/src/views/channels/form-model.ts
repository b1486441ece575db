import type { ChannelsApi } from '#/api/channels';
import type { StaffApi } from '#/api/staff';

export const NAME_MAX = 64;
export const STAFF_MAX = 100;
export const WELCOME_MAX = 1300;
export const ATTACHMENTS_MAX = 9;

/** Placeholders of the welcome text and remark template, as the server fills them. */
export const TEMPLATE_VARS = {
  nameVar: '{{name}}',
  fallbackVar: '{{name|朋友}}',
  staffVar: '{{staff}}',
} as const;

export interface StaffRow {
  userId: string;
  weight: number;
  dailyCap: number | null;
  backup: boolean;
  hours: ChannelsApi.WorkingHours | null;
}

export interface ChannelForm {
  name: string;
  folder: string;
  type: ChannelsApi.Type;
  strategy: ChannelsApi.Strategy;
  skipVerify: boolean;
  staff: StaffRow[];
  departmentIds: number[];
  tagIds: string[];
  remarkTemplate: string;
  /** ISO instant, or null for no end. */
  expiresAt: string | null;
  welcomeText: string;
  attachments: ChannelsApi.Attachment[];
}

export function emptyForm(): ChannelForm {
  return {
    name: '',
    folder: '',
    type: 'multi',
    strategy: 'round_robin',
    skipVerify: true,
    staff: [],
    departmentIds: [],
    tagIds: [],
    remarkTemplate: '',
    expiresAt: null,
    welcomeText: '',
    attachments: [],
  };
}

export function staffRow(userId: string): StaffRow {
  return { userId, weight: 1, dailyCap: null, backup: false, hours: null };
}

export function fromChannel(channel: ChannelsApi.Channel): ChannelForm {
  return {
    name: channel.name,
    folder: channel.folder ?? '',
    type: channel.type,
    strategy: channel.strategy,
    skipVerify: channel.skipVerify,
    staff: channel.staff.map((s) => ({
      userId: s.userId,
      weight: s.weight ?? 1,
      dailyCap: s.dailyCap ?? null,
      backup: s.backup ?? false,
      hours: s.hours ?? null,
    })),
    departmentIds: [...(channel.departmentIds ?? [])],
    tagIds: [...(channel.tagIds ?? [])],
    remarkTemplate: channel.remarkTemplate ?? '',
    expiresAt: channel.expiresAt,
    welcomeText: channel.welcome?.text ?? '',
    attachments: (channel.welcome?.attachments ?? []).map((a) => ({ ...a })),
  };
}

export type AttachmentType = ChannelsApi.Attachment['type'];

/** The welcome message's attachment kinds, in the order of their add buttons. */
export const ATTACHMENT_TYPES: readonly AttachmentType[] = ['image', 'link', 'miniprogram'];

/** Each kind's label (the add button and the tag on the attachment). */
export const ATTACHMENT_LABEL: Record<AttachmentType, string> = {
  image: 'channelForm.addImage',
  link: 'channelForm.addLink',
  miniprogram: 'channelForm.addMiniprogram',
};

/** Each kind's inputs: the attachment's field and its placeholder (an i18n key). */
export const ATTACHMENT_FIELDS: Record<
  AttachmentType,
  ReadonlyArray<{ key: string; placeholder: string }>
> = {
  image: [{ key: 'picUrl', placeholder: 'channelForm.attachmentUrl' }],
  link: [
    { key: 'title', placeholder: 'channelForm.attachmentTitle' },
    { key: 'url', placeholder: 'channelForm.attachmentLink' },
    { key: 'desc', placeholder: 'channelForm.attachmentDesc' },
  ],
  miniprogram: [
    { key: 'title', placeholder: 'channelForm.attachmentTitle' },
    { key: 'appId', placeholder: 'channelForm.attachmentAppId' },
    { key: 'page', placeholder: 'channelForm.attachmentPage' },
    { key: 'picMediaId', placeholder: 'channelForm.attachmentMedia' },
  ],
};

/** One input of an attachment, read and written by its field's name. */
export const attachmentField = (attachment: ChannelsApi.Attachment) =>
  attachment as unknown as Record<string, string | undefined>;

/** Drops an attachment's empty fields (the server validates URLs strictly). */
function cleanAttachment(attachment: ChannelsApi.Attachment): ChannelsApi.Attachment {
  return Object.fromEntries(
    Object.entries(attachment).filter(([, value]) => value !== '' && value !== undefined),
  ) as unknown as ChannelsApi.Attachment;
}

/** The API body (create adds `corpId`; edit leaves `type` out). */
export function toInput(form: ChannelForm, timezone: string): ChannelsApi.Input {
  const hasWelcome = form.welcomeText.trim() !== '' || form.attachments.length > 0;
  return {
    name: form.name.trim(),
    folder: form.folder.trim(),
    type: form.type,
    strategy: form.strategy,
    skipVerify: form.skipVerify,
    staff: form.staff.map((s) => ({
      userId: s.userId,
      weight: s.weight,
      dailyCap: s.dailyCap,
      backup: s.backup,
      hours: s.hours,
    })),
    departmentIds: form.departmentIds,
    timezone,
    tagIds: form.tagIds,
    welcome: hasWelcome
      ? { text: form.welcomeText, attachments: form.attachments.map(cleanAttachment) }
      : null,
    remarkTemplate: form.remarkTemplate.trim() || null,
    expiresAt: form.expiresAt,
  };
}

/**
 * The welcome text as the customer receives it: `{{name}}` the customer's name,
 * `{{name|朋友}}` with a fallback, `{{staff}}` the staff member's name (as the server does).
 */
export function renderTemplate(text: string, vars: { name: string; staff: string }): string {
  return text.replace(
    /\{\{\s*(name|staff)\s*(?:\|([^}]*))?\}\}/g,
    (_m, key: 'name' | 'staff', fallback?: string) => vars[key] || fallback?.trim() || '',
  );
}

export type Precheck = 'ok' | 'noContact' | 'departed' | 'disabled' | 'unknown';

/**
 * What WeCom would say about a staff member on a contact way, from the synced directory (the
 * server checks the same before saving and answers per staff member when it refuses).
 */
export function precheckStaff(staff: StaffApi.Staff | undefined): Precheck {
  if (!staff) return 'unknown';
  if (staff.departedAt || staff.wecomStatus === 5) return 'departed';
  if (staff.wecomStatus !== 1) return 'disabled';
  if (!staff.customerContact) return 'noContact';
  return 'ok';
}

type Translate = (key: string, params?: Record<string, unknown>) => string;

/** Field path → message, in the console's language; empty when the form can be sent. */
export function validateChannelForm(
  form: ChannelForm,
  t: Translate,
  now: Date = new Date(),
): Record<string, string> {
  const errors: Record<string, string> = {};
  const name = form.name.trim();
  if (!name) errors.name = t('channelForm.nameRequired');
  else if (name.length > NAME_MAX) errors.name = t('channelForm.nameTooLong', { max: NAME_MAX });

  if (form.staff.length === 0 && form.departmentIds.length === 0) {
    errors.staff = t('channelForm.staffRequired');
  } else if (form.staff.length > STAFF_MAX) {
    errors.staff = t('channelForm.tooManyStaff', { max: STAFF_MAX });
  }
  form.staff.forEach((row) => {
    const windows = row.hours?.windows ?? [];
    if (windows.some((w) => w.days.length === 0 || !w.start || !w.end)) {
      errors[`staff.${row.userId}`] = t('channelForm.windowInvalid');
    }
  });

  if (form.expiresAt && new Date(form.expiresAt).getTime() <= now.getTime()) {
    errors.expiresAt = t('channelForm.expiresPast');
  }
  if (form.welcomeText.length > WELCOME_MAX) {
    errors.welcomeText = t('channelForm.welcomeTooLong', { max: WELCOME_MAX });
  }
  if (form.attachments.length > ATTACHMENTS_MAX) {
    errors.attachments = t('channelForm.tooManyAttachments', { max: ATTACHMENTS_MAX });
  }
  form.attachments.forEach((a, i) => {
    const complete =
      a.type === 'image'
        ? !!(a.picUrl || a.mediaId)
        : a.type === 'link'
          ? !!(a.title && a.url)
          : !!(a.title && a.appId && a.page && a.picMediaId);
    if (!complete) errors[`attachments.${i}`] = t('channelForm.attachmentInvalid', { n: i + 1 });
  });
  return errors;
}

/** WeCom's errcode in a server message ("… (errcode 84074)"), if any. */
export function errcodeOf(message: string): number | null {
  const match = message.match(/errcode (\d+)/);
  return match ? Number(match[1]) : null;
}
