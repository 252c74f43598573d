/**
 * The catalogue of error codes the API returns. Each code has one HTTP status; messages come in Chinese and English
 * because the people reading them are Chinese civil servants and the developers reading logs may not be.
 */
export const ERROR_CODES = {
  VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  INVALID_ID_NUMBER: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  OUT_OF_SCOPE: 403,
  NOT_FOUND: 404,
  VERSION_CONFLICT: 409,
  ALREADY_EXISTS: 409,
  INVALID_STATE: 409,
  IMPORT_HAS_ERRORS: 409,
  FILE_TOO_LARGE: 413,
  ACCOUNT_LOCKED: 429,
  TOO_MANY_REQUESTS: 429,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly messageZh: string;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, messageZh: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.status = ERROR_CODES[code];
    this.messageZh = messageZh;
    this.details = details;
  }
}

export const notFound = (what: string, whatZh: string) =>
  new AppError('NOT_FOUND', `${what} not found`, `${whatZh}不存在或不在您的管辖范围内`);

export const forbidden = (action: string, actionZh: string) =>
  new AppError('FORBIDDEN', `Your role may not ${action}`, `您的角色无权${actionZh}`);

export const versionConflict = (current: unknown) =>
  new AppError(
    'VERSION_CONFLICT',
    'Someone else saved this record after you opened it; reload it and apply your change again',
    '该记录在您打开后已被他人修改，请刷新后重新修改',
    { current },
  );
