/**
 * What a failed setup check or sync means, in a plain Chinese sentence (and English) that says
 * where in WeCom's admin console (管理后台) to fix it. The paths are those of WeCom's admin
 * console today: 我的企业, 应用管理 → 自建应用, 客户与上下游 → 客户联系, 管理工具 → 通讯录同步.
 */
export interface Sentence {
  zh: string;
  en: string;
  /** Where to fix it in WeCom's admin console, e.g. 应用管理 → 自建应用 → 企业可信IP. */
  fixAt: string | null;
}

export type SecretKind = 'agentSecret' | 'contactSecret' | 'addressBookSecret';

const SECRET_NAMES: Record<SecretKind, { zh: string; en: string; fixAt: string }> = {
  agentSecret: {
    zh: '自建应用的 Secret',
    en: "The self-built app's Secret",
    fixAt: '应用管理 → 自建应用 → 本应用 → Secret（查看）',
  },
  contactSecret: {
    zh: '客户联系 Secret',
    en: 'The customer-contact (客户联系) Secret',
    fixAt: '客户与上下游 → 客户联系 → API → Secret（查看）',
  },
  addressBookSecret: {
    zh: '通讯录同步 Secret',
    en: 'The address-book (通讯录同步) Secret',
    fixAt: '管理工具 → 通讯录同步 → Secret（查看）',
  },
};

const s = (zh: string, en: string, fixAt: string | null = null): Sentence => ({ zh, en, fixAt });

/** The server's egress IP as WeCom saw it: its errmsg ends with `from ip: x.x.x.x, more info…`. */
export function egressIpFrom(errmsg: string | undefined): string | null {
  const m = /from ip:\s*([0-9a-fA-F.:]+)/.exec(errmsg ?? '');
  return m ? m[1] : null;
}

export const sentences = {
  corpIdOk: () => s('CorpID 正确。', 'The CorpID is right.'),
  corpIdWrong: () =>
    s(
      'CorpID 不正确（40013）：请在企业微信管理后台「我的企业 → 企业信息」页面底部复制「企业ID」。',
      "The CorpID is wrong (40013): copy the 企业ID at the bottom of My Company → Company Info (我的企业 → 企业信息) in WeCom's admin console.",
      '我的企业 → 企业信息 → 企业ID',
    ),
  secretOk: (kind: SecretKind) =>
    s(`${SECRET_NAMES[kind].zh}正确。`, `${SECRET_NAMES[kind].en} is right.`),
  secretWrong: (kind: SecretKind) =>
    s(
      `${SECRET_NAMES[kind].zh}不正确（40001）：请到「${SECRET_NAMES[kind].fixAt}」重新复制；在那里重置过 Secret 的话，旧的就失效了。`,
      `${SECRET_NAMES[kind].en} was refused (40001): copy it again at ${SECRET_NAMES[kind].fixAt}; a Secret reset there makes the old one invalid.`,
      SECRET_NAMES[kind].fixAt,
    ),
  someSecretWrong: () =>
    s(
      '企业微信拒绝了本企业的一个 Secret（40001）：请在「设置 → 企业微信凭据」点「检查」，看是哪一个，再到企业微信管理后台重新复制。',
      "WeCom refused one of the corp's Secrets (40001): run the check in Settings → WeCom credentials to see which, and copy it again from WeCom's admin console.",
    ),
  secretNotSet: (kind: SecretKind) =>
    s(
      `未填写${SECRET_NAMES[kind].zh}，将使用自建应用的 Secret。`,
      `${SECRET_NAMES[kind].en} is not set: the app's Secret is used instead.`,
    ),
  skippedAfterCorpId: () => s('CorpID 不正确，无法检查。', 'Not checked: the CorpID is wrong.'),
  skippedAfterAgentSecret: () =>
    s('自建应用的 Secret 不正确，无法检查。', "Not checked: the app's Secret is wrong."),
  skippedAfterTrustedIp: () =>
    s('企业可信IP 未通过，无法检查。', "Not checked: this server's IP is not trusted."),
  trustedIpOk: () =>
    s('本服务器的 IP 在企业可信IP 中。', "This server's IP is among the app's trusted IPs."),
  trustedIpRefused: (ip: string | null) =>
    s(
      `企业微信拒绝了来自本服务器 IP ${ip ?? '（未知）'} 的调用（60020）：请到「应用管理 → 自建应用 → 本应用 → 企业可信IP」添加 ${ip ?? '本服务器的出口 IP'}。`,
      `WeCom refused calls from this server's IP ${ip ?? '(unknown)'} (60020): add ${ip ?? "the server's egress IP"} under App Management → Self-built app → Trusted IPs (企业可信IP).`,
      '应用管理 → 自建应用 → 本应用 → 企业可信IP',
    ),
  customerContactOk: (n: number) =>
    s(
      `应用可以使用客户联系：可见范围内有 ${n} 位成员开通了客户联系。`,
      `The app can use customer contact: ${n} members in its visible range have customer-contact permission.`,
    ),
  customerContactForbidden: () =>
    s(
      '自建应用没有客户联系的接口权限（48002）：请到「客户与上下游 → 客户联系 → API → 可调用接口的应用」中加入本应用。',
      'The app may not call the customer-contact APIs (48002): add it under Customer Contact → API → Apps that can call the API (客户与上下游 → 客户联系 → API → 可调用接口的应用).',
      '客户与上下游 → 客户联系 → API → 可调用接口的应用',
    ),
  customerContactEmpty: () =>
    s(
      '应用可见范围内没有开通客户联系的成员：请在「应用管理 → 自建应用 → 本应用 → 可见范围」加入负责客户的员工，并在「客户与上下游 → 客户联系 → 权限配置」为他们开通客户联系。在此之前不会同步到任何客户。',
      "No member in the app's visible range has customer-contact permission: add the staff who serve customers to App Management → Self-built app → Visible range (可见范围), and give them customer contact under Customer Contact → Permissions (权限配置). Until then no customer is synced.",
      '应用管理 → 自建应用 → 本应用 → 可见范围',
    ),
  callbackWaiting: () =>
    s(
      '还没有收到企业微信的回调 URL 验证：请到「应用管理 → 自建应用 → 本应用 → 接收消息 → 设置API接收」填入下面的 URL、Token 和 EncodingAESKey 并保存，企业微信会在保存时发来验证请求。',
      'WeCom has not verified the callback URL yet: enter the URL, Token and EncodingAESKey below under App Management → Self-built app → Receive messages → Set API receiving (接收消息 → 设置API接收) and save; WeCom sends its verification when you save.',
      '应用管理 → 自建应用 → 本应用 → 接收消息 → 设置API接收',
    ),
  callbackVerified: (at: string) =>
    s(`企业微信已验证回调 URL（${at}）。`, `WeCom verified the callback URL (${at}).`),
  unreachable: (reason: string) =>
    s(
      `无法连接企业微信（${reason}）：请检查本服务器能否访问企业微信的 API 地址（WECOM_BASE_URL）。`,
      `WeCom could not be reached (${reason}): check that this server can reach WeCom's API (WECOM_BASE_URL).`,
    ),
  otherError: (errcode: number, errmsg: string) =>
    s(
      `企业微信返回错误 ${errcode}：${shortErr(errmsg)}。`,
      `WeCom answered errcode ${errcode}: ${shortErr(errmsg)}.`,
    ),
};

function shortErr(errmsg: string): string {
  const cut = errmsg.search(/,\s*hint:/);
  return (cut >= 0 ? errmsg.slice(0, cut) : errmsg).slice(0, 200);
}

/** A sync that failed, said as a sentence: the WeCom errcode in its message decides which. */
export function syncErrorSentence(message: string | null): Sentence | null {
  if (!message) return null;
  const errcode = Number(/errcode (-?\d+)/.exec(message)?.[1] ?? NaN);
  switch (errcode) {
    case 40013:
      return sentences.corpIdWrong();
    case 40001:
      return sentences.someSecretWrong();
    case 60020:
      return sentences.trustedIpRefused(egressIpFrom(message));
    case 48002:
      return sentences.customerContactForbidden();
  }
  if (/could not be reached/.test(message))
    return sentences.unreachable(/reached: (.*)$/.exec(message)?.[1] ?? 'network error');
  return s(
    `同步失败：${message.slice(0, 300)}。可在「设置 → 同步」重新开始，已完成的部分不会重复。`,
    `The sync failed: ${message.slice(0, 300)}. Start it again in Settings → Sync; finished work is not repeated.`,
  );
}
