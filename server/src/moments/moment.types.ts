/** Moments' own shapes (the SCRM's; WeCom's are in wecom/areas/moments.types.ts). */

/** An attachment as stored: a media asset (MediaService) turned into a media_id at send time. */
export type MomentAttachment =
  | { type: 'image'; assetId: string }
  | { type: 'video'; assetId: string }
  | { type: 'link'; title: string; url: string; assetId: string };

/** Who sees it: the customers of these members and departments, and/or with these corp tags. */
export interface MomentVisibility {
  userIds: string[];
  departmentIds: number[];
  tagIds: string[];
}

/** What WeCom's job result named as invalid. */
export interface MomentInvalid {
  userIds: string[];
  departmentIds: number[];
  tagIds: string[];
}

/** WeCom's limits for a moment (DW 95094 / 96351). */
export const MOMENT_LIMITS = {
  textChars: 2000,
  textBytes: 4000,
  images: 9,
  userList: 100_000,
} as const;

/**
 * The media port: a stored asset → a media_id from media/upload_attachment (attachment_type=1),
 * re-uploaded when older than 3 days. Provided by the media module (MediaService).
 */
export interface MomentMediaPort {
  ensureAttachmentId(corpId: string, assetId: string): Promise<string>;
}
export const MOMENT_MEDIA = Symbol('MOMENT_MEDIA');
