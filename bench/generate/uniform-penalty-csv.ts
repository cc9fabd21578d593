// Writes a valid administrative-penalty CSV of any size, one file, streamed: for tests that need
// volume and for the validation benchmark (bench/validate.ts).
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { makeUscc, mulberry32 } from '../../domain/codes/index.ts';

const HEADER = '行政相对人名称,行政相对人类别,行政相对人代码_1（统一社会信用代码）,法定代表人,行政处罚决定书文号,违法行为类型,违法事实,处罚依据,处罚类别,处罚内容,罚款金额（万元）,处罚决定日期,处罚有效期,处罚机关,处罚机关统一社会信用代码,数据来源单位,数据来源单位统一社会信用代码';

export async function writePenaltyCsv(file: string, rows: number, seed = 1): Promise<void> {
  const rand = mulberry32(seed);
  const out = createWriteStream(file);
  out.write(`${HEADER}\n`);
  for (let i = 1; i <= rows; i++) {
    const line =
      `测试企业${i}有限公司,法人及非法人组织,${makeUscc(rand)},张三,津市场监管罚〔2025〕${i}号,食品安全,销售过期食品,《食品安全法》第一百二十四条,` +
      `罚款,罚款${i % 90 + 1}千元,${(i % 90 + 1) / 10},2025-03-12,2026-03-11,` +
      '市市场监督管理委员会,111200000000100140,市市场监督管理委员会,111200000000100140\n';
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}
