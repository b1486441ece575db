import type { StaffApi } from '#/api/staff';

export type StaffStatus = 'active' | 'departed' | 'disabled' | 'inactive';

/** WeCom's member status (1 active, 2 disabled, 4 not activated, 5 departed) and ours. */
export function staffStatus(
  staff: Pick<StaffApi.Staff, 'departedAt' | 'wecomStatus'>,
): StaffStatus {
  if (staff.departedAt || staff.wecomStatus === 5) return 'departed';
  if (staff.wecomStatus === 2) return 'disabled';
  if (staff.wecomStatus === 4) return 'inactive';
  return 'active';
}
