import { describe, expect, it } from 'vitest';
import { peerRead } from '../eval/peer.js';
import { computeUsccCheck } from '../src/domain/uscc.js';

const CODE = '91320100MA1NXQ7B2' + computeUsccCheck('91320100MA1NXQ7B2');
const BARE_CODE = '91320582134567890' + computeUsccCheck('91320582134567890');

/** OCR of a licence: spaces between Chinese characters, full-width colon. */
const LICENCE = [
  '营 业 执 照',
  `统 一 社 会 信 用 代 码 ${CODE}`,
  '名 称 ： 南 京 示 范 科 技 有 限 公 司',
  '类 型 有 限 责 任 公 司 ( 自 然 人 投 资 或 控 股 )',
  '法 定 代 表 人 张 三',
  '成 立 日 期 2015 年 03 月 12 日',
  '营 业 期 限 2015 年 03 月 12 日 至 长 期',
  '登 记 机 关 南 京 市 市 场 监 督 管 理 局',
].join('\n');

const REPORT = [
  '江苏省专项公共信用信息报告',
  '报告编号：JSXY2026061200123',
  '报告生成时间：2026年06月12日 10:21:33',
  '企业名称：苏州长风机械股份有限公司',
  `统一社会信用代码：${CODE}`,
  '查询时间段：2023-06-12 至 2026-06-12',
  '查询领域：全选',
  '是否包含简易处罚：否',
].join('\n');

const PLEDGE = [
  '企业质量信用承诺书',
  '本单位郑重承诺：所提交的申报材料真实、准确、完整。',
  '承诺单位（盖章）：无锡惠山精密铸造厂',
  '法定代表人（签字）：',
  '二〇二六年六月十二日',
].join('\n');

describe('peerRead', () => {
  it('reads a licence', () => {
    const f = peerRead(LICENCE);
    expect(f.creditCode).toBe(CODE);
    expect(f.companyName).toBe('南京示范科技有限公司');
    expect(f.establishedOn).toBe('2015-03-12');
    expect(f.periodFrom).toBeNull();
    expect(f.reportNumber).toBeNull();
    expect(f.signedDate).toBeNull();
  });

  it('reads a credit report', () => {
    const f = peerRead(REPORT);
    expect(f).toMatchObject({
      creditCode: CODE,
      companyName: '苏州长风机械股份有限公司',
      periodFrom: '2023-06-12',
      periodTo: '2026-06-12',
      generatedAt: '2026-06-12',
      reportNumber: 'JSXY2026061200123',
      allDomains: true,
      simplePenaltyIncluded: false,
      establishedOn: null,
      signedDate: null,
    });
  });

  it('reads other wordings of a credit report', () => {
    const f = peerRead(
      [
        '专项信用报告',
        '编号 No.A1B2C3D4E5',
        '主体名称 常州新北区好味道饭店',
        '本报告信用记录期间自2024年1月1日起至2026年6月30日止。',
        '出具日期:2026/7/1',
        '查询领域(可多选)：行政许可、行政处罚、失信被执行人',
        '简易处罚 ☐是 ☑否 — 本次查询包含简易程序处罚',
      ].join('\n'),
    );
    expect(f.companyName).toBe('常州新北区好味道饭店');
    expect([f.periodFrom, f.periodTo]).toEqual(['2024-01-01', '2026-06-30']);
    expect(f.generatedAt).toBe('2026-07-01');
    expect(f.reportNumber).toBe('A1B2C3D4E5');
    expect(f.allDomains).toBe(false);
    expect(f.simplePenaltyIncluded).toBe(false);
    expect(peerRead('报告期 2025.01.01—2025.12.31\n包含简易处罚：是').simplePenaltyIncluded).toBe(true);
    expect(peerRead('报告期 2025.01.01—2025.12.31').periodTo).toBe('2025-12-31');
  });

  it('reads a pledge with a signing date in Chinese numerals', () => {
    const f = peerRead(PLEDGE);
    expect(f.companyName).toBe('无锡惠山精密铸造厂');
    expect(f.signedDate).toBe('2026-06-12');
    expect(peerRead('承诺书\n承诺人：南通海安纺织有限公司\n日期：2026年5月8日').signedDate).toBe('2026-05-08');
    expect(peerRead('承诺书\n承诺人：南通海安纺织有限公司\n2026.6.12').signedDate).toBe('2026-06-12');
    expect(peerRead('承诺书\n承诺人：\n2026 年 6 月 12 日').signedDate).toBe('2026-06-12');
  });

  it('falls back to a credit code that passes the check character', () => {
    expect(peerRead(`某某材料\n代码见下\n${BARE_CODE}\n`).creditCode).toBe(BARE_CODE);
    expect(peerRead('编号 913205821345678901').creditCode).toBeNull();
  });

  it('gives null for every fact it cannot find', () => {
    const blank = peerRead('企业质量信用承诺书\n承诺单位（盖章）：\n法定代表人（签字）：\n年  月  日');
    expect(blank).toEqual({
      creditCode: null,
      companyName: null,
      periodFrom: null,
      periodTo: null,
      generatedAt: null,
      reportNumber: null,
      allDomains: null,
      simplePenaltyIncluded: null,
      signedDate: null,
      establishedOn: null,
    });
    expect(peerRead('').creditCode).toBeNull();
    expect(peerRead('生成日期：2026-02-30').generatedAt).toBeNull(); // no such day
  });
});
