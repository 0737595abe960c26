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
  // An OCR engine whose native library or models cannot load on this platform (e.g. the
  // PP-OCR engine without an onnxruntime binary). The 'auto' policy falls back to tesseract.
  QC_OCR_ENGINE_UNAVAILABLE: {
    zh: '文字识别引擎“{engine}”在本机无法使用：{reason}。请改用 --engine tesseract，或在受支持的平台（Linux x64/arm64、macOS arm64、Windows x64/arm64）上安装',
    en: 'The OCR engine "{engine}" cannot be used here: {reason}. Use --engine tesseract, or install on a supported platform (Linux x64/arm64, macOS arm64, Windows x64/arm64)',
  },
  // Findings of the pre-check (stable codes that portals rely on); `action` says what to do.
  QC_CONTENT_UNREADABLE: {
    zh: '“{file}”中几乎没有可识别的文字，无法确认是{what}{why}',
    en: 'Almost no text could be read in "{file}": it cannot be confirmed as {whatEn}{whyEn}',
    action: '请上传内容完整、清晰的文件：原始 PDF，或 200 DPI 以上的扫描件；不要上传空白页、缩略图或模糊的照片。',
  },
  QC_IMAGE_LOW_RESOLUTION: {
    zh: '“{file}”的图像只有 {width}×{height} 像素（约 {dpi} DPI），分辨率过低，文字可能识别不全',
    en: 'The image "{file}" is only {width}×{height} pixels (about {dpi} DPI): too coarse to read its text reliably',
    action: '请以 200 DPI 以上重新扫描，或拍摄时让文件占满画面，再重新上传。',
  },
  QC_CODE_NOT_FOUND: {
    zh: '在“{file}”中没有找到统一社会信用代码',
    en: 'No unified social credit code was found in "{file}"',
    action: '请确认上传的是完整、清晰的文件，统一社会信用代码所在位置没有被遮挡或裁切。',
  },
  QC_CODE_UNREADABLE: {
    zh: '“{file}”上“统一社会信用代码”处的内容无法识别',
    en: 'The unified social credit code in "{file}" could not be read where its label stands',
    action: '请人工核对该处是否已填写 18 位统一社会信用代码且清晰可辨；手写的代码请写工整，或打印填写后再签章上传。',
  },
  QC_CODE_INVALID: {
    zh: '“{file}”上的统一社会信用代码“{code}”无效：{reason}',
    en: 'The credit code "{code}" in "{file}" is invalid: {reason}',
    action: '请核对原件上的代码；如为手写或打印错误，请更正后重新签章并上传。',
  },
  QC_CODE_MISMATCH: {
    zh: '“{file}”上的统一社会信用代码“{code}”与{other}“{expected}”不一致',
    en: 'The credit code "{code}" in "{file}" differs from {other} "{expected}"',
    action: '所有材料必须属于同一申报企业：请检查是否上传了其他企业的文件，或代码填写有误。',
  },
  QC_NAME_MISMATCH: {
    zh: '“{file}”上的企业名称“{name}”与{other}“{expected}”不一致',
    en: 'The company name "{name}" in "{file}" differs from {other} "{expected}"',
    action: '请确认材料属于申报企业；企业更名的，请使用与营业执照一致的现用名称。',
  },
  QC_SEAL_MISSING: {
    zh: '“{file}”上没有找到{where}红色公章',
    en: 'No red official seal was found {whereEn} in "{file}"',
    action: '请在规定位置加盖企业公章（红色圆形印章）后扫描上传；黑白复印件上的印章无法识别。',
  },
  QC_SIGNATURE_MISSING: {
    zh: '承诺书“{file}”的“法定代表人（或负责人）签字”处没有签字',
    en: 'The pledge "{file}" has no signature in the legal representative\'s signing area',
    action: '请由法定代表人（或授权代表）在签字处亲笔签字后重新上传。',
  },
  QC_DATE_MISSING: {
    zh: '承诺书“{file}”没有填写签署日期（年 月 日）',
    en: 'The pledge "{file}" has no signing date (年 月 日)',
    action: '请在承诺书末尾填写签署日期后重新上传。',
  },
  QC_REPORT_RANGE_SHORT: {
    zh: '专项信用报告“{file}”的查询时间段为 {from} 至 {to}，未覆盖申报所需的近{years}年（{needFrom} 至 {needTo}）',
    en: 'The credit report "{file}" covers {from} to {to}, not the last {years} year(s) required ({needFrom} to {needTo})',
    action: '请登录信用江苏官网重新申请专项信用报告，查询时间段覆盖申报日期前的完整期间。',
  },
  QC_REPORT_STALE: {
    zh: '专项信用报告“{file}”生成于 {generatedAt}，距申报日期 {applicationDate} 已超过 {days} 天',
    en: 'The credit report "{file}" was generated on {generatedAt}, more than {days} days before the application date {applicationDate}',
    action: '请在申报前重新申请最新的专项信用报告。',
  },
  QC_REPORT_SETTINGS: {
    zh: '专项信用报告“{file}”的查询设置不符合要求：{problems}',
    en: 'The credit report "{file}" was queried with the wrong settings: {problems}',
    action: '按通知要求重新申请：“信用服务 - 专项信用报告申请”，查询领域勾选“全选”，简易处罚选择“是”。',
  },
  QC_REPORT_RECORDS: {
    zh: '专项信用报告“{file}”的查询时间段内有以下记录：{categories}',
    en: 'The credit report "{file}" lists records in its period: {categoriesEn}',
    action: '请核实这些记录是否影响申报（公共信用状况为初审核验内容），必要时准备信用修复或情况说明材料。',
  },
  QC_WINDOW_MISMATCH: {
    zh: '“{file}”上传在“{slotName}”窗口，但内容更符合“{suggestedName}”窗口',
    en: '"{file}" was put in the "{slot}" window but belongs in "{suggested}"',
    action: '证明材料传错窗口该项不得分：请将文件移至建议的指标窗口，或确认其内容确实证明本窗口的评分细则。',
  },
  QC_MATERIAL_MISSING: {
    zh: '缺少申报材料：{material}',
    en: 'Missing material: {material}',
    action: '请按通知要求补充上传该材料。',
  },
  QC_OUTSIDE_APPLICATION_PERIOD: {
    zh: '{level}级为集中申报，申报时间为每年{window}；申报日期 {date} 不在此期间',
    en: 'Level {level} is applied for only from {window}; {date} is outside that period',
    action: '请在集中申报期间内提交，或改为申报 A 级（实时申报）。',
  },
  // Basic eligibility (基本资质): who may apply at all. The rules and their sources are the
  // year's policy (src/domain/policy/); each case of "not an independent legal person" has its
  // own wording, because each needs a different answer from the applicant.
  QC_NOT_IN_JIANGSU: {
    zh: '“{company}”不是在江苏省登记的企业：{evidence}',
    en: '"{company}" is not registered in Jiangsu: {evidenceEn}',
    action: '本认定面向在江苏省内登记注册的企业。企业已迁入江苏的，请上传迁入后换发的营业执照。',
  },
  QC_ENTITY_BRANCH: {
    zh: '“{company}”是分支机构（{evidence}），不具有独立法人资格',
    en: '"{company}" is a branch ({evidenceEn}), not an independent legal person',
    action: '分公司、分厂、办事处等分支机构不能单独申报，请由具有法人资格的总公司申报。',
  },
  QC_ENTITY_INDIVIDUAL: {
    zh: '“{company}”是个体工商户（{evidence}），不是企业法人',
    en: '"{company}" is an individual business (个体工商户, {evidenceEn}), not an enterprise legal person',
    action: '个体工商户不属于企业质量信用等级认定的申报对象。',
  },
  QC_ENTITY_SOLE_PROPRIETORSHIP: {
    zh: '“{company}”是个人独资企业（{evidence}），不具有独立法人资格',
    en: '"{company}" is a sole proprietorship (个人独资企业, {evidenceEn}) and has no legal personality',
    action: '个人独资企业由投资人承担无限责任，不是法人，不属于申报对象。',
  },
  QC_ENTITY_PARTNERSHIP: {
    zh: '“{company}”是合伙企业（{evidence}），不具有独立法人资格',
    en: '"{company}" is a partnership (合伙企业, {evidenceEn}) and has no legal personality',
    action: '合伙企业不是法人，不属于申报对象。',
  },
  QC_ENTITY_COOPERATIVE: {
    zh: '“{company}”是农民专业合作社（{evidence}），不是企业',
    en: '"{company}" is a farmers\' cooperative (农民专业合作社, {evidenceEn}), not an enterprise',
    action: '农民专业合作社不属于企业质量信用等级认定的申报对象。',
  },
  QC_ENTITY_NOT_ENTERPRISE: {
    zh: '“{company}”的统一社会信用代码表明其由{authority}登记（{evidence}），不是在市场监管部门登记的企业',
    en: 'The credit code of "{company}" shows a registration by {authority} ({evidenceEn}), not an enterprise registered with market regulation',
    action: '机关、事业单位、社会团体等不属于申报对象；如代码填写有误，请更正为营业执照上的代码。',
  },
  QC_TOO_FEW_YEARS: {
    zh: '“{company}”成立于 {establishedOn}，到申报日期 {applicationDate} 经营未满{years}年（{eligibleFrom} 起满{years}年）',
    en: '"{company}" was established on {establishedOn}: on {applicationDate} it has not been in operation for {years} years (it will be on {eligibleFrom})',
    action: '正常经营年限不足，请满{years}年后再申报。',
  },
  QC_LICENCE_EXPIRED: {
    zh: '营业执照的营业期限至 {termTo}，申报日期 {applicationDate} 时已届满',
    en: 'The business licence\'s term ended on {termTo}, before the application date {applicationDate}',
    action: '请先办理营业期限变更登记并换发营业执照，再申报。',
  },
  QC_RATING_LADDER: {
    zh: '申报{level}级须已获评{requires}级{held}；{stated}',
    en: 'Level {level} requires a current {requires} rating{heldEn}; {statedEn}',
    action: '等级逐级申报（A → AA → AAA）：请申报与现有等级相符的级别。',
  },
  QC_RATING_UNSTATED: {
    zh: '申报{level}级须已获评{requires}级{held}：现有等级无法离线查询，请审核人员核实',
    en: 'Level {level} requires a current {requires} rating{heldEn}: the rating cannot be looked up offline, a reviewer must confirm it',
    action: '填写现有等级及获评日期即可自动核对：申报清单中的 currentRating，或命令行的 --rating 与 --rating-since。',
  },
  QC_SERIOUS_DISHONESTY: {
    zh: '专项信用报告“{file}”的报告期内有{categories}记录，公共信用状况不符合申报条件',
    en: 'The credit report "{file}" lists {categoriesEn} in its period: the public-credit condition is not met',
    action: '请核实该记录；已完成信用修复的，请重新申请专项信用报告后再申报。',
  },
  QC_PUBLIC_CREDIT_SUMMARY: {
    zh: '专项信用报告“{file}”报告期内的记录：{summary}',
    en: 'Records in the period of the credit report "{file}": {summaryEn}',
  },
  QC_ELIGIBILITY_UNCONFIRMED: {
    zh: '无法确认{fact}：{reason}',
    en: 'Could not confirm {factEn}: {reasonEn}',
    action: '{look}',
  },
  QC_ELIGIBILITY_MET: {
    zh: '{rule}：{detail}',
    en: '{ruleEn}: {detailEn}',
  },
  // The HTTP service (`qcredit serve`): why a request was refused. Each maps to one HTTP
  // status in src/server/http-errors.ts; a bad uploaded file is a finding, never one of these.
  QC_UNAUTHORIZED: {
    zh: '缺少或错误的 API 密钥：请在请求头 Authorization: Bearer <密钥> 或 X-API-Key 中提供',
    en: 'Missing or wrong API key: send it as Authorization: Bearer <key> or X-API-Key',
  },
  QC_NOT_FOUND: {
    zh: '没有这个接口：{method} {path}',
    en: 'No such endpoint: {method} {path}',
  },
  QC_MEDIA_TYPE_UNSUPPORTED: {
    zh: '不支持的请求内容类型“{type}”：此接口需要 {expected}',
    en: 'Unsupported content type "{type}": this endpoint takes {expected}',
  },
  QC_NOT_ACCEPTABLE: {
    zh: '无法按 Accept 请求头“{accept}”返回：可以返回 {available}',
    en: 'Cannot answer in a type the Accept header "{accept}" allows: available are {available}',
  },
  QC_REQUEST_TOO_LARGE: {
    zh: '请求内容过大，上限为 {limit}',
    en: 'The request is too large; the limit is {limit}',
  },
  QC_TOO_MANY_FILES: {
    zh: '上传的文件过多：每次最多 {limit} 个',
    en: 'Too many files: at most {limit} per request',
  },
  QC_SERVER_BUSY: {
    zh: '服务器繁忙，请 {retryAfter} 秒后重试',
    en: 'The server is busy; retry in {retryAfter} s',
  },
  QC_SERVICE_UNAVAILABLE: {
    zh: '服务暂不可用（{reason}），请 {retryAfter} 秒后重试',
    en: 'The service is unavailable ({reasonEn}); retry in {retryAfter} s',
  },
  QC_REQUEST_TIMEOUT: {
    zh: '请求处理超时：超过 {seconds} 秒仍未完成',
    en: 'The request did not finish within {seconds} s',
  },
  QC_INTERNAL_ERROR: {
    zh: '服务器内部错误（请求编号 {requestId}）：请稍后重试，或把请求编号告知管理员',
    en: 'Internal server error (request id {requestId}): retry later, or give the request id to the administrator',
  },
  // Asynchronous checks (POST /v1/checks, `qcredit worker`): src/jobs/.
  QC_JOB_NOT_FOUND: {
    zh: '没有这个预审任务：{id}（任务结果保留 {ttl} 秒后删除）',
    en: 'No such check job: {id} (results are kept for {ttl} s)',
  },
  QC_TOO_MANY_JOBS: {
    zh: '未完成的预审任务已达上限（{limit} 个），请 {retryAfter} 秒后重试',
    en: 'Too many unfinished check jobs (limit {limit}); retry in {retryAfter} s',
  },
  QC_IDEMPOTENCY_CONFLICT: {
    zh: 'Idempotency-Key“{key}”已用于另一份不同的申报，请换一个密钥',
    en: 'Idempotency-Key "{key}" was used for a different submission; use a new key',
  },
  QC_WEBHOOK_HOST_DENIED: {
    zh: '回调地址的主机“{host}”不在允许列表中',
    en: 'The webhook host "{host}" is not on the allow-list',
  },
  QC_JOB_FILE_FAILED: {
    zh: '文件“{file}”未能读取完成：{reason}',
    en: 'File "{file}" could not be read: {reason}',
  },
  QC_QUEUE_UNAVAILABLE: {
    zh: '任务队列（Redis）不可用：{reason}',
    en: 'The job queue (Redis) is unavailable: {reason}',
  },
  // The reviewer's desk (`qcredit review`): findings across submissions, all 疑似 (to look at,
  // never a verdict by themselves), and why a review could not run.
  QC_REPEAT_FILE: {
    zh: '疑似重复使用材料：“{file}”与{otherCompany}（{otherCode}）申报材料中的“{otherFile}”是同一个文件',
    en: 'Possibly reused material: "{file}" is the same file as "{otherFile}" in the submission of {otherCompany} ({otherCode})',
    action: '请对照两家企业的这份材料及原件，确认它属于本企业。',
  },
  QC_REPEAT_PAGE: {
    zh: '疑似重复使用页面：“{file}”第{page}页与{otherCompany}（{otherCode}）“{otherFile}”第{otherPage}页的图像相同',
    en: 'Possibly reused page: page {page} of "{file}" looks the same as page {otherPage} of "{otherFile}" of {otherCompany} ({otherCode})',
    action: '请并排查看这两页，核对企业名称、编号和日期是否为本企业的。',
  },
  QC_REPEAT_SEAL: {
    zh: '疑似同一印章图像：“{file}”第{page}页的印章与{otherCompany}（{otherCode}）“{otherFile}”第{otherPage}页的印章图像相同',
    en: 'Possibly the same seal image: the seal on page {page} of "{file}" matches the one on page {otherPage} of "{otherFile}" of {otherCompany} ({otherCode})',
    action: '两次盖章不会完全一样，图像相同多为复制粘贴：请查看两处印章的文字，并核对原件。',
  },
  QC_REPEAT_CERTIFICATE: {
    zh: '疑似共用证书：“{file}”中的证书编号 {number} 也出现在{otherCompany}（{otherCode}）的“{otherFile}”中',
    en: 'Possibly a shared certificate: certificate number {number} in "{file}" also appears in "{otherFile}" of {otherCompany} ({otherCode})',
    action: '请按证书编号向发证机构（或在其官网）核实证书持有人。',
  },
  QC_REPEAT_REPORT_NUMBER: {
    zh: '疑似共用信用报告：“{file}”的报告编号 {number} 也出现在{otherCompany}（{otherCode}）的“{otherFile}”中',
    en: 'Possibly a shared credit report: report number {number} of "{file}" also appears in "{otherFile}" of {otherCompany} ({otherCode})',
    action: '请按报告编号在信用江苏核验该报告属于哪家企业。',
  },
  QC_REVIEW_SLOT_FROM_CONTENT: {
    zh: '“{file}”的文件名未写明上传位置，已按内容识别为“{slotName}”',
    en: 'The name of "{file}" does not say where it goes; placed in {slot} by its content',
  },
  QC_REVIEW_COMPANY_UNREAD: {
    zh: '文件夹“{folder}”没有 submission.json，也未能从营业执照读出企业名称和统一社会信用代码',
    en: 'Folder "{folder}" has no submission.json, and the company name and credit code could not be read from a business licence',
    action: '请在该文件夹中放一份 submission.json（company、level、applicationDate、files），或放入可读的营业执照。',
  },
  QC_REVIEW_FOLDER_EMPTY: {
    zh: '文件夹“{folder}”中没有可预审的申报：每家企业的材料应放在一个子文件夹中',
    en: 'Folder "{folder}" holds no submission to review: put each enterprise\'s files in a sub-folder of their own',
  },
  QC_STORE_UNAVAILABLE: {
    zh: '无法打开存储“{store}”：{reason}',
    en: 'Cannot open the store "{store}": {reason}',
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
} as const satisfies Record<string, { zh: string; en: string; action?: string }>;

export type QcErrorCode = keyof typeof ERROR_MESSAGES;
export type ErrorParams = Record<string, string | number>;

function fill(template: string, params: ErrorParams): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in params ? String(params[key]) : whole,
  );
}

/** The zh-CN and English messages of a code, filled with its params, and what to do (zh-CN). */
export function describeError(code: QcErrorCode, params: ErrorParams = {}) {
  const messages: { zh: string; en: string; action?: string } = ERROR_MESSAGES[code];
  return { zh: fill(messages.zh, params), en: fill(messages.en, params), action: messages.action ? fill(messages.action, params) : undefined };
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
