import type { QuickReplyFolderEntity, QuickReplyItemEntity } from './entities/quick-reply.entity';

/** WeCom's limits on what sendChatMessage carries (UTF-8 bytes, as WeCom counts them). */
export const QUICK_REPLY_LIMITS = {
  /** text.content: 4000 bytes, as for every customer-contact text message. */
  textBytes: 4000,
  /** news.title / miniprogram.title. */
  linkTitleBytes: 128,
  miniprogramTitleBytes: 64,
  /** news.desc. */
  descBytes: 512,
  urlBytes: 2048,
  /** Items in a folder, folders of a corp. */
  itemsPerFolder: 500,
  folders: 200,
} as const;

export interface Department {
  id: number;
  parentId: number;
}

/**
 * The departments whose folders a member of `memberDepartments` sees: theirs and every ancestor
 * (a folder for a department is for its sub-departments too).
 */
export function departmentsWithAncestors(
  tree: readonly Department[],
  memberDepartments: readonly number[],
): Set<number> {
  const parent = new Map(tree.map((d) => [d.id, d.parentId]));
  const out = new Set<number>();
  for (const start of memberDepartments) {
    let id: number | undefined = start;
    while (id !== undefined && id !== 0 && !out.has(id)) {
      out.add(id);
      id = parent.get(id);
    }
  }
  return out;
}

/** Whether a guide (userId, departments with ancestors) may see the folder. */
export function folderVisibleTo(
  folder: Pick<QuickReplyFolderEntity, 'visibleToAll' | 'departmentIds' | 'userIds'>,
  userId: string,
  departments: ReadonlySet<number>,
): boolean {
  if (folder.visibleToAll) return true;
  if (folder.userIds.includes(userId)) return true;
  return folder.departmentIds.some((d) => departments.has(d));
}

/** What ww.sendChatMessage takes (DW 98539): the shapes quick replies produce. */
export type SendChatMessagePayload =
  | { msgtype: 'text'; text: { content: string } }
  | { msgtype: 'image'; image: { mediaid: string } }
  | { msgtype: 'news'; news: { link: string; title: string; desc: string; imgUrl: string } }
  | {
      msgtype: 'miniprogram';
      miniprogram: { appid: string; title: string; imgUrl: string; page: string };
    };

/** The sendChatMessage payload of an item; an image's fresh media_id is passed in. */
export function chatPayload(
  item: Pick<
    QuickReplyItemEntity,
    'kind' | 'title' | 'content' | 'url' | 'description' | 'coverUrl' | 'appId' | 'page'
  >,
  mediaId?: string,
): SendChatMessagePayload {
  switch (item.kind) {
    case 'text':
      return { msgtype: 'text', text: { content: item.content ?? '' } };
    case 'image':
      if (!mediaId) throw new Error('an image quick reply needs its media_id');
      return { msgtype: 'image', image: { mediaid: mediaId } };
    case 'link':
      return {
        msgtype: 'news',
        news: {
          link: item.url ?? '',
          title: item.title,
          desc: item.description ?? '',
          imgUrl: item.coverUrl ?? '',
        },
      };
    case 'miniprogram':
      return {
        msgtype: 'miniprogram',
        miniprogram: {
          appid: item.appId ?? '',
          title: item.title,
          imgUrl: item.coverUrl ?? '',
          page: item.page ?? '',
        },
      };
  }
}

/** The words of an item a search looks in: its title and its text (or a link's description). */
export function searchableText(
  item: Pick<QuickReplyItemEntity, 'title' | 'content' | 'description'>,
): string {
  return [item.title, item.content ?? '', item.description ?? ''].join('\n').toLowerCase();
}

/** Whether an item matches a search anywhere in its title or text (not only at the start). */
export function matchesSearch(
  item: Pick<QuickReplyItemEntity, 'title' | 'content' | 'description'>,
  query: string,
): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const text = searchableText(item);
  return words.every((w) => text.includes(w));
}
