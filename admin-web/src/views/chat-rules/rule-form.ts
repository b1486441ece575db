import type { ChatRulesApi } from '#/api/chat-rules';

type T = (key: string, params?: Record<string, unknown>) => string;

/** A new rule's form: customers' messages in every chat, whole words, all staff. */
export function emptyRule(): ChatRulesApi.Body {
  return {
    name: '',
    enabled: true,
    matchMode: 'any',
    keywords: [],
    exclusions: [],
    segmentation: true,
    customWords: [],
    senders: ['customer'],
    chatTypes: ['private', 'group'],
    departmentIds: null,
    tagIds: [],
  };
}

/** The form's content from a saved rule (the server's fields the body does not take left out). */
export function ruleBody(r: ChatRulesApi.Rule): ChatRulesApi.Body {
  return {
    name: r.name,
    enabled: r.enabled,
    matchMode: r.matchMode,
    keywords: [...r.keywords],
    exclusions: [...r.exclusions],
    segmentation: r.segmentation,
    customWords: [...r.customWords],
    senders: [...r.senders],
    chatTypes: [...r.chatTypes],
    departmentIds: r.departmentIds?.length ? [...r.departmentIds] : null,
    tagIds: [...r.tagIds],
  };
}

/** What the form must have before the server is asked (the server checks again). */
export function formProblems(b: ChatRulesApi.Body): Array<keyof ChatRulesApi.Body> {
  const out: Array<keyof ChatRulesApi.Body> = [];
  if (!b.name.trim()) out.push('name');
  if (!b.keywords.length) out.push('keywords');
  if (!b.senders.length) out.push('senders');
  if (!b.chatTypes.length) out.push('chatTypes');
  if (!b.tagIds.length) out.push('tagIds');
  return out;
}

/** 客户消息 · 单聊、群聊 · 全部员工 */
export function scopeText(
  r: Pick<ChatRulesApi.Rule, 'senders' | 'chatTypes' | 'departmentIds'>,
  t: T,
) {
  const senders = r.senders.map((s: string) => t(`chat.scope.${s}`)).join('、');
  const chats = r.chatTypes.map((c: string) => t(`chat.scope.${c}`)).join('、');
  const staff = r.departmentIds?.length
    ? t('chat.scope.departments', { n: r.departmentIds.length })
    : t('chat.scope.allStaff');
  return `${senders} · ${chats} · ${staff}`;
}
