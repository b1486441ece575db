import type { ChannelsApi } from '#/api/channels';

export const CHANNEL_TYPES: readonly ChannelsApi.Type[] = ['single', 'multi'];
export const STRATEGIES: readonly ChannelsApi.Strategy[] = [
  'round_robin',
  'weighted',
  'least_loaded',
];

/** Adds per channel id, summed over the funnel's rows. */
export function addsByChannel(rows: readonly ChannelsApi.FunnelRow[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const row of rows) out.set(row.channelId, (out.get(row.channelId) ?? 0) + row.adds);
  return out;
}

/** A file name for the channel's QR code: `渠道活码-静安店柜台.png`, without path characters. */
export function qrFileName(prefix: string, channel: Pick<ChannelsApi.Channel, 'name'>): string {
  return `${prefix}-${channel.name.replace(/[\\/:*?"<>|\s]+/g, '_')}.png`;
}

/** Saves a Blob as a file in the browser. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
