// The national vertical feed relays records typed in systems that sometimes hold traditional
// characters. A small simplified→traditional map of the characters our word lists use is enough to
// reproduce that; characters without an entry are the same in both scripts (or rare here).
// No traditional form may itself be a character of the simplified word lists (乾 of 乾坤 is, so
// 干→乾 is left out): the ground truth relies on folding names back without loss.
const PAIRS =
  '区區滨濱东東开開红紅桥橋丽麗宝寶宁寧静靜蓟薊华華兴興发發达達贸貿责責业業务務电電机機械械设設备備' +
  '饮飲药藥医醫疗療运運输輸车車维維筑築装裝饰飾环環网網络絡询詢广廣传傳训訓纺紡织織属屬钢鋼铁鐵' +
  '铝鋁龙龍凤鳳万萬丰豐汇匯恒恆顺順荣榮禄祿寿壽乐樂诚誠创創远遠鸿鴻强強联聯协協会會进進门門馆館' +
  '厂廠场場经經营營园園艺藝术術书書画畫灯燈饭飯面麵烟煙鲜鮮鱼魚鞋鞋帽帽器器超超号號罚罰监監税稅' +
  '张張刘劉陈陳杨楊赵趙黄黃吴吳郑鄭孙孫马馬罗羅谢謝韩韓冯馮邓鄧许許军軍国國伟偉涛濤杰傑艳艷辉輝' +
  '鹏鵬飞飛云雲凯凱试試银銀锦錦绣繡彩彩虹虹岳嶽庆慶贵貴长長亿億涵涵泽澤润潤从從时時实實点點铺鋪' +
  '务務团團报報际際产產质質计計规規设設处處决決违違条條节節关關极極宾賓旅旅废廢回回收收站站宠寵' +
  '熟熟肉肉烧燒锅鍋奶奶蛋蛋糕糕吧吧茶茶叶葉花花文文具具照照相相打打印印材材料料灯燈家家动動自自' +
  '洗洗美美甲甲足足房房眼眼镜鏡手手修修理理蔬蔬菜菜酒酒包包子子早早点點超超服服装裝鞋鞋';

const MAP: ReadonlyMap<string, string> = (() => {
  const chars = [...PAIRS];
  const m = new Map<string, string>();
  for (let i = 0; i + 1 < chars.length; i += 2) {
    if (chars[i] !== chars[i + 1]) m.set(chars[i]!, chars[i + 1]!);
  }
  return m;
})();

export function toTraditional(s: string): string {
  let out = '';
  for (const ch of s) out += MAP.get(ch) ?? ch;
  return out;
}

/** The reverse map, for tests and for a linker that wants to fold the script back. */
export function toSimplified(s: string): string {
  let out = '';
  for (const ch of s) out += REVERSE.get(ch) ?? ch;
  return out;
}
const REVERSE: ReadonlyMap<string, string> = new Map([...MAP].map(([s, t]) => [t, s]));

export const TRADITIONAL_FORMS: ReadonlySet<string> = new Set(MAP.values());
