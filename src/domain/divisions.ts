/**
 * Administrative division prefixes (GB/T 2260) as far as qcredit needs them: the province of any
 * unified social credit code, and the prefecture-level city of a Jiangsu one.
 * Positions 3–8 of a credit code hold a six-digit division code; its first two digits name the
 * province, and for Jiangsu the first four name the city (county codes such as 320581 常熟市
 * belong to their city, 3205 苏州市).
 */

/** Two-digit province prefixes → province names. */
export const PROVINCES: Readonly<Record<string, string>> = {
  '11': '北京市',
  '12': '天津市',
  '13': '河北省',
  '14': '山西省',
  '15': '内蒙古自治区',
  '21': '辽宁省',
  '22': '吉林省',
  '23': '黑龙江省',
  '31': '上海市',
  '32': '江苏省',
  '33': '浙江省',
  '34': '安徽省',
  '35': '福建省',
  '36': '江西省',
  '37': '山东省',
  '41': '河南省',
  '42': '湖北省',
  '43': '湖南省',
  '44': '广东省',
  '45': '广西壮族自治区',
  '46': '海南省',
  '50': '重庆市',
  '51': '四川省',
  '52': '贵州省',
  '53': '云南省',
  '54': '西藏自治区',
  '61': '陕西省',
  '62': '甘肃省',
  '63': '青海省',
  '64': '宁夏回族自治区',
  '65': '新疆维吾尔自治区',
  '71': '台湾省',
  '81': '香港特别行政区',
  '82': '澳门特别行政区',
};

export const JIANGSU_PROVINCE_CODE = '32';

/** A place as addresses and names often write it, without its level: 江苏省 → 江苏, 苏州市 → 苏州. */
export function shortPlaceName(name: string): string {
  return name.replace(/(?:省|市|回族自治区|壮族自治区|维吾尔自治区|自治区|特别行政区)$/u, '');
}

/** Four-digit prefixes of Jiangsu's 13 prefecture-level cities. */
export const JIANGSU_CITIES: Readonly<Record<string, string>> = {
  '3201': '南京市',
  '3202': '无锡市',
  '3203': '徐州市',
  '3204': '常州市',
  '3205': '苏州市',
  '3206': '南通市',
  '3207': '连云港市',
  '3208': '淮安市',
  '3209': '盐城市',
  '3210': '扬州市',
  '3211': '镇江市',
  '3212': '泰州市',
  '3213': '宿迁市',
};

/** Bodies registered at national level (e.g. central 事业单位) carry 100000 instead of a province. */
export const NATIONAL_DIVISION_CODE = '100000';
export const NATIONAL_DIVISION_NAME = '国家级/中央';

export interface DivisionInfo {
  /** Province name, `NATIONAL_DIVISION_NAME` for 100000, null when the prefix is unknown. */
  province: string | null;
  /** Prefecture-level city; only known for Jiangsu, and null for province-level codes (320000). */
  city: string | null;
  isJiangsu: boolean;
  isNational: boolean;
}

/** Looks up a six-digit division code; anything but six ASCII digits is unknown. */
export function lookupDivision(code: string): DivisionInfo {
  if (!/^\d{6}$/.test(code)) return { province: null, city: null, isJiangsu: false, isNational: false };
  if (code === NATIONAL_DIVISION_CODE) {
    return { province: NATIONAL_DIVISION_NAME, city: null, isJiangsu: false, isNational: true };
  }
  const isJiangsu = code.startsWith(JIANGSU_PROVINCE_CODE);
  return {
    province: PROVINCES[code.slice(0, 2)] ?? null,
    city: isJiangsu ? (JIANGSU_CITIES[code.slice(0, 4)] ?? null) : null,
    isJiangsu,
    isNational: false,
  };
}
