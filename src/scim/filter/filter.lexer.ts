import { invalidFilterAt } from './filter.errors';

export type FilterTokenKind = '(' | ')' | '[' | ']' | 'string' | 'word' | 'end';

export interface FilterToken {
  kind: FilterTokenKind;
  /** The decoded value for a string; the source text otherwise. */
  text: string;
  /** 0-based offset in the filter. */
  position: number;
}

const PUNCTUATION = new Set(['(', ')', '[', ']']);
const SIMPLE_ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/**
 * Splits a filter into brackets, JSON strings and words. A word is any run of characters other than
 * whitespace, brackets and quotes: keywords, operators, attribute paths, numbers and bare values alike;
 * the parser decides which by position.
 */
export function tokenizeFilter(filter: string): FilterToken[] {
  // PostgreSQL text cannot hold NUL: a value containing it would fail the query.
  const nul = filter.indexOf('\0');
  if (nul >= 0) throw invalidFilterAt(nul, 'the NUL character is not allowed');
  const tokens: FilterToken[] = [];
  let index = 0;
  while (index < filter.length) {
    const char = filter[index];
    if (/\s/.test(char)) {
      index++;
    } else if (PUNCTUATION.has(char)) {
      tokens.push({ kind: char as FilterTokenKind, text: char, position: index });
      index++;
    } else if (char === '"') {
      const { value, end } = readString(filter, index);
      tokens.push({ kind: 'string', text: value, position: index });
      index = end;
    } else {
      const start = index;
      while (index < filter.length && !/[\s()[\]"]/.test(filter[index])) index++;
      tokens.push({ kind: 'word', text: filter.slice(start, index), position: start });
    }
  }
  tokens.push({ kind: 'end', text: '', position: filter.length });
  return tokens;
}

/** Reads an RFC 8259 string starting at the opening quote; returns its value and the index after the closing quote. */
function readString(filter: string, start: number): { value: string; end: number } {
  let value = '';
  let index = start + 1;
  while (index < filter.length) {
    const char = filter[index];
    if (char === '"') return { value, end: index + 1 };
    if (char !== '\\') {
      value += char;
      index++;
      continue;
    }
    const escape = filter[index + 1];
    if (escape === 'u') {
      const hex = filter.slice(index + 2, index + 6);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw invalidFilterAt(index, 'expected four hex digits after "\\u"');
      if (hex === '0000') throw invalidFilterAt(index, 'strings cannot contain "\\u0000"');
      value += String.fromCharCode(parseInt(hex, 16));
      index += 6;
    } else if (escape !== undefined && Object.hasOwn(SIMPLE_ESCAPES, escape)) {
      value += SIMPLE_ESCAPES[escape];
      index += 2;
    } else {
      throw invalidFilterAt(index, `invalid escape "\\${escape ?? ''}" in string`);
    }
  }
  throw invalidFilterAt(start, 'unterminated string');
}
