// Deciding authorities and the violations they penalise. The authorities are the demo catalogue's
// agencies (catalog/demo/catalog.yaml; a test keeps the two in step), so generated extracts can be
// uploaded into the demo as they are.

export type AuthorityGroup = 'market' | 'ecology' | 'tax';

export interface Authority {
  code: string;
  uscc: string;
  name: string;
  /** 120000 for the city, else the district whose subjects it penalises. */
  region: string;
  /** Prefix of its decision numbers: 津市场监管罚〔2025〕12号. */
  docPrefix: string;
  group: AuthorityGroup;
  /** Relative share of all disclosures. */
  weight: number;
}

export const AUTHORITIES: readonly Authority[] = [
  { code: 'city_market_regulation', uscc: '111200000000100140', name: '市市场监督管理委员会', region: '120000', docPrefix: '津市场监管罚', group: 'market', weight: 40 },
  { code: 'city_ecology', uscc: '11120000000010022T', name: '市生态环境局', region: '120000', docPrefix: '津环罚字', group: 'ecology', weight: 10 },
  { code: 'city_tax', uscc: '11120000000010030M', name: '市税务局', region: '120000', docPrefix: '津税稽罚', group: 'tax', weight: 15 },
  { code: 'heping_market_regulation', uscc: '1112010100002001XQ', name: '和平区市场监督管理局', region: '120101', docPrefix: '津和市场监管罚', group: 'market', weight: 10 },
  { code: 'nankai_market_regulation', uscc: '111201040000200284', name: '南开区市场监督管理局', region: '120104', docPrefix: '津南开市场监管罚', group: 'market', weight: 10 },
  { code: 'binhai_market_regulation', uscc: '11120116000020036B', name: '滨海新区市场监督管理局', region: '120116', docPrefix: '津滨市场监管罚', group: 'market', weight: 15 },
];

/** The two relaying channels' agencies (they decide nothing; they forward copies). */
export const RELAYS = {
  national_vertical: { code: 'national_vertical', uscc: '11120000000010049J', name: '总对总国家垂直系统' },
  binhai_platform: { code: 'binhai_platform', uscc: '111201160000200446', name: '滨海新区信用平台' },
} as const;

export interface Violation {
  type: string;
  facts: readonly string[];
  basis: string;
  /** Fine range in yuan (log-uniform), and the rounding unit. */
  fine: readonly [number, number, number];
}

export const VIOLATIONS: Readonly<Record<AuthorityGroup, readonly Violation[]>> = {
  market: [
    { type: '食品安全', facts: ['销售超过保质期的食品', '未取得食品经营许可从事食品经营', '使用不符合卫生要求的餐具'], basis: '《中华人民共和国食品安全法》第一百二十四条', fine: [2000, 200000, 100] },
    { type: '价格违法', facts: ['未按规定明码标价', '在标价之外加价出售商品'], basis: '《中华人民共和国价格法》第四十二条', fine: [500, 50000, 100] },
    { type: '广告违法', facts: ['发布虚假广告，欺骗误导消费者', '广告中使用"国家级""最佳"等用语'], basis: '《中华人民共和国广告法》第五十五条', fine: [10000, 1000000, 1000] },
    { type: '无照经营', facts: ['未依法取得营业执照从事经营活动'], basis: '《无证无照经营查处办法》第十三条', fine: [1000, 100000, 100] },
    { type: '产品质量', facts: ['销售不合格产品', '生产者未标注产品名称、厂名和厂址'], basis: '《中华人民共和国产品质量法》第四十九条', fine: [2000, 300000, 100] },
    { type: '计量违法', facts: ['使用未经检定的计量器具'], basis: '《中华人民共和国计量法实施细则》第四十三条', fine: [500, 10000, 100] },
    { type: '特种设备安全', facts: ['使用未经定期检验的电梯', '特种设备作业人员未取得相应资格'], basis: '《中华人民共和国特种设备安全法》第八十四条', fine: [30000, 300000, 1000] },
  ],
  ecology: [
    { type: '大气污染', facts: ['超过大气污染物排放标准排放大气污染物', '未采取措施防治扬尘污染'], basis: '《中华人民共和国大气污染防治法》第九十九条', fine: [100000, 1000000, 1000] },
    { type: '水污染', facts: ['通过暗管排放水污染物', '超标排放水污染物'], basis: '《中华人民共和国水污染防治法》第八十三条', fine: [100000, 1000000, 1000] },
    { type: '固体废物', facts: ['未按规定贮存危险废物'], basis: '《中华人民共和国固体废物污染环境防治法》第一百一十二条', fine: [50000, 1000000, 1000] },
    { type: '环境影响评价', facts: ['建设项目环境影响报告表未经批准擅自开工建设'], basis: '《中华人民共和国环境影响评价法》第三十一条', fine: [50000, 2000000, 1000] },
  ],
  tax: [
    { type: '纳税申报', facts: ['未按照规定期限办理纳税申报和报送纳税资料'], basis: '《中华人民共和国税收征收管理法》第六十二条', fine: [50, 10000, 50] },
    { type: '发票违法', facts: ['未按规定开具发票', '虚开增值税普通发票'], basis: '《中华人民共和国发票管理办法》第三十五条', fine: [500, 500000, 100] },
    // Tax evasion fines run from half to five times the tax evaded: the rare very large amounts.
    { type: '偷税', facts: ['通过少列收入方式进行虚假纳税申报，少缴税款'], basis: '《中华人民共和国税收征收管理法》第六十三条', fine: [50000, 50000000, 1000] },
  ],
};

/** Penalty-type combinations (standards.md §5.3 names), with their relative frequency. */
export const PENALTY_COMBOS: readonly (readonly [readonly string[], number])[] = [
  [['罚款'], 45], [['警告', '罚款'], 15], [['警告'], 8], [['罚款', '没收违法所得'], 12],
  [['通报批评'], 2], [['罚款', '吊销许可证件'], 3], [['罚款', '责令停产停业'], 4],
  [['罚款', '没收非法财物'], 3], [['暂扣许可证件'], 2], [['没收违法所得'], 3], [['罚款', '限制从业'], 1],
];

/** Values of 处罚类别 that are not on the code list, for invalid rows. */
export const UNKNOWN_PENALTY_TYPES = ['罚没', '行政处理', '处分', '罚款处理', '责令改正'] as const;

export const LICENCES = ['食品经营许可证', '排污许可证', '特种设备使用登记证', '营业执照'] as const;
