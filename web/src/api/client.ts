/** The one way the client talks to the API: JSON over fetch with the session cookie, errors as `ApiError`. */

export interface ValidationIssue {
  path: string | (string | number)[];
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly messageZh: string;
  readonly details: Record<string, unknown> | undefined;

  constructor(status: number, code: string, message: string, messageZh: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.messageZh = messageZh;
    this.details = details;
  }

  get issues(): ValidationIssue[] {
    const issues = this.details?.['issues'];
    return Array.isArray(issues) ? (issues as ValidationIssue[]) : [];
  }

  get correlationId(): string | undefined {
    const id = this.details?.['correlationId'];
    return typeof id === 'string' ? id : undefined;
  }
}

export function isApiError(err: unknown, code?: string): err is ApiError {
  return err instanceof ApiError && (code === undefined || err.code === code);
}

type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

/** Drops empty values so URLs stay short and the server sees "no filter" rather than an empty string. */
export function toQueryString(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function apiUrl(path: string, query?: Query): string {
  return `/api${path}${toQueryString(query)}`;
}

export type ExportFormat = 'xlsx' | 'csv';

/**
 * The download address of a list's export with the list's filters: a plain link, so the browser streams the file
 * to disk instead of holding it in memory. Paging is left out; the export holds every row of the filtered list.
 */
export function exportUrl(listPath: string, filters: Query, format: ExportFormat): string {
  return apiUrl(`${listPath}/export`, { ...filters, format });
}

let onUnauthorized: (() => void) | null = null;

/** The app installs this once (it knows the router); kept out of this module so it has no React dependency. */
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: Query;
  body?: unknown;
  signal?: AbortSignal | undefined;
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = 'GET', query, body, signal } = options;
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(apiUrl(path, query), {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? null : JSON.stringify(body),
      signal: signal ?? null,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'NETWORK', 'Network error', '网络连接失败');
  }

  const payload: unknown = await readJson(response);
  if (!response.ok) {
    const err = toApiError(response.status, payload);
    // A wrong password on login (or when changing one) is also a 401, but the session is fine.
    if (response.status === 401 && err.code !== 'INVALID_CREDENTIALS' && path !== '/auth/login') onUnauthorized?.();
    throw err;
  }
  return payload as T;
}

async function readJson(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** An error answer (status and parsed body) as an `ApiError`; also for requests made without `request` (uploads). */
export function toApiError(status: number, payload: unknown): ApiError {
  const body = isRecord(payload) && isRecord(payload['error']) ? payload['error'] : null;
  if (!body) {
    // A proxy or a crashed server answers without our error envelope.
    return new ApiError(status, status >= 500 ? 'INTERNAL' : 'HTTP_' + status, `HTTP ${status}`, `服务器错误（${status}）`);
  }
  const message = typeof body['message'] === 'string' ? body['message'] : `HTTP ${status}`;
  const messageZh = typeof body['messageZh'] === 'string' ? body['messageZh'] : message;
  const details = isRecord(body['details']) ? { ...body['details'] } : {};
  // docs/api.md puts correlationId next to code; keep it with the details so callers find it in one place.
  if (typeof body['correlationId'] === 'string') details['correlationId'] = body['correlationId'];
  const code = typeof body['code'] === 'string' ? body['code'] : 'HTTP_' + status;
  return new ApiError(status, code, message, messageZh, details);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export const http = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>(path, { query, signal }),
  post: <T>(path: string, body?: unknown) => request<T>(path, { method: 'POST', body: body ?? {} }),
  patch: <T>(path: string, body: unknown) => request<T>(path, { method: 'PATCH', body }),
};
