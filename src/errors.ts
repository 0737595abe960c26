/**
 * Every error code qcredit can produce, with its messages, in one place.
 * Codes are stable: portals and scripts match on them, so never rename one.
 * Messages use `{name}` placeholders filled from the error's params.
 */
export const ERROR_MESSAGES = {
  // Unified social credit code (GB 32100-2015)
  QC_USCC_EMPTY: {
    zh: '统一社会信用代码为空',
    en: 'The unified social credit code is empty',
  },
  QC_USCC_LENGTH: {
    zh: '统一社会信用代码应为18位，实际为{length}位',
    en: 'A unified social credit code has 18 characters, this one has {length}',
  },
  QC_USCC_CHARSET: {
    zh: '第{position}位字符“{char}”不允许出现在统一社会信用代码中（不使用 I、O、Z、S、V）',
    en: 'Character "{char}" at position {position} is not allowed in a unified social credit code (I, O, Z, S, V are never used)',
  },
  QC_USCC_STRUCTURE: {
    zh: '统一社会信用代码结构不符：{reason}',
    en: 'The code does not have the structure of a unified social credit code: {reason}',
  },
  QC_USCC_CHECK: {
    zh: '统一社会信用代码校验位错误：第18位应为“{expected}”，实际为“{actual}”',
    en: 'Wrong check character: position 18 should be "{expected}", not "{actual}"',
  },
  // Input files and data
  QC_INPUT_INVALID: {
    zh: '输入数据有误：{details}',
    en: 'Invalid input: {details}',
  },
  QC_JSON_INVALID: {
    zh: '文件“{file}”不是有效的 JSON：{reason}',
    en: 'File "{file}" is not valid JSON: {reason}',
  },
  QC_FILE_NOT_FOUND: {
    zh: '找不到文件“{file}”',
    en: 'File not found: "{file}"',
  },
  QC_OUTPUT_FORMAT: {
    zh: '无法识别输出格式“{ext}”：请使用 .pdf 或 .docx',
    en: 'Unknown output format "{ext}": use .pdf or .docx',
  },
  // Templates and document generation
  QC_TEMPLATE_SYNTAX: {
    zh: '模板“{template}”语法错误：{reason}',
    en: 'Syntax error in template "{template}": {reason}',
  },
  QC_TEMPLATE_FIELD_MISSING: {
    zh: '模板“{template}”引用了不存在的字段：{reason}',
    en: 'Template "{template}" refers to a missing field: {reason}',
  },
  QC_TEMPLATE_MARKUP: {
    zh: '模板“{template}”生成的文档标记有误：{reason}',
    en: 'Template "{template}" produced invalid document markup: {reason}',
  },
  QC_FONT_UNAVAILABLE: {
    zh: '无法加载中文字体“{font}”：{reason}',
    en: 'Cannot load the Chinese font "{font}": {reason}',
  },
  QC_GLYPH_MISSING: {
    zh: '字体缺少以下字符，无法正确显示：{chars}',
    en: 'The font has no glyph for: {chars}',
  },
} as const satisfies Record<string, { zh: string; en: string }>;

export type QcErrorCode = keyof typeof ERROR_MESSAGES;
export type ErrorParams = Record<string, string | number>;

function fill(template: string, params: ErrorParams): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in params ? String(params[key]) : whole,
  );
}

/** The zh-CN and English messages of a code, filled with its params. */
export function describeError(code: QcErrorCode, params: ErrorParams = {}) {
  const messages = ERROR_MESSAGES[code];
  return { zh: fill(messages.zh, params), en: fill(messages.en, params) };
}

/** An error as a plain value: what the CLI prints as JSON and the server will answer. */
export interface QcErrorValue {
  code: QcErrorCode;
  message: string;
  messageEn: string;
  params: ErrorParams;
}

/** The one exception type qcredit throws; `message` is zh-CN, `messageEn` English. */
export class QcError extends Error {
  readonly code: QcErrorCode;
  readonly params: ErrorParams;
  readonly messageEn: string;

  constructor(code: QcErrorCode, params: ErrorParams = {}, options?: { cause?: unknown }) {
    const { zh, en } = describeError(code, params);
    super(zh, options);
    this.name = 'QcError';
    this.code = code;
    this.params = params;
    this.messageEn = en;
  }

  toJSON(): QcErrorValue {
    return { code: this.code, message: this.message, messageEn: this.messageEn, params: this.params };
  }
}

export function isQcError(value: unknown): value is QcError {
  return value instanceof QcError;
}
