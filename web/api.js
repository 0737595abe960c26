// @ts-check
/**
 * Calls to the tool's own HTTP API (same origin). Errors become ApiError with a Chinese
 * message the page can show as is: `{error:{code,message,messageEn}}` from the server, or
 * one of ours for the network, busy servers and time-outs.
 */

export class ApiError extends Error {
  /**
   * @param {number} status HTTP status, 0 when the request never got an answer
   * @param {string} code
   * @param {string} message zh-CN
   * @param {number | null} [retryAfter] seconds, from Retry-After on 429/503
   */
  constructor(status, code, message, retryAfter = null) {
    super(message);
    this.status = status;
    this.code = code;
    this.retryAfter = retryAfter;
  }
}

/** @param {string | null} header */
function parseRetryAfter(header) {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

/**
 * @param {number} status
 * @param {string | null} retryAfterHeader
 * @param {string} bodyText
 */
function errorFrom(status, retryAfterHeader, bodyText) {
  const retryAfter = parseRetryAfter(retryAfterHeader);
  /** @type {{code?: string, message?: string} | undefined} */
  let error;
  try {
    error = JSON.parse(bodyText)?.error;
  } catch {
    // A proxy's HTML error page: the status says enough.
  }
  const wait = retryAfter ? `（约 ${retryAfter} 秒后可以再试）` : '';
  if (status === 429) return new ApiError(status, error?.code ?? 'QC_SERVER_BUSY', `服务器繁忙，请稍后重试${wait}`, retryAfter);
  // 503 says why (the OCR engine is starting, the service is closing): keep the server's words.
  if (status === 503) return new ApiError(status, error?.code ?? 'QC_SERVICE_UNAVAILABLE', `${error?.message ?? '服务器繁忙，请稍后重试'}${wait}`, retryAfter);
  if (status === 401) return new ApiError(status, error?.code ?? 'QC_UNAUTHORIZED', error?.message ?? '需要 API 密钥');
  if (status === 413) return new ApiError(status, error?.code ?? 'QC_FILE_TOO_LARGE', error?.message ?? '上传的文件太大，超出了服务器的限制');
  if (error?.message) return new ApiError(status, error.code ?? 'QC_ERROR', error.message, retryAfter);
  if (status === 404) return new ApiError(status, 'QC_NOT_FOUND', '服务器不支持此功能（接口不存在），请升级 qcredit');
  return new ApiError(status, 'QC_HTTP', `服务器出错（HTTP ${status}），请稍后重试`);
}

const KEY_STORAGE = 'qcredit.apiKey';

/** The API key, when the server was started with one; kept for this tab only. */
let apiKey = (() => {
  try {
    return sessionStorage.getItem(KEY_STORAGE) ?? '';
  } catch {
    return '';
  }
})();

/** @param {string} key */
export function setApiKey(key) {
  apiKey = key.trim();
  try {
    if (apiKey) sessionStorage.setItem(KEY_STORAGE, apiKey);
    else sessionStorage.removeItem(KEY_STORAGE);
  } catch {
    // Kept in memory only.
  }
}

/** @param {Record<string, string>} headers */
const withKey = (headers) => (apiKey ? { ...headers, 'x-api-key': apiKey } : headers);

const NETWORK = () => new ApiError(0, 'QC_NETWORK', '无法连接到 qcredit 服务，请确认服务仍在运行后重试');

/**
 * @param {string} url
 * @param {RequestInit} [init]
 * @returns {Promise<Response>}
 */
async function request(url, init) {
  let response;
  try {
    response = await fetch(url, { ...init, headers: withKey(/** @type {Record<string, string>} */ (init?.headers ?? {})) });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw NETWORK();
  }
  if (!response.ok) throw errorFrom(response.status, response.headers.get('retry-after'), await response.text().catch(() => ''));
  return response;
}

/** @returns {Promise<any>} */
export async function getCatalogue() {
  return (await request('/v1/catalogue', { headers: { accept: 'application/json' } })).json();
}

/**
 * @param {string} code
 * @param {AbortSignal} [signal]
 * @returns {Promise<any>}
 */
export async function getCreditCode(code, signal) {
  return (await request(`/v1/credit-codes/${encodeURIComponent(code)}`, { signal, headers: { accept: 'application/json' } })).json();
}

/**
 * What this server's /v1/check accepts beyond the basics, from its OpenAPI document: the query
 * parameter that attaches thumbnails, if any. An older server rejects unknown parameters, so
 * the page only sends what is documented.
 * @returns {Promise<{previewParam: string | null}>}
 */
export async function getFeatures() {
  try {
    const doc = await (await request('/openapi.json', { headers: { accept: 'application/json' } })).json();
    /** @type {{name: string, in: string}[]} */
    const params = doc?.paths?.['/v1/check']?.post?.parameters ?? [];
    const preview = params.find((p) => p.in === 'query' && /^previews?$/.test(p.name));
    return { previewParam: preview?.name ?? null };
  } catch {
    return { previewParam: null };
  }
}

/**
 * POSTs JSON and returns the document the server made, with its file name.
 * @param {'pledge' | 'summary'} kind
 * @param {'pdf' | 'docx'} format
 * @param {unknown} body
 * @param {Record<string, string>} [query]
 * @returns {Promise<{blob: Blob, filename: string | null}>}
 */
export async function postDocument(kind, format, body, query = {}) {
  const params = new URLSearchParams({ format, ...query });
  const response = await request(`/v1/${kind}?${params}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { blob: await response.blob(), filename: filenameFrom(response.headers.get('content-disposition')) };
}

/** @param {string | null} header */
function filenameFrom(header) {
  if (!header) return null;
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      // fall through to the plain parameter
    }
  }
  return /filename\s*=\s*"?([^";]+)"?/i.exec(header)?.[1] ?? null;
}

/**
 * @typedef {object} CheckCall
 * @property {Promise<any>} done resolves with the parsed JSON, or a Blob for format 'html'
 * @property {() => void} abort
 */

/**
 * Uploads a submission with XMLHttpRequest, because fetch cannot report upload progress.
 * @param {FormData} form
 * @param {{format?: 'json' | 'html', previewParam?: string | null, onUpload?: (loaded: number, total: number) => void, onUploaded?: () => void}} options
 * @returns {CheckCall}
 */
export function postCheck(form, options = {}) {
  const xhr = new XMLHttpRequest();
  const params = new URLSearchParams();
  if (options.format === 'html') params.set('format', 'html');
  if (options.previewParam) params.set(options.previewParam, 'true');
  const query = params.size ? `?${params}` : '';
  const done = new Promise((resolve, reject) => {
    xhr.open('POST', `/v1/check${query}`);
    xhr.responseType = 'blob';
    xhr.setRequestHeader('accept', options.format === 'html' ? 'text/html' : 'application/json');
    if (apiKey) xhr.setRequestHeader('x-api-key', apiKey);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) options.onUpload?.(event.loaded, event.total);
    };
    xhr.upload.onload = () => options.onUploaded?.();
    xhr.onerror = () => reject(NETWORK());
    xhr.ontimeout = () => reject(new ApiError(0, 'QC_TIMEOUT', '服务器长时间没有回应，请稍后重试'));
    xhr.onabort = () => reject(new DOMException('已取消', 'AbortError'));
    xhr.onload = async () => {
      /** @type {Blob} */
      const blob = xhr.response;
      if (xhr.status < 200 || xhr.status >= 300) {
        reject(errorFrom(xhr.status, xhr.getResponseHeader('retry-after'), await blob.text().catch(() => '')));
        return;
      }
      if (options.format === 'html') {
        resolve(blob);
        return;
      }
      try {
        resolve(JSON.parse(await blob.text()));
      } catch {
        reject(new ApiError(xhr.status, 'QC_BAD_RESPONSE', '服务器返回的结果无法读取，请重试'));
      }
    };
    xhr.send(form);
  });
  return { done, abort: () => xhr.abort() };
}
