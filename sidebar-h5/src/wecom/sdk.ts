/**
 * Every call of WeCom's JS-SDK (`@wecom/jssdk`) goes through this file. The SDK is loaded here
 * lazily, after the demo's mock bridge (mock.ts) may have been installed: the SDK looks for
 * `window.WeixinJSBridge` when it loads.
 */
import type { SidebarApi } from '#/api/sidebar';

type WW = typeof import('@wecom/jssdk');
let sdk: Promise<WW> | null = null;
const loadSdk = (): Promise<WW> => (sdk ??= import('@wecom/jssdk'));

/** The APIs the sidebar uses (jsApiList of agentConfig). */
export const JS_API_LIST = [
  'getContext',
  'getCurExternalContact',
  'getCurExternalChat',
  'sendChatMessage',
] as const;

export interface Signer {
  (url: string): Promise<SidebarApi.Signature>;
}

/** A failure of a WeCom call, with WeCom's errMsg. */
export class WecomSdkError extends Error {
  constructor(
    readonly step: 'register' | 'context' | 'contact' | 'chat' | 'send',
    message: string,
  ) {
    super(message);
  }
}

function errMsgOf(error: unknown): string {
  if (error && typeof error === 'object' && 'errMsg' in error) return String(error.errMsg);
  return error instanceof Error ? error.message : String(error);
}

/**
 * `ww.register` with both signers (the corp's jsapi_ticket and the app's agent_config ticket,
 * signed by the server), then waits for agentConfig (应用身份, needed by getCurExternalContact).
 */
export async function registerSdk(options: {
  corpId: string;
  agentId: number;
  getConfigSignature: Signer;
  getAgentConfigSignature: Signer;
}): Promise<void> {
  const ww = await loadSdk();
  // ww.register starts config/agentConfig itself when it is given a signer, and drops that
  // promise: a failing signature would surface as an unhandled rejection next to the one we
  // report. So it is registered without signers, which are then put on the same options object
  // (the SDK keeps it by reference and reads the signers when a config task starts), and the
  // one agentConfig run is the one awaited below.
  const registration: Parameters<WW['register']>[0] = {
    corpId: options.corpId,
    agentId: options.agentId,
    jsApiList: [...JS_API_LIST],
  };
  ww.register(registration);
  registration.getConfigSignature = options.getConfigSignature;
  registration.getAgentConfigSignature = options.getAgentConfigSignature;
  try {
    await ww.ensureAgentConfigReady();
  } catch (error) {
    throw new WecomSdkError('register', errMsgOf(error));
  }
}

export type ChatContext =
  | { kind: 'customer'; externalUserId: string; entry: string }
  | { kind: 'group'; chatId: string; entry: string }
  | { kind: 'none'; entry: string };

const CUSTOMER_ENTRIES = new Set(['single_chat_tools', 'contact_profile', 'single_kf_tools']);

/** getContext → the current customer (getCurExternalContact) or group (getCurExternalChat). */
export async function currentChat(): Promise<ChatContext> {
  const ww = await loadSdk();
  let entry: string;
  try {
    entry = String((await ww.getContext()).entry ?? 'normal');
  } catch (error) {
    throw new WecomSdkError('context', errMsgOf(error));
  }
  if (CUSTOMER_ENTRIES.has(entry)) {
    try {
      const { userId } = await ww.getCurExternalContact();
      return { kind: 'customer', externalUserId: userId, entry };
    } catch (error) {
      throw new WecomSdkError('contact', errMsgOf(error));
    }
  }
  if (entry === 'group_chat_tools') {
    try {
      const { chatId } = await ww.getCurExternalChat();
      return { kind: 'group', chatId, entry };
    } catch (error) {
      throw new WecomSdkError('chat', errMsgOf(error));
    }
  }
  return { kind: 'none', entry };
}

export type ChatMessage =
  | { msgtype: 'text'; text: { content: string } }
  | { msgtype: 'image'; image: { mediaid: string } }
  | { msgtype: 'news'; news: { link: string; title: string; desc: string; imgUrl: string } }
  | {
      msgtype: 'miniprogram';
      miniprogram: { appid: string; title: string; imgUrl: string; page: string };
    };

/** Puts a message into the current chat's input box (the guide still taps send). */
export async function sendChatMessage(message: ChatMessage): Promise<void> {
  const ww = await loadSdk();
  try {
    await ww.sendChatMessage(message as Parameters<WW['sendChatMessage']>[0]);
  } catch (error) {
    throw new WecomSdkError('send', errMsgOf(error));
  }
}
