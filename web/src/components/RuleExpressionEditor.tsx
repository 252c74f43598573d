import { useImperativeHandle, useRef, type Ref } from 'react';
import { Flex, Input, Typography } from 'antd';
import type { GetRef } from 'antd';
import type { RuleError } from '../api/rules';
import { useLang, useT } from '../i18n';

export interface RuleEditorHandle {
  /** Replaces the selection (or inserts at the caret); the caret ends `back` characters before the new text's end. */
  insert: (text: string, back?: number) => void;
  /** Selects a span of the text, to point at an error. */
  select: (span: { start: number; end: number }) => void;
}

interface Props {
  value?: string | null;
  onChange?: (value: string) => void;
  /** The checker's errors in this text; each is shown under the editor with its text underlined. */
  errors: RuleError[];
  /** The page inserts from the field picker into the editor used last. */
  onFocus?: () => void;
  placeholder?: string;
  rows?: number;
  testId: string;
  id?: string;
  ref?: Ref<RuleEditorHandle>;
}

export const MONOSPACE = "ui-monospace, 'SFMono-Regular', Menlo, Consolas, 'Liberation Mono', monospace";
const MARK_STYLE = { textDecoration: 'underline wavy #ff4d4f', textUnderlineOffset: 3, background: 'rgba(255, 77, 79, 0.12)', borderRadius: 2 } as const;

/** Line and column (1-based) of an offset, as an officer counts them. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** The line holding the span, cut into the text before, the offending text and the text after. */
function excerpt(text: string, span: { start: number; end: number }) {
  const start = Math.max(0, Math.min(span.start, text.length));
  const end = Math.max(start, Math.min(span.end, text.length));
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const nl = text.indexOf('\n', end);
  const lineEnd = nl === -1 ? text.length : nl;
  return { before: text.slice(lineStart, start), bad: text.slice(start, end), after: text.slice(end, lineEnd) };
}

/**
 * A monospace editor for one rule-language text (condition or appliesTo). Errors from the server's checker carry
 * character offsets; they are listed under the text with the offending characters underlined, and a click on one
 * selects those characters in the editor.
 */
export function RuleExpressionEditor({ value, onChange, errors, onFocus, placeholder, rows = 4, testId, id, ref }: Props) {
  const t = useT();
  const [lang] = useLang();
  const area = useRef<GetRef<typeof Input.TextArea>>(null);
  const text = value ?? '';
  const element = () => area.current?.resizableTextArea?.textArea ?? null;
  const select = ({ start, end }: { start: number; end: number }) => {
    const el = element();
    if (!el) return;
    el.focus();
    // An empty span (the text ended too early) still needs one visible character.
    el.setSelectionRange(start, end > start ? end : Math.min(start + 1, text.length));
  };

  useImperativeHandle(
    ref,
    () => ({
      insert: (snippet, back = 0) => {
        const el = element();
        const start = el ? el.selectionStart : text.length;
        const end = el ? el.selectionEnd : text.length;
        // A space keeps an inserted name from running into the word before it.
        const pad = start > 0 && /[\w')]/.test(text[start - 1] ?? '') && /^[\w(']/.test(snippet) ? ' ' : '';
        const next = text.slice(0, start) + pad + snippet + text.slice(end);
        onChange?.(next);
        const caret = start + pad.length + snippet.length - back;
        requestAnimationFrame(() => {
          const target = element();
          target?.focus();
          target?.setSelectionRange(caret, caret);
        });
      },
      select,
    }),
    [text, onChange],
  );

  return (
    <Flex vertical gap={4}>
      <Input.TextArea
        ref={area}
        id={id}
        value={text}
        onChange={(e) => onChange?.(e.target.value)}
        onFocus={onFocus}
        placeholder={placeholder}
        autoSize={{ minRows: rows, maxRows: 16 }}
        spellCheck={false}
        status={errors.length ? 'error' : undefined}
        style={{ fontFamily: MONOSPACE, fontSize: 13 }}
        data-testid={testId}
      />
      {errors.map((err, i) => {
        const part = excerpt(text, err.span);
        const at = lineColumn(text, err.span.start);
        return (
          <div
            key={`${err.span.start}-${err.code}-${i}`}
            role="button"
            tabIndex={0}
            onClick={() => select(err.span)}
            onKeyDown={(e) => e.key === 'Enter' && select(err.span)}
            style={{ cursor: 'pointer', border: '1px solid #ffccc7', background: '#fff2f0', borderRadius: 6, padding: '4px 8px' }}
            data-testid={`${testId}-error`}
            data-code={err.code}
          >
            <Typography.Text type="danger" style={{ fontSize: 13 }}>
              {t('rules.editor.errorAt', { line: at.line, column: at.column })}
              {lang === 'zh' ? err.messageZh : err.message}
            </Typography.Text>
            <pre style={{ margin: '2px 0 0', fontFamily: MONOSPACE, fontSize: 12, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
              {part.before}
              <mark style={MARK_STYLE} data-testid={`${testId}-error-mark`}>
                {part.bad || ' '}
              </mark>
              {part.after}
            </pre>
          </div>
        );
      })}
    </Flex>
  );
}
