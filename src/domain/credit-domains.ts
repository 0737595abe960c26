/**
 * The domains of the 信用江苏 special credit report's query form (查询领域). The notice asks for
 * 全选: a report that lists every one of them was queried with 全选 even when it prints the list
 * instead of the word.
 */
export const CREDIT_DOMAINS: readonly string[] = Object.freeze([
  '市场监管', '税务', '生态环境', '人力资源和社会保障', '住房和城乡建设', '交通运输', '应急管理', '海关', '统计',
  '消防救援', '文化和旅游', '卫生健康', '农业农村', '水利', '自然资源', '商务', '医疗保障', '发展改革',
]);
