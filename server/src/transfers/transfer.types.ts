/**
 * The vocabulary of inheritance (离职/在职继承): kinds, item states, the reasons an item cannot
 * move, and WeCom's transfer errcodes with the sentence shown to the admin.
 */

/** 离职继承 (the member left) or 在职继承 (the member stays, changes store or role). */
export type TransferKind = 'resigned' | 'onjob';
export type ItemType = 'customer' | 'group';

/**
 * One customer's or group's handover:
 * planned → sent (the batch's call is out) → waiting (WeCom accepted it; the customer has 24 h) →
 * accepted | refused | limit_reached | failed; `blocked`: the preview found it cannot move.
 */
export type ItemState =
  'planned' | 'sent' | 'waiting' | 'accepted' | 'refused' | 'limit_reached' | 'failed' | 'blocked';

export const ITEM_STATES: readonly ItemState[] = [
  'planned',
  'sent',
  'waiting',
  'accepted',
  'refused',
  'limit_reached',
  'failed',
  'blocked',
];

/** States that end an item (a transfer finishes when all its items are in one). */
export const FINAL_STATES: readonly ItemState[] = [
  'accepted',
  'refused',
  'limit_reached',
  'failed',
  'blocked',
];
/** States an item may be retried from, with another successor. */
export const RETRYABLE_STATES: readonly ItemState[] = ['refused', 'limit_reached', 'failed'];
/** States that hold a customer or group inside a transfer (another transfer cannot take it). */
export const OPEN_STATES: readonly ItemState[] = ['planned', 'sent', 'waiting'];

export type TransferStatus = 'sending' | 'tracking' | 'finished';

/** Why the preview keeps an item out (stored as `reason`, shown with its sentence). */
export type BlockReason =
  | 'no_successor'
  | 'in_transfer'
  | 'twice_in_90_days'
  | 'successor_no_permission'
  | 'successor_inactive'
  | 'same_person'
  | 'departed_over_a_year';

export const BLOCK_SENTENCES: Record<BlockReason, string> = {
  no_successor: '未指定接替成员',
  in_transfer: '已在另一个交接中，等它结束后再分配',
  twice_in_90_days: '90 天内已被转接 2 次，企业微信不允许再转接',
  successor_no_permission: '接替成员没有客户联系权限',
  successor_inactive: '接替成员未激活、已禁用或已离职',
  same_person: '接替成员与原跟进成员是同一人',
  departed_over_a_year: '成员离职已超过一年，企业微信不再允许分配其客户',
};

/** WeCom's errcodes of the transfer APIs (wecom-api-operations.md §3), in Chinese. */
export const TRANSFER_ERRCODE_SENTENCES: Record<number, string> = {
  40096: '不合法的外部联系人 userid',
  40097: '该成员尚未离职',
  40098: '接替成员尚未实名认证',
  40099: '接替成员的客户数量已达上限',
  40100: '此客户已经在转移流程中',
  40128: '客户转接过于频繁（90 天内同一客户最多转接两次）',
  40129: '当前客户正在转接中',
  40130: '原跟进人与接手人一样，不可继承',
  40131: '原跟进成员并不是该客户的跟进人',
  40143: '接替成员被封禁',
  41054: '接替成员尚未激活',
  45009: '已达企业微信的频率上限（客户群每天每位原群主最多 300 个），次日继续',
  60111: '成员不存在',
  84074: '接替成员没有客户联系权限',
  90500: '群主并未离职',
  90501: '该群不是客户群',
  90502: '群主已经离职',
  90503: '群成员已满，需要新群主在客户端确认',
  90504: '群主没变',
  90507: '离职群正在继承处理中',
  90508: '离职群已经继承',
};

export function errcodeSentence(errcode: number): string {
  return TRANSFER_ERRCODE_SENTENCES[errcode] ?? `企业微信拒绝了转接（错误码 ${errcode}）`;
}

/** transfer_result status → item state (1 done, 2 waiting, 3 refused, 4 limit, 5 no record). */
export function stateOfResult(status: number): ItemState | null {
  switch (status) {
    case 1:
      return 'accepted';
    case 2:
      return 'waiting';
    case 3:
      return 'refused';
    case 4:
      return 'limit_reached';
    default:
      return null;
  }
}

export const RESULT_SENTENCES: Partial<Record<ItemState, string>> = {
  accepted: '接替完毕',
  waiting: '等待接替（客户 24 小时内未拒绝即自动接替）',
  refused: '客户拒绝了转接',
  limit_reached: '接替成员的客户数量已达上限',
};

/** transfer_fail FailReason → state. */
export function stateOfFailReason(reason: string | null): ItemState {
  return reason === 'customer_limit_exceed' ? 'limit_reached' : 'refused';
}

/** WeCom's per-call and per-day limits. */
export const CUSTOMERS_PER_CALL = 100;
export const GROUPS_PER_CALL = 100;
export const GROUPS_PER_DAY_PER_OWNER = 300;
export const NINETY_DAYS_MS = 90 * 86_400_000;
export const ONE_YEAR_MS = 365 * 86_400_000;
export const TAKEOVER_DELAY_MS = 86_400_000;
