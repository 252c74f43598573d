/**
 * The one place that turns API errors into something a cadre can read: a toast in their language, errors on the
 * form fields the server rejected, and a reload offer when someone else saved first.
 */
import type { App, FormInstance } from 'antd';
import { getLang, translate } from '../i18n';
import { testId } from '../utils/testId';
import { ApiError, isApiError, type ValidationIssue } from './client';

type AppApi = ReturnType<typeof App.useApp>;
type MessageInstance = AppApi['message'];
type ModalApi = AppApi['modal'];

// antd's static message/modal cannot read the theme/locale context; the app binds its context-aware instances here.
let messageApi: MessageInstance | null = null;
let modalApi: ModalApi | null = null;

export function bindFeedback(message: MessageInstance, modal: ModalApi): void {
  messageApi = message;
  modalApi = modal;
}

export function errorText(err: unknown): string {
  const lang = getLang();
  if (!(err instanceof ApiError)) return translate(lang, 'error.unknown');
  if (err.code === 'NETWORK') return translate(lang, 'error.network');
  const text = lang === 'zh' ? err.messageZh || err.message : err.message;
  const ref = err.correlationId;
  return ref ? `${text}（${translate(lang, 'error.correlation', { id: ref })}）` : text;
}

export function showError(err: unknown): void {
  // Aborted requests (page left, query superseded) are not failures the user should hear about.
  if (err instanceof DOMException && err.name === 'AbortError') return;
  void messageApi?.error(errorText(err));
}

export function showSuccess(text: string): void {
  void messageApi?.success(text);
}

export function isVersionConflict(err: unknown): boolean {
  return isApiError(err, 'VERSION_CONFLICT');
}

function issuePath(issue: ValidationIssue): (string | number)[] {
  if (Array.isArray(issue.path)) return issue.path;
  return issue.path.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

export interface SaveErrorOptions {
  /** Form whose fields receive the server's validation messages. */
  form?: FormInstance | undefined;
  /** Maps a server path (e.g. ['member', 'name']) to a form field name; return null for "not on this form". */
  mapPath?: (path: (string | number)[]) => (string | number)[] | null;
  /** Called when the user accepts to reload after a VERSION_CONFLICT. */
  onReload?: () => void;
  /** What was edited, for the conflict dialog: the household (default) or another record (a user account). */
  subject?: 'household' | 'record';
}

/** Handles the error of a save: conflict → reload dialog, validation → field errors, anything else → toast. */
export function reportSaveError(err: unknown, options: SaveErrorOptions = {}): void {
  const lang = getLang();
  if (isVersionConflict(err)) {
    const onReload = options.onReload;
    if (modalApi && onReload) {
      modalApi.confirm({
        title: translate(lang, options.subject === 'record' ? 'detail.conflictTitleRecord' : 'detail.conflictTitle'),
        content: translate(lang, 'detail.conflictBody'),
        okText: translate(lang, 'common.reload'),
        okButtonProps: testId('conflict-reload'),
        cancelText: translate(lang, 'common.cancel'),
        onOk: onReload,
      });
    } else {
      showError(err);
    }
    return;
  }
  if (isApiError(err, 'VALIDATION_FAILED') && options.form) {
    const form = options.form;
    const unplaced: string[] = [];
    const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
    for (const issue of (err as ApiError).issues) {
      const raw = issuePath(issue);
      const name = options.mapPath ? options.mapPath(raw) : raw;
      if (!name || name.length === 0) {
        unplaced.push(issue.message);
        continue;
      }
      const key = name.join('.');
      const entry = byField.get(key) ?? { name, errors: [] };
      entry.errors.push(issue.message);
      byField.set(key, entry);
    }
    form.setFields([...byField.values()]);
    const summary = translate(lang, 'error.validation');
    void messageApi?.error(unplaced.length ? `${summary}：${unplaced.join('；')}` : summary);
    return;
  }
  showError(err);
}
