// English of ./quick-replies.ts: its own module, so that the entry (Chinese) does not carry it;
// loaded with en.ts when English is chosen (locales/index.ts).
import type { quickRepliesZhCN } from './quick-replies';

export const quickRepliesEn: typeof quickRepliesZhCN = {
  title: 'Quick replies',
  intro:
    "Guides search and send these replies (texts, images, links, mini programs) from the 话术 tab of WeCom's chat sidebar. Each folder says who sees it: everyone, or chosen departments (with their sub-departments) and members.",
  folders: 'Folders',
  newFolder: 'New folder',
  editFolder: 'Edit folder',
  noFolders: 'No folders yet: create one first.',
  folderName: 'Folder name',
  visibility: 'Visible to',
  visibleToAll: 'Everyone',
  visibleScoped: 'Chosen departments and members',
  departments: 'Departments (with sub-departments)',
  staff: 'Members',
  pickStaff: 'Choose members',
  scopedSummary: '{departments} departments · {staff} members',
  deleteFolderConfirm:
    'Delete the folder “{name}” and its {n} replies? Guides will no longer be able to use them.',
  items: 'Replies',
  newItem: 'New reply',
  editItem: 'Edit reply',
  noItems: 'No replies in this folder yet.',
  selectFolder: 'Choose a folder on the left.',
  deleteItemConfirm: 'Delete the reply “{title}”?',
  moveUp: 'Up',
  moveDown: 'Down',
  columns: {
    kind: 'Kind',
    title: 'Title',
    preview: 'Content',
    useCount: 'Uses',
    lastUsedAt: 'Last used',
  },
  kinds: { text: 'Text', image: 'Image', link: 'Link', miniprogram: 'Mini program' },
  form: {
    kind: 'Kind',
    title: 'Title',
    titleHint:
      'The name guides see; a link card title is at most 128 bytes, a mini program title 64 (a Chinese character is 3 bytes)',
    content: 'Text',
    contentHint: 'At most 4000 bytes (a Chinese character is 3 bytes)',
    image: 'Image',
    uploadImage: 'Upload an image',
    uploading: 'Uploading…',
    imageHint:
      'JPG or PNG, up to 10 MB; uploaded to WeCom when sent (a temporary media lasts 3 days and is uploaded again when expired)',
    url: 'Link URL',
    description: 'Link description',
    coverUrl: 'Cover image URL',
    coverUrlHint: 'An http(s) image URL shown on the card',
    appId: 'Mini program appid',
    page: 'Mini program page',
    pageHint: 'Must end in .html, e.g. pages/index/index.html',
    noMiniprogram:
      'The corp has no mini program appid configured, so mini program replies cannot be added. An admin sets it under Mini program below.',
    folder: 'Folder',
  },
  settings: {
    title: 'Mini program',
    appId: 'Associated mini program appid',
    hint: 'The mini program associated with the corp in WeCom (wx followed by 16 characters). Empty: no mini program replies.',
    saved: 'Saved',
  },
  saved: 'Saved',
  deleted: 'Deleted',
  neverUsed: 'Never',
};
