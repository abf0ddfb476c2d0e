import { describe, expect, it } from 'vitest';

import {
  compileExpression,
  evaluateExpression,
  ExpressionError,
  type ExprNode,
  OVERLAY_VARIABLES,
  parseExpression,
  userExpression,
} from './expression.js';

/** Throws the ExpressionError `text` raises, or fails the test. */
function refusal(text: string, allowed?: readonly string[]): ExpressionError {
  try {
    parseExpression(text, allowed);
  } catch (error) {
    if (error instanceof ExpressionError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(text)} to be refused`);
}

const overlayVars = {
  W: 1920,
  H: 1080,
  w: 200,
  h: 100,
  t: 2,
  main_w: 1920,
  main_h: 1080,
  overlay_w: 200,
  overlay_h: 100,
};

describe(userExpression.name, () => {
  it.each([
    ['W-w-20', 'W-w-20'],
    ['(H-h)/2', '(H-h)/2'],
    ['min(W,H)*0.1', 'min(W,H)*0.1'],
    ['-10', '-10'],
    ['main_w-overlay_w-10', 'main_w-overlay_w-10'],
    ['t*50', 't*50'],
    // unary minus after binary minus is fine maths; ffmpeg refuses `W--w`, so it gets parentheses
    ['W--w', 'W-(-w)'],
    ['--w', '-(-w)'],
    ['-(H-h)', '-(H-h)'],
    [' W - w - 20 ', 'W-w-20'],
    ['((W))', 'W'],
    ['W-(w-20)', 'W-(w-20)'],
    ['W-(w+20)', 'W-(w+20)'],
    ['(W-w)-20', 'W-w-20'],
    ['W/(2*h)', 'W/(2*h)'],
    ['W/2/2', 'W/2/2'],
    ['W/(2/2)', 'W/(2/2)'],
    ['(W+w)*(H-h)', '(W+w)*(H-h)'],
    ['W+w*H', 'W+w*H'],
    ['max(min(W, H), -5) + 1.50', 'max(min(W,H),-5)+1.5'],
    ['007.250', '7.25'],
    ['0.0000001', '0'],
    ['123456789012345678901234', '123456789012345685803008'],
  ])('compiles %j to %j', (text, compiled) => {
    expect(userExpression(text)).toBe(compiled);
  });

  it.each([
    ['while(1)', 0, /Function 'while' at position 0 is not allowed/],
    ['st(0,1)', 0, /Function 'st'/],
    ['ld(0)', 0, /Function 'ld'/],
    ['random(1)', 0, /Function 'random'/],
    ['if(1,2,3)', 0, /Function 'if'/],
    ['gt(W,1)', 0, /Function 'gt'/],
    ['between(t,1,2)', 0, /Function 'between'/],
    ['eval', 0, /Unknown identifier 'eval' at position 0; allowed: W, H, w, h, t, main_w/],
    ['W-st', 2, /Unknown identifier 'st'/],
    ['PI*2', 0, /Unknown identifier 'PI'/],
    ['W-w-20:y=0', 6, /Unexpected ":" at position 6/],
    ['1;drop', 1, /Unexpected ";" at position 1/],
    ['[0:v]', 0, /Unexpected "\[" at position 0/],
    ['W]', 1, /Unexpected "]"/],
    ["'a'", 0, /Unexpected "'" at position 0/],
    [String.raw`W\,`, 1, /Unexpected "\\\\"/],
    ['W\n-w', 1, /Unexpected "\\n" at position 1/],
    ['W\t-w', 1, /Unexpected "\\t"/],
    ['W,H', 1, /Unexpected ',' at position 1/],
    ['(W,H)', 2, /Unexpected ','.*expected '\)'/],
    ['1e9', 0, /Malformed number '1e9' at position 0/],
    ['0x10', 0, /Malformed number '0x10'/],
    ['1K', 0, /Malformed number '1K'/],
    ['1.', 0, /Malformed number '1.'/],
    ['1.2.3', 0, /Malformed number '1.2.3'/],
    ['2W', 0, /Malformed number '2W'/],
    ['.5', 0, /Unexpected "\." at position 0/],
    ['+5', 0, /Unexpected '\+' at position 0/],
    ['W^2', 1, /Unexpected "\^"/],
    ['W%2', 1, /Unexpected "%"/],
    ['W==w', 1, /Unexpected "=" at position 1/],
    ['min(W)', 5, /min\(\) takes exactly two arguments/],
    ['max(W,H,w)', 7, /max\(\) takes exactly two arguments/],
    ['min', 0, /'min' at position 0 must be called as min\(a,b\)/],
    ['min+1', 0, /must be called/],
    ['W-', 2, /Unexpected end of expression at position 2/],
    ['(W', 2, /Unexpected end of expression.*expected '\)'/],
    ['W)', 1, /Unexpected '\)' at position 1/],
    ['W w', 2, /Unexpected 'w' at position 2/],
    ['()', 1, /Unexpected '\)'/],
    ['', 0, /Expression is empty/],
    ['   ', 0, /Expression is empty/],
  ])('refuses %j at position %i', (text, position, message) => {
    const error = refusal(text);
    expect(error.message).toMatch(message);
    expect(error.position).toBe(position);
    expect(error.name).toBe('ExpressionError');
  });

  it('refuses identifiers outside the caller-supplied set', () => {
    expect(userExpression('iw/2', ['W', 'H', 'iw', 'ih'])).toBe('iw/2');
    expect(refusal('w/2', ['W', 'H', 'iw', 'ih']).message).toMatch(/Unknown identifier 'w'.*allowed: W, H, iw, ih/);
  });

  it('refuses 1000 levels of nesting by length, without recursing', () => {
    const error = refusal(`${'('.repeat(1000)}1${')'.repeat(1000)}`);
    expect(error.message).toBe('Expression is 2001 characters long; the limit is 200');
  });

  it('refuses a 10 kB string by length', () => {
    expect(refusal('W+'.repeat(5120)).message).toMatch(/10240 characters long/);
  });

  it('refuses more than 64 tokens', () => {
    expect(userExpression(`1${'+1'.repeat(31)}`)).toHaveLength(63);
    const error = refusal(`1${'+1'.repeat(32)}`);
    expect(error.message).toBe('Expression has more than 64 tokens');
    expect(error.position).toBe(64);
  });

  it('refuses nesting deeper than 32 levels', () => {
    expect(userExpression(`${'-'.repeat(32)}1`)).toBe(`${'-('.repeat(31)}-1${')'.repeat(31)}`);
    const error = refusal(`${'-'.repeat(33)}1`);
    expect(error.message).toBe('Expression nests deeper than 32 levels');
    expect(error.position).toBe(32);
    expect(refusal(`min(${'-'.repeat(32)}1,1)`).message).toMatch(/nests deeper than 32/);
  });
});

describe(compileExpression.name, () => {
  const num = (value: number): ExprNode => ({ kind: 'num', value });
  const v = (name: string): ExprNode => ({ kind: 'var', name });

  it.each<[ExprNode, string]>([
    [{ kind: 'bin', op: '-', left: v('W'), right: num(-5) }, 'W-(-5)'],
    [{ kind: 'bin', op: '*', left: num(-5), right: v('w') }, '-5*w'],
    [{ kind: 'neg', arg: num(-5) }, '-(-5)'],
    [{ kind: 'neg', arg: { kind: 'bin', op: '*', left: v('w'), right: num(2) } }, '-(w*2)'],
    [{ kind: 'bin', op: '*', left: { kind: 'bin', op: '+', left: v('a'), right: v('b') }, right: v('c') }, '(a+b)*c'],
    [{ kind: 'num', value: 1e-3 }, '0.001'],
    [{ kind: 'call', fn: 'max', args: [{ kind: 'neg', arg: v('w') }, num(2.5)] }, 'max(-w,2.5)'],
  ])('writes %j as %s', (node, text) => expect(compileExpression(node)).toBe(text));

  it('refuses non-finite numbers in hand-built trees', () => {
    expect(() => compileExpression(num(Number.NaN))).toThrow(RangeError);
  });

  it.each(['W-w-20', '(H-h)/2', 'min(W,H)*0.1', 'W--w', 'W/(2/h)-t*3', 'max(W-(w+1),-(h-H))/3'])(
    'keeps the value of %j through compile and re-parse',
    (text) => {
      const tree = parseExpression(text);
      const reparsed = parseExpression(compileExpression(tree));
      expect(evaluateExpression(reparsed, overlayVars)).toBe(evaluateExpression(tree, overlayVars));
      expect(compileExpression(reparsed)).toBe(compileExpression(tree));
    },
  );
});

describe(evaluateExpression.name, () => {
  it.each([
    ['W-w-20', 1700],
    ['(H-h)/2', 490],
    ['min(W,H)*0.1', 108],
    ['max(W,H)', 1920],
    ['-10', -10],
    ['W--w', 2120],
    ['main_w-overlay_w-10', 1710],
    ['t*50', 100],
    ['2+3*4', 14],
    ['(2+3)*4', 20],
    ['8/4/2', 1],
    ['8-4-2', 2],
  ])('evaluates %j to %d', (text, value) => {
    expect(evaluateExpression(parseExpression(text), overlayVars)).toBe(value);
  });

  it('gives Infinity and NaN for division by zero, like ffmpeg, for the caller to check', () => {
    expect(evaluateExpression(parseExpression('W/0'), overlayVars)).toBe(Infinity);
    expect(evaluateExpression(parseExpression('0/0'), overlayVars)).toBeNaN();
  });

  it('throws for a variable without a value', () => {
    expect(() => evaluateExpression(parseExpression('W-w'), { W: 1 })).toThrow("No value for variable 'w'");
    expect(() => evaluateExpression({ kind: 'var', name: 'toString' }, {})).toThrow(/No value for variable/);
  });
});

describe('OVERLAY_VARIABLES', () => {
  it('lists overlay sizes and time, and cannot be changed', () => {
    expect(OVERLAY_VARIABLES).toEqual(['W', 'H', 'w', 'h', 't', 'main_w', 'main_h', 'overlay_w', 'overlay_h']);
    expect(Object.isFrozen(OVERLAY_VARIABLES)).toBe(true);
  });
});
