/**
 * The one HTTP module of the client: JSON in and out, cookies for the session, and every non-2xx
 * response turned into an `ApiError` carrying the server's code and Chinese message.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

async function request<T>(method: string, url: string, body?: unknown, init: RequestInit = {}): Promise<T> {
  let res: Response;
  const isForm = typeof FormData !== 'undefined' && body instanceof FormData;
  try {
    res = await fetch(url, {
      method,
      credentials: 'same-origin',
      headers: body === undefined || isForm ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : isForm ? (body as FormData) : JSON.stringify(body),
      ...init,
    });
  } catch {
    throw new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试');
  }
  const type = res.headers.get('content-type') ?? '';
  if (!res.ok) {
    if (type.includes('application/json')) {
      const data = (await res.json()) as { error?: { code: string; message: string; details?: Record<string, unknown> } };
      if (data.error) throw new ApiError(res.status, data.error.code, data.error.message, data.error.details ?? {});
    }
    throw new ApiError(res.status, 'HTTP_' + res.status, `请求失败（${res.status}）`);
  }
  if (type.includes('application/json')) return (await res.json()) as T;
  return (await res.blob()) as unknown as T;
}

export const http = {
  get: <T>(url: string) => request<T>('GET', url),
  post: <T>(url: string, body?: unknown) => request<T>('POST', url, body ?? {}),
  put: <T>(url: string, body?: unknown) => request<T>('PUT', url, body ?? {}),
  patch: <T>(url: string, body?: unknown) => request<T>('PATCH', url, body ?? {}),
  del: <T>(url: string) => request<T>('DELETE', url),
  /** Multipart upload (files); the server answers JSON. */
  upload: <T>(url: string, form: FormData) => request<T>('POST', url, form),
};

/** Open a server-generated file (PDF/xlsx) in a new tab or download it. */
export function openFile(url: string): void {
  window.open(url, '_blank', 'noopener');
}
