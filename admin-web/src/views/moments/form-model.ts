import type { MomentsApi } from '#/api/moments';

export type AttachmentKind = 'none' | 'image' | 'video' | 'link';

/** An uploaded asset in the composer; `previewUrl` is the local file's object URL when known. */
export interface UploadedAsset {
  assetId: string;
  name: string;
  previewUrl?: string;
}

export interface MomentForm {
  title: string;
  text: string;
  kind: AttachmentKind;
  images: UploadedAsset[];
  video: UploadedAsset | null;
  link: { title: string; url: string; cover: UploadedAsset | null };
  userIds: string[];
  departmentIds: number[];
  tagIds: string[];
  schedule: 'now' | 'later';
  scheduledAt: Date | null;
}

export const TEXT_MAX_CHARS = 2000;
export const MAX_IMAGES = 9;

export function emptyMomentForm(): MomentForm {
  return {
    title: '',
    text: '',
    kind: 'none',
    images: [],
    video: null,
    link: { title: '', url: '', cover: null },
    userIds: [],
    departmentIds: [],
    tagIds: [],
    schedule: 'now',
    scheduledAt: null,
  };
}

/** Characters as WeCom counts them (an emoji is one). */
export function charCount(text: string): number {
  return [...text].length;
}

type Translate = (key: string) => string;

/** The composer's checks (the server checks them again): field → message. */
export function validateMomentForm(
  form: MomentForm,
  t: Translate,
  now: Date = new Date(),
): Record<string, string> {
  const errors: Record<string, string> = {};
  const e = (key: string) => t(`moments.form.errors.${key}`);
  if (charCount(form.text) > TEXT_MAX_CHARS) errors.text = e('textTooLong');
  const attachments = toAttachments(form);
  if (!form.text.trim() && attachments.length === 0) errors.text = e('empty');
  if (form.kind === 'image' && form.images.length > MAX_IMAGES)
    errors.attachments = e('tooManyImages');
  if (form.kind === 'video' && !form.video) errors.attachments = e('noVideo');
  if (form.kind === 'link') {
    const bytes = new TextEncoder().encode(form.link.title.trim()).length;
    if (!form.link.title.trim() || bytes > 64) errors['link.title'] = e('linkTitle');
    if (!/^https?:\/\/\S+$/i.test(form.link.url.trim())) errors['link.url'] = e('linkUrl');
    if (!form.link.cover) errors['link.cover'] = e('linkCover');
  }
  if (
    form.schedule === 'later' &&
    (!form.scheduledAt || form.scheduledAt.getTime() <= now.getTime())
  )
    errors.scheduledAt = e('scheduledAt');
  return errors;
}

/** The attachments of the chosen kind only: the other kinds' uploads are never sent. */
export function toAttachments(form: MomentForm): MomentsApi.Attachment[] {
  switch (form.kind) {
    case 'image':
      return form.images.map((i) => ({ type: 'image', assetId: i.assetId }));
    case 'video':
      return form.video ? [{ type: 'video', assetId: form.video.assetId }] : [];
    case 'link':
      return form.link.cover
        ? [
            {
              type: 'link',
              assetId: form.link.cover.assetId,
              title: form.link.title.trim(),
              url: form.link.url.trim(),
            },
          ]
        : [];
    default:
      return [];
  }
}

export function toInput(form: MomentForm): Omit<MomentsApi.Input, 'corpId'> {
  return {
    ...(form.title.trim() ? { title: form.title.trim() } : {}),
    text: form.text,
    attachments: toAttachments(form),
    visible: { userIds: form.userIds, departmentIds: form.departmentIds, tagIds: form.tagIds },
    scheduledAt:
      form.schedule === 'later' && form.scheduledAt ? form.scheduledAt.toISOString() : null,
  };
}

export function fromMoment(m: MomentsApi.Moment): MomentForm {
  const form = emptyMomentForm();
  form.title = m.title;
  form.text = m.text ?? '';
  const first = m.attachments[0];
  form.kind = first ? first.type : 'none';
  const asset = (a: MomentsApi.Attachment): UploadedAsset => ({
    assetId: a.assetId,
    name: a.assetId,
  });
  if (form.kind === 'image') form.images = m.attachments.map(asset);
  if (form.kind === 'video' && first) form.video = asset(first);
  if (form.kind === 'link' && first)
    form.link = { title: first.title ?? '', url: first.url ?? '', cover: asset(first) };
  form.userIds = [...m.visible.userIds];
  form.departmentIds = [...m.visible.departmentIds];
  form.tagIds = [...m.visible.tagIds];
  form.schedule = 'later';
  form.scheduledAt = new Date(m.scheduledAt);
  return form;
}

/** Server field errors (`visible.tagIds`, `attachments`…) as one message per field. */
export function fieldErrors(errors: Record<string, string[]>): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, v.join(' ')]));
}

/** The element-plus tag type of a moment state. */
export function stateTagType(
  state: MomentsApi.State,
): 'info' | 'warning' | 'success' | 'danger' | 'primary' {
  switch (state) {
    case 'scheduled':
      return 'primary';
    case 'creating':
    case 'submitted':
      return 'warning';
    case 'created':
      return 'success';
    case 'failed':
      return 'danger';
    default:
      return 'info';
  }
}
