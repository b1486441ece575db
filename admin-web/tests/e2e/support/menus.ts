/**
 * The side menu each role sees, in menu order, in Chinese: the browser tests compare the real
 * console's menu with it (the component test `router/__tests__/access.test.ts` checks the same
 * order by route name). A new section adds its label here once.
 */
const VIEWER = ['数据概览', '客户管理', '客户标签', '客户群', '员工管理'];

const MANAGER = [
  '数据概览',
  '客户管理',
  '客户标签',
  '渠道活码',
  '客户群发',
  '客户朋友圈',
  '活动日历',
  '聊天规则',
  '话术库',
  '客户群',
  '员工管理',
];

const ADMIN = [...MANAGER, '客户继承', '回调事件', '系统设置'];

export const MENUS_BY_ROLE = { admin: ADMIN, manager: MANAGER, viewer: VIEWER } as const;

/** The admin's menu in English (the language switch). */
export const ADMIN_MENU_EN = [
  'Dashboard',
  'Customers',
  'Customer tags',
  'Channel QR codes',
  'Broadcasts',
  'Customer moments',
  'Campaign calendar',
  'Chat rules',
  'Quick replies',
  'Customer groups',
  'Staff',
  'Inheritance',
  'Callback events',
  'Settings',
];
