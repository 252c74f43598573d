/**
 * Lexer and parser of the rule language. The grammar is small and SQL-like so that an officer who has written an
 * Excel filter can read it:
 *
 *   expr    := or
 *   or      := and ('or' and)*
 *   and     := not ('and' not)*
 *   not     := 'not' not | compare
 *   compare := sum [ op sum | 'is' ['not'] ('null' | 'empty') | ['not'] 'in' '(' sum (',' sum)* ')'
 *                  | ['not'] 'between' sum 'and' sum | ['not'] 'matches' string ]
 *   sum     := product (('+' | '-') product)*
 *   product := unary (('*' | '/') unary)*
 *   unary   := '-' unary | primary
 *   primary := number | string | 'true' | 'false' | 'null' | 'date' string | path | call | '(' expr ')'
 *   call    := name '(' [collection ['where' expr] | expr (',' expr)*] ')'     -- count(members where …)
 *   path    := name ('.' name)*                                                 -- member.age, std.dibao_standard
 *
 * Keywords are case-insensitive; identifiers are ASCII; strings use single quotes ('' for a quote inside).
 */
import type { SourceSpan } from './types.js';

export type CompareOp = '=' | '!=' | '<' | '<=' | '>' | '>=';
export type ArithOp = '+' | '-' | '*' | '/';

export type Expr =
  | { kind: 'literal'; value: number | string | boolean | null; isDate?: true; span: SourceSpan }
  | { kind: 'path'; parts: string[]; span: SourceSpan }
  | { kind: 'not'; operand: Expr; span: SourceSpan }
  | { kind: 'logic'; op: 'and' | 'or'; left: Expr; right: Expr; span: SourceSpan }
  | { kind: 'compare'; op: CompareOp; left: Expr; right: Expr; span: SourceSpan }
  | { kind: 'arith'; op: ArithOp; left: Expr; right: Expr; span: SourceSpan }
  | { kind: 'neg'; operand: Expr; span: SourceSpan }
  | { kind: 'isNull'; operand: Expr; negated: boolean; empty: boolean; span: SourceSpan }
  | { kind: 'in'; operand: Expr; list: Expr[]; negated: boolean; span: SourceSpan }
  | { kind: 'between'; operand: Expr; low: Expr; high: Expr; negated: boolean; span: SourceSpan }
  | { kind: 'matches'; operand: Expr; pattern: string; negated: boolean; span: SourceSpan }
  | { kind: 'call'; name: string; args: Expr[]; span: SourceSpan }
  | { kind: 'aggregate'; fn: string; collection: string; where: Expr | null; span: SourceSpan };

export class RuleSyntaxError extends Error {
  constructor(
    readonly span: SourceSpan,
    message: string,
    readonly messageZh: string,
  ) {
    super(message);
  }
}

type TokenKind = 'number' | 'string' | 'name' | 'op' | 'punct' | 'eof';
interface Token {
  kind: TokenKind;
  text: string;
  value?: number | string;
  start: number;
  end: number;
}

const KEYWORDS = new Set(['and', 'or', 'not', 'is', 'null', 'empty', 'in', 'between', 'matches', 'true', 'false', 'date', 'where']);
/** Aggregates take a collection of the household's records, optionally filtered. */
export const AGGREGATE_FUNCTIONS = ['count', 'share', 'exists', 'none', 'all'] as const;

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const start = i;
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(src[i + 1] ?? ''))) {
      while (i < src.length && /[0-9_.]/.test(src[i]!)) i++;
      const text = src.slice(start, i);
      const value = Number(text.replaceAll('_', ''));
      if (!Number.isFinite(value)) throw new RuleSyntaxError({ start, end: i }, `Bad number ${text}`, `数字格式错误：${text}`);
      tokens.push({ kind: 'number', text, value, start, end: i });
    } else if (/[A-Za-z_]/.test(c)) {
      while (i < src.length && /[A-Za-z0-9_]/.test(src[i]!)) i++;
      tokens.push({ kind: 'name', text: src.slice(start, i), start, end: i });
    } else if (c === "'") {
      let value = '';
      i++;
      for (;;) {
        if (i >= src.length) throw new RuleSyntaxError({ start, end: i }, 'Unterminated string', '字符串缺少结尾的单引号');
        if (src[i] === "'") {
          if (src[i + 1] === "'") {
            value += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += src[i];
        i++;
      }
      tokens.push({ kind: 'string', text: src.slice(start, i), value, start, end: i });
    } else if (/[<>!=]/.test(c)) {
      const two = src.slice(i, i + 2);
      const op = ['<=', '>=', '!=', '<>'].includes(two) ? two : c;
      if (op === '!') throw new RuleSyntaxError({ start, end: i + 1 }, 'Unexpected "!" (use != or not)', '无法识别"!"（请用 != 或 not）');
      i += op.length;
      tokens.push({ kind: 'op', text: op === '<>' ? '!=' : op, start, end: i });
    } else if ('+-*/'.includes(c)) {
      i++;
      tokens.push({ kind: 'op', text: c, start, end: i });
    } else if ('(),.'.includes(c)) {
      i++;
      tokens.push({ kind: 'punct', text: c, start, end: i });
    } else {
      throw new RuleSyntaxError({ start, end: i + 1 }, `Unexpected character "${c}"`, `无法识别的字符"${c}"（字段名用英文，文字值用单引号）`);
    }
  }
  tokens.push({ kind: 'eof', text: '', start: src.length, end: src.length });
  return tokens;
}

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.pos]!;
  }
  private next(): Token {
    return this.tokens[this.pos++]!;
  }
  private isKeyword(word: string, offset = 0): boolean {
    const t = this.tokens[this.pos + offset];
    return t?.kind === 'name' && t.text.toLowerCase() === word;
  }
  private acceptKeyword(word: string): Token | null {
    return this.isKeyword(word) ? this.next() : null;
  }
  private expectKeyword(word: string): Token {
    const t = this.acceptKeyword(word);
    if (!t) throw this.unexpected(`"${word}"`);
    return t;
  }
  private expectPunct(p: string): Token {
    const t = this.peek();
    if (t.kind !== 'punct' || t.text !== p) throw this.unexpected(`"${p}"`);
    return this.next();
  }
  private unexpected(wanted: string): RuleSyntaxError {
    const t = this.peek();
    const got = t.kind === 'eof' ? 'the end' : `"${t.text}"`;
    const gotZh = t.kind === 'eof' ? '结尾' : `"${t.text}"`;
    return new RuleSyntaxError({ start: t.start, end: Math.max(t.end, t.start + 1) }, `Expected ${wanted} but found ${got}`, `此处应为 ${wanted}，实际是 ${gotZh}`);
  }

  parseAll(): Expr {
    const e = this.or();
    if (this.peek().kind !== 'eof') throw this.unexpected('the end of the expression (and / or?)');
    return e;
  }

  private or(): Expr {
    let left = this.and();
    while (this.acceptKeyword('or')) {
      const right = this.and();
      left = { kind: 'logic', op: 'or', left, right, span: join(left.span, right.span) };
    }
    return left;
  }

  private and(): Expr {
    let left = this.not();
    while (this.acceptKeyword('and')) {
      const right = this.not();
      left = { kind: 'logic', op: 'and', left, right, span: join(left.span, right.span) };
    }
    return left;
  }

  private not(): Expr {
    const t = this.acceptKeyword('not');
    if (t) {
      const operand = this.not();
      return { kind: 'not', operand, span: { start: t.start, end: operand.span.end } };
    }
    return this.compare();
  }

  private compare(): Expr {
    const left = this.sum();
    const t = this.peek();
    if (t.kind === 'op' && ['=', '!=', '<', '<=', '>', '>='].includes(t.text)) {
      this.next();
      const right = this.sum();
      return { kind: 'compare', op: t.text as CompareOp, left, right, span: join(left.span, right.span) };
    }
    if (this.acceptKeyword('is')) {
      const negated = !!this.acceptKeyword('not');
      const word = this.acceptKeyword('null') ?? this.acceptKeyword('empty');
      if (!word) throw this.unexpected('"null" or "empty"');
      return { kind: 'isNull', operand: left, negated, empty: word.text.toLowerCase() === 'empty', span: { start: left.span.start, end: word.end } };
    }
    const negated = this.isKeyword('not') && (this.isKeyword('in', 1) || this.isKeyword('between', 1) || this.isKeyword('matches', 1));
    if (negated) this.next();
    if (this.acceptKeyword('in')) {
      this.expectPunct('(');
      const list = [this.sum()];
      while (this.peek().text === ',' && this.peek().kind === 'punct') {
        this.next();
        list.push(this.sum());
      }
      const close = this.expectPunct(')');
      return { kind: 'in', operand: left, list, negated, span: { start: left.span.start, end: close.end } };
    }
    if (this.acceptKeyword('between')) {
      const low = this.sum();
      this.expectKeyword('and');
      const high = this.sum();
      return { kind: 'between', operand: left, low, high, negated, span: join(left.span, high.span) };
    }
    if (this.acceptKeyword('matches')) {
      const p = this.next();
      if (p.kind !== 'string') {
        this.pos--;
        throw this.unexpected('a quoted pattern');
      }
      return { kind: 'matches', operand: left, pattern: p.value as string, negated, span: { start: left.span.start, end: p.end } };
    }
    return left;
  }

  private sum(): Expr {
    let left = this.product();
    for (let t = this.peek(); t.kind === 'op' && (t.text === '+' || t.text === '-'); t = this.peek()) {
      this.next();
      const right = this.product();
      left = { kind: 'arith', op: t.text as ArithOp, left, right, span: join(left.span, right.span) };
    }
    return left;
  }

  private product(): Expr {
    let left = this.unary();
    for (let t = this.peek(); t.kind === 'op' && (t.text === '*' || t.text === '/'); t = this.peek()) {
      this.next();
      const right = this.unary();
      left = { kind: 'arith', op: t.text as ArithOp, left, right, span: join(left.span, right.span) };
    }
    return left;
  }

  private unary(): Expr {
    const t = this.peek();
    if (t.kind === 'op' && t.text === '-') {
      this.next();
      const operand = this.unary();
      return { kind: 'neg', operand, span: { start: t.start, end: operand.span.end } };
    }
    return this.primary();
  }

  private primary(): Expr {
    const t = this.next();
    const span = { start: t.start, end: t.end };
    if (t.kind === 'number') return { kind: 'literal', value: t.value as number, span };
    if (t.kind === 'string') return { kind: 'literal', value: t.value as string, span };
    if (t.kind === 'punct' && t.text === '(') {
      const e = this.or();
      const close = this.expectPunct(')');
      return { ...e, span: { start: t.start, end: close.end } };
    }
    if (t.kind !== 'name') {
      this.pos--;
      throw this.unexpected('a value, a field or "("');
    }
    const word = t.text.toLowerCase();
    if (word === 'true' || word === 'false') return { kind: 'literal', value: word === 'true', span };
    if (word === 'null') return { kind: 'literal', value: null, span };
    if (word === 'date') {
      const s = this.next();
      if (s.kind !== 'string') {
        this.pos--;
        throw this.unexpected("a date in quotes, e.g. date '2020-09-01'");
      }
      return { kind: 'literal', value: s.value as string, isDate: true, span: { start: t.start, end: s.end } };
    }
    if (KEYWORDS.has(word)) {
      this.pos--;
      throw this.unexpected('a value or a field');
    }
    if (this.peek().kind === 'punct' && this.peek().text === '(') return this.call(t);
    const parts = [t.text];
    let end = t.end;
    while (this.peek().kind === 'punct' && this.peek().text === '.') {
      this.next();
      const n = this.next();
      if (n.kind !== 'name') {
        this.pos--;
        throw this.unexpected('a field name after "."');
      }
      parts.push(n.text);
      end = n.end;
    }
    return { kind: 'path', parts, span: { start: t.start, end } };
  }

  private call(name: Token): Expr {
    this.expectPunct('(');
    const fn = name.text.toLowerCase();
    if ((AGGREGATE_FUNCTIONS as readonly string[]).includes(fn)) {
      const c = this.next();
      if (c.kind !== 'name') {
        this.pos--;
        throw this.unexpected('a collection, e.g. members');
      }
      const where = this.acceptKeyword('where') ? this.or() : null;
      const close = this.expectPunct(')');
      return { kind: 'aggregate', fn, collection: c.text, where, span: { start: name.start, end: close.end } };
    }
    const args: Expr[] = [];
    if (!(this.peek().kind === 'punct' && this.peek().text === ')')) {
      args.push(this.or());
      while (this.peek().kind === 'punct' && this.peek().text === ',') {
        this.next();
        args.push(this.or());
      }
    }
    const close = this.expectPunct(')');
    return { kind: 'call', name: fn, args, span: { start: name.start, end: close.end } };
  }
}

function join(a: SourceSpan, b: SourceSpan): SourceSpan {
  return { start: a.start, end: b.end };
}

/** Parses one expression; throws RuleSyntaxError with the span of the offending text. */
export function parseExpression(src: string): Expr {
  return new Parser(tokenize(src)).parseAll();
}
