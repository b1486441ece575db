/** Static material for the demo corp: departments, staff, names and chat lines. */

export const DEPARTMENTS: Array<{
  id: number;
  name: string;
  name_en: string;
  parentid: number;
  order: number;
}> = [
  { id: 1, name: '栖木生活', name_en: 'Qimu Life', parentid: 0, order: 100000000 },
  { id: 2, name: '总部', name_en: 'HQ', parentid: 1, order: 100000000 },
  { id: 3, name: '华东区', name_en: 'East China', parentid: 1, order: 99999000 },
  { id: 4, name: '上海静安店', name_en: 'Shanghai Jingan', parentid: 3, order: 100000000 },
  { id: 5, name: '上海徐汇店', name_en: 'Shanghai Xuhui', parentid: 3, order: 99999000 },
  { id: 6, name: '杭州西湖店', name_en: 'Hangzhou Xihu', parentid: 3, order: 99998000 },
  { id: 7, name: '南京新街口店', name_en: 'Nanjing Xinjiekou', parentid: 3, order: 99997000 },
  { id: 8, name: '华南区', name_en: 'South China', parentid: 1, order: 99998000 },
  { id: 9, name: '广州天河店', name_en: 'Guangzhou Tianhe', parentid: 8, order: 100000000 },
  { id: 10, name: '深圳南山店', name_en: 'Shenzhen Nanshan', parentid: 8, order: 99999000 },
  { id: 11, name: '市场部', name_en: 'Marketing', parentid: 2, order: 100000000 },
  { id: 12, name: '客服中心', name_en: 'Customer Service', parentid: 2, order: 99999000 },
];

export interface StaffSeed {
  userid: string;
  name: string;
  gender: '1' | '2';
  position: string;
  department: number[];
  leaderIn?: number[];
  customerContact: boolean;
  welcomeMsgConfigured?: boolean;
  /** Relative share of customers. */
  weight: number;
}

export const STAFF: StaffSeed[] = [
  {
    userid: 'zhangwei',
    name: '张伟',
    gender: '1',
    position: '总经理',
    department: [2],
    leaderIn: [2],
    customerContact: true,
    weight: 1,
  },
  {
    userid: 'wangfang',
    name: '王芳',
    gender: '2',
    position: '华东区经理',
    department: [3],
    leaderIn: [3],
    customerContact: true,
    welcomeMsgConfigured: true,
    weight: 2,
  },
  {
    userid: 'lina',
    name: '李娜',
    gender: '2',
    position: '店长',
    department: [4],
    leaderIn: [4],
    customerContact: true,
    weight: 6,
  },
  {
    userid: 'liuyang',
    name: '刘洋',
    gender: '1',
    position: '导购',
    department: [4, 5],
    customerContact: true,
    weight: 8,
  },
  {
    userid: 'chenjing',
    name: '陈静',
    gender: '2',
    position: '导购',
    department: [4],
    customerContact: true,
    weight: 8,
  },
  {
    userid: 'yangli',
    name: '杨丽',
    gender: '2',
    position: '店长',
    department: [5],
    leaderIn: [5],
    customerContact: true,
    weight: 6,
  },
  {
    userid: 'zhaolei',
    name: '赵磊',
    gender: '1',
    position: 'IT 工程师',
    department: [2],
    customerContact: false,
    weight: 0,
  },
  {
    userid: 'huangmin',
    name: '黄敏',
    gender: '2',
    position: '导购',
    department: [5, 6],
    customerContact: true,
    weight: 8,
  },
  {
    userid: 'zhoujie',
    name: '周杰',
    gender: '1',
    position: '店长',
    department: [6],
    leaderIn: [6],
    customerContact: true,
    weight: 6,
  },
  {
    userid: 'wuting',
    name: '吴婷',
    gender: '2',
    position: '导购',
    department: [6],
    customerContact: true,
    weight: 8,
  },
  {
    userid: 'xuqiang',
    name: '徐强',
    gender: '1',
    position: '店长',
    department: [7],
    leaderIn: [7],
    customerContact: true,
    weight: 6,
  },
  {
    userid: 'sunyan',
    name: '孙燕',
    gender: '2',
    position: '导购',
    department: [7],
    customerContact: true,
    weight: 8,
  },
  {
    userid: 'maxiaoyu',
    name: '马晓雨',
    gender: '2',
    position: '导购',
    department: [7, 4],
    customerContact: true,
    weight: 7,
  },
  {
    userid: 'zhuhao',
    name: '朱浩',
    gender: '1',
    position: '华南区经理',
    department: [8],
    leaderIn: [8],
    customerContact: true,
    weight: 2,
  },
  {
    userid: 'hulin',
    name: '胡琳',
    gender: '2',
    position: '店长',
    department: [9],
    leaderIn: [9],
    customerContact: true,
    weight: 6,
  },
  {
    userid: 'guojun',
    name: '郭军',
    gender: '1',
    position: '导购',
    department: [9],
    customerContact: true,
    weight: 8,
  },
  {
    userid: 'linxin',
    name: '林欣',
    gender: '2',
    position: '店长',
    department: [10],
    leaderIn: [10],
    customerContact: true,
    weight: 6,
  },
  {
    userid: 'heyu',
    name: '何宇',
    gender: '1',
    position: '导购',
    department: [10, 9],
    customerContact: true,
    weight: 8,
  },
  {
    userid: 'gaoyuan',
    name: '高远',
    gender: '1',
    position: '财务主管',
    department: [2],
    customerContact: false,
    weight: 0,
  },
  {
    userid: 'luoxue',
    name: '罗雪',
    gender: '2',
    position: '客服专员',
    department: [12],
    customerContact: true,
    weight: 4,
  },
  {
    userid: 'tangqian',
    name: '唐倩',
    gender: '2',
    position: '市场专员',
    department: [11],
    leaderIn: [11],
    customerContact: true,
    weight: 2,
  },
];

export const TAG_GROUPS: Array<{ name: string; tags: string[] }> = [
  { name: '客户等级', tags: ['普通会员', '银卡会员', '金卡会员', '黑金会员'] },
  { name: '兴趣偏好', tags: ['护肤', '彩妆', '香氛', '个护', '母婴'] },
];

export const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'.split(
    '',
  );

export const GIVEN_FEMALE =
  '芳娜敏静丽艳娟霞秀英华慧巧美娅雪琳晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓纨仪荷丹蓉眉君琴蕊薇菁梦岚苑婕馨瑗琰韵融园艺咏卿聪澜纯毓悦昭冰爽琬茗羽希宁欣飘育滢馥筠柔竹霭凝晓欢霄枫芸菲寒伊亚宜可姬舒影荔枝思丽'.split(
    '',
  );

export const GIVEN_MALE =
  '伟强磊军洋勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆帅旭宁龙林阳彬峰建亮成志新东文博昊天思远瑞晨泽睿子轩皓然一鸣家豪铭'.split(
    '',
  );

export const NICK_NAMES = [
  'Lily',
  'Coco',
  'Vivian',
  '小鹿',
  '阿May',
  'Sunny',
  '安然',
  '橙子',
  '芒果',
  'Grace',
  '晴天',
  'Cathy',
  '桃子',
  'Emma',
  '小雨',
  'Jason',
  'Kevin',
  '木子',
  '一一',
  'Yuki',
];

export const CORPS = [
  { short: '腾讯科技', full: '腾讯科技（深圳）有限公司' },
  { short: '阿里巴巴', full: '阿里巴巴（中国）有限公司' },
  { short: '字节跳动', full: '北京字节跳动科技有限公司' },
  { short: '网易', full: '网易（杭州）网络有限公司' },
  { short: '美团', full: '北京三快在线科技有限公司' },
  { short: '京东', full: '北京京东世纪贸易有限公司' },
  { short: '携程', full: '携程计算机技术（上海）有限公司' },
];

export const CORP_POSITIONS = ['产品经理', '市场总监', '行政主管', '采购经理', 'HRBP', '设计师'];

export const DESCRIPTIONS = [
  '敏感肌，偏好温和配方',
  '油皮，关注控油产品',
  '喜欢大牌香水小样',
  '生日在 3 月，记得送券',
  '常买口红，偏好豆沙色',
  '宝妈，关注母婴个护',
  '618 活动老客',
  '对价格比较敏感，等活动再买',
  '',
  '',
];

export const STATES = [
  'store_jingan',
  'store_xuhui',
  'store_xihu',
  'event_618',
  'live_0520',
  'poster_qixi',
];

export const GROUP_SUFFIXES = [
  '会员福利群',
  '新品体验群',
  'VIP专享群',
  '护肤交流群',
  '老客回馈群',
  '彩妆打卡群',
];

export const GROUP_NOTICES = [
  '欢迎加入！每周五晚 8 点抽奖，群内专享价请私聊导购。',
  '群规：禁止广告，新品试用名额在群公告更新。',
  '',
];

export const CUSTOMER_LINES = [
  '请问这款精华适合敏感肌吗？',
  '口红有没有新出的秋冬色号？',
  '这个价格还能再优惠一点吗？',
  '上周买的面霜用着过敏，想退货，怎么操作？',
  '护肤套装什么时候有活动？',
  '香水小样还有吗？想试试新出的香氛',
  '会员积分可以抵扣吗？',
  '你们店周末几点关门？',
  '粉底液色号怎么选，我偏黄皮',
  '快递到了，包装有点破损，可以换货吗？',
  '双十一的价格是多少？',
  '眼霜和精华先用哪个？',
  '可以帮我留一支 999 口红吗，明天去店里拿',
  '退货的运费谁出？',
  '给妈妈买护肤品，有推荐吗？',
];

export const STAFF_LINES = [
  '您好，这款是无酒精配方，敏感肌也可以放心用哦～',
  '新到了 3 个秋冬色号，周末到店可以免费试色',
  '会员价是 399，这周还有满 500 减 80 的活动',
  '非常抱歉给您带来不便，7 天内带小票到店就可以办理退货',
  '护肤套装下周一开始 8 折，我提前帮您预留',
  '香氛小样还有的，到店报手机号就可以领',
  '积分 100 抵 1 元，下单时可以直接使用',
  '周末营业到晚上 10 点，欢迎过来～',
  '黄皮建议选 02 自然色，到店可以帮您试一下',
  '已经给您登记换货了，快递员明天上门取件',
  '价格活动开始前我会第一时间通知您',
  '先用精华再用眼霜，最后乳液锁水',
  '好的，已经帮您留好了，明天到店报名字就行',
  '质量问题的退货运费由我们承担',
  '推荐这款修护面霜，很多阿姨都回购',
];
