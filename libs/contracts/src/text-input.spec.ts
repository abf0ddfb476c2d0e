import { describe, expect, it } from 'vitest';
import { findForbiddenCharacter } from './text-input.js';

describe(findForbiddenCharacter.name, () => {
  it.each([
    ['plain text', 'Hello, world'],
    ['tab, line feed and CRLF', 'a\tb\nc\r\nd'],
    ['scripts and emoji', 'שלום สวัสดี 안녕 繁體 👩‍👩‍👧'],
    ['the last assigned code points before the non-characters', '\uFFFD\uFDCF\uFDF0'],
    ['a surrogate pair', '\uD83D\uDE00'],
  ])('accepts %s', (_name, text) => expect(findForbiddenCharacter(text)).toBeUndefined());

  it.each([
    ['NUL', 'ab\u0000', 2, 0x0000, 'the control character U+0000'],
    ['ESC', '\u001b[31m', 0, 0x001b, 'the control character U+001B'],
    ['DEL', 'a\u007f', 1, 0x007f, 'the control character U+007F'],
    ['a C1 control (NEL)', 'a\u0085', 1, 0x0085, 'the control character U+0085'],
    ['U+FDD0', '\uFDD0', 0, 0xfdd0, 'the non-character U+FDD0'],
    ['U+FFFE', 'x\uFFFE', 1, 0xfffe, 'the non-character U+FFFE'],
    ['U+1FFFF (a plane-1 non-character)', 'x\uD83F\uDFFF', 1, 0x1ffff, 'the non-character U+1FFFF'],
    ['a lone high surrogate', 'a\uD800b', 1, 0xd800, 'a lone surrogate U+D800'],
    ['a lone low surrogate at the end', 'ab\uDC00', 2, 0xdc00, 'a lone surrogate U+DC00'],
  ])('finds %s', (_name, text, index, codePoint, description) => {
    expect(findForbiddenCharacter(text)).toEqual({ index, codePoint, description });
  });
});
