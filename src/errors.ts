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
  QC_OUTPUT_WRITE: {
    zh: '无法写入输出文件“{file}”：{reason}',
    en: 'Cannot write the output file "{file}": {reason}',
  },
  // Reading uploads
  QC_FILE_EMPTY: {
    zh: '文件“{file}”是空文件（0 字节）',
    en: 'File "{file}" is empty (0 bytes)',
  },
  QC_FILE_TOO_LARGE: {
    zh: '文件“{file}”过大（{size}），上限为 {limit}',
    en: 'File "{file}" is too large ({size}); the limit is {limit}',
  },
  QC_FILE_TYPE_UNSUPPORTED: {
    zh: '文件“{file}”的格式不受支持（{detected}）：请上传 PDF、JPEG、PNG、TIFF 或 WebP',
    en: 'File "{file}" has an unsupported format ({detected}): upload PDF, JPEG, PNG, TIFF or WebP',
  },
  QC_FILE_TYPE_MISMATCH: {
    zh: '文件“{file}”的扩展名是 .{ext}，但内容实际是 {detected}；已按 {detected} 读取',
    en: 'File "{file}" is named .{ext} but is really {detected}; it was read as {detected}',
  },
  QC_PDF_CORRUPT: {
    zh: 'PDF 文件“{file}”已损坏或不完整，无法打开：{reason}',
    en: 'The PDF "{file}" is corrupt or truncated and cannot be opened: {reason}',
  },
  QC_PDF_ENCRYPTED: {
    zh: 'PDF 文件“{file}”已加密（设有打开密码），无法读取：请上传未加密的文件',
    en: 'The PDF "{file}" is encrypted (password-protected) and cannot be read: upload an unencrypted file',
  },
  QC_PDF_TOO_MANY_PAGES: {
    zh: 'PDF 文件“{file}”有 {pages} 页，超过上限 {limit} 页',
    en: 'The PDF "{file}" has {pages} pages, more than the limit of {limit}',
  },
  QC_PAGE_EMPTY_SIZE: {
    zh: '文件“{file}”第 {page} 页的页面尺寸为零，无法读取',
    en: 'Page {page} of "{file}" has zero size and cannot be read',
  },
  QC_IMAGE_TOO_LARGE: {
    zh: '图片“{file}”像素过多（{width}×{height}），上限为 {limit} 像素',
    en: 'The image "{file}" has too many pixels ({width}×{height}); the limit is {limit}',
  },
  QC_IMAGE_CORRUPT: {
    zh: '图片“{file}”已损坏或不完整，无法解码：{reason}',
    en: 'The image "{file}" is corrupt or truncated and cannot be decoded: {reason}',
  },
  QC_OCR_TIMEOUT: {
    zh: '文件“{file}”第 {page} 页的文字识别超时（{ms} 毫秒）',
    en: 'Text recognition of page {page} of "{file}" timed out ({ms} ms)',
  },
  QC_OCR_FAILED: {
    zh: '文字识别失败：{reason}',
    en: 'Text recognition failed: {reason}',
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
