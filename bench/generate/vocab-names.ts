// Word lists for subjects' names. Names are built as prefix + 字号 (two characters) + industry +
// legal form; the registry encodes a subject's index into (district, industry, 字号) so names are
// unique by construction (see registry.ts). The lists are therefore fixed in size and order:
// changing them changes every generated name.

/** The 16 current Tianjin districts (standards.md §7). */
export const DISTRICTS = [
  ['120101', '和平区'], ['120102', '河东区'], ['120103', '河西区'], ['120104', '南开区'],
  ['120105', '河北区'], ['120106', '红桥区'], ['120110', '东丽区'], ['120111', '西青区'],
  ['120112', '津南区'], ['120113', '北辰区'], ['120114', '武清区'], ['120115', '宝坻区'],
  ['120116', '滨海新区'], ['120117', '宁河区'], ['120118', '静海区'], ['120119', '蓟州区'],
] as const satisfies readonly (readonly [string, string])[];

export const BINHAI = '120116';

// 字号 characters. Never 天: every prefixed name starts with 天津, so a 字号 that cannot start with
// 天 keeps the prefixed and unprefixed name forms from ever colliding.
export const BRAND_CHARS = [...new Set([...
  '华鑫源盛达利恒泰隆顺昌荣祥瑞福德信诚创远航鸿宏伟博嘉宇辉兴旺丰益康安通升腾飞龙凤金银玉宝晟昊鼎汇聚合' +
  '和美佳优卓越新星光明海河山川林森阳春秋泽润涵清澄景锦绣彩虹云峰岳石松竹梅兰菊中正大元方圆东西南北' +
  '万千百亿永长久富贵吉庆喜乐乾坤泓洋浩瀚江湖泉溪',
])];
export const BRAND_SIZE = 120;

export const INDUSTRIES = [
  '科技', '贸易', '商贸', '物流', '餐饮管理', '食品', '建筑工程', '装饰工程', '电子', '机械设备',
  '化工', '医药', '医疗器械', '汽车销售', '汽车维修服务', '环保科技', '网络科技', '信息技术', '广告', '文化传媒',
  '教育咨询', '企业管理咨询', '物业管理', '房地产开发', '酒店管理', '服装', '纺织', '金属制品', '钢铁贸易', '塑料制品',
  '新能源', '电力工程', '农业发展', '生物科技', '包装材料', '印刷', '家具', '建材', '五金交电', '日用品',
  '化妆品', '母婴用品', '水产', '粮油', '供应链管理', '国际贸易', '人力资源', '旅行社', '安防技术', '智能科技',
] as const;

export const SHOPS = [
  '小吃店', '便利店', '理发店', '五金店', '水果店', '蔬菜店', '烟酒店', '饭店', '面馆', '包子铺',
  '早点铺', '超市', '服装店', '鞋店', '眼镜店', '手机维修部', '家电维修部', '汽车修理厂', '洗车店', '干洗店',
  '美容院', '美甲店', '足疗店', '药房', '茶叶店', '花店', '文具店', '书店', '照相馆', '打印部',
  '建材店', '装饰材料店', '灯具店', '家具店', '电动车行', '自行车修理部', '粮油店', '熟食店', '海鲜店', '肉铺',
  '烧烤店', '火锅店', '奶茶店', '蛋糕店', '网吧', '宾馆', '旅店', '废品回收站', '母婴店', '宠物店',
] as const;

export const ENTERPRISE_FORMS = ['有限公司', '有限责任公司'] as const;
export const SOCIAL_FORMS = ['协会', '商会', '促进会'] as const;

export const SURNAMES = [...'王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文'];
export const GIVEN_CHARS = [...'建国明华军伟芳娜敏静丽强磊洋艳勇杰娟涛超秀英霞平刚桂兰玉梅志红鹏飞辉斌宇浩凯欣颖佳琳雪梦晨阳博文婷海波亮春燕丹峰龙云鑫宁晓东兵林'];

/** Characters often typed in place of another (same sound or look), for one-character typos. */
export const LOOKALIKE: Readonly<Record<string, string>> = {
  华: '化', 鑫: '新', 源: '元', 盛: '胜', 达: '大', 利: '力', 恒: '衡', 泰: '太', 隆: '龙', 顺: '舜',
  昌: '常', 荣: '容', 祥: '翔', 瑞: '锐', 诚: '城', 创: '川', 远: '园', 鸿: '宏', 伟: '玮', 博: '搏',
  嘉: '家', 宇: '雨', 辉: '晖', 兴: '星', 丰: '风', 益: '溢', 康: '慷', 通: '同', 腾: '藤', 金: '今',
  科: '料', 技: '枝', 贸: '茂', 易: '义', 物: '务', 流: '留', 食: '饰', 品: '晶', 商: '尚', 电: '由',
};

export const STREETS = ['解放路', '南京路', '卫津路', '黄河道', '红旗路', '友谊路', '津塘路', '中山路', '胜利路', '建设路'] as const;
