/**
 * The port through which the customer reads name the channel that brought a relation: channels/
 * implements it (ChannelService.names) and provides it under CHANNEL_NAMES. Channels depend on
 * customers, so customers look the port up by token (no module cycle). Without a provider the
 * names are null.
 */
export interface ChannelNames {
  /** Channel id → name, deleted channels included (their relations still show where they came from). */
  names(corpId: string, channelIds: string[]): Promise<Map<string, string>>;
}

export const CHANNEL_NAMES = Symbol('ChannelNames');
