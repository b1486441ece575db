import type { ChannelsApi } from '#/api/channels';

export const TYPE_LABEL: Record<ChannelsApi.Type, string> = {
  single: 'Single staff',
  multi: 'Multiple staff',
};

export const STRATEGY_LABEL: Record<ChannelsApi.Strategy, string> = {
  round_robin: 'Round robin',
  weighted: 'Weighted',
  least_loaded: 'Least loaded',
};

export function typeLabel(type: string): string {
  return TYPE_LABEL[type as ChannelsApi.Type] ?? type;
}

export function strategyLabel(strategy: string): string {
  return STRATEGY_LABEL[strategy as ChannelsApi.Strategy] ?? strategy;
}
