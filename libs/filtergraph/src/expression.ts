import { formatNumber } from './format-number.js';

/**
 * User-supplied position and size expressions (`W-w-20`, `min(W,H)*0.1`), parsed into a tree and written back
 * out, so ffmpeg never sees the user's text. ffmpeg's evaluator (libavutil/eval.c) is far larger than this
 * grammar: `st`/`ld` write and read state, `while` loops, `random` is nondeterministic, and numbers accept
 * exponents, hex and SI suffixes (`1K` is 1000). None of that is reachable from here.
 *
 *   sum     := product (('+' | '-') product)*
 *   product := unary (('*' | '/') unary)*
 *   unary   := '-' unary | primary
 *   primary := number | identifier | ('min' | 'max') '(' sum ',' sum ')' | '(' sum ')'
 *   number  := digits ('.' digits)?
 */
export type ExprNode =
  | { kind: 'num'; value: number }
  | { kind: 'var'; name: string }
  | { kind: 'neg'; arg: ExprNode }
  | { kind: 'bin'; op: '+' | '-' | '*' | '/'; left: ExprNode; right: ExprNode }
  | { kind: 'call'; fn: 'min' | 'max'; args: [ExprNode, ExprNode] };

/** A refused expression; `position` is the 0-based character offset of what was refused. */
export class ExpressionError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
    this.name = 'ExpressionError';
  }
}

/** overlay's variables: W/H and main_w/main_h are the main video's size, w/h and overlay_* the overlaid one's; t is seconds. */
export const OVERLAY_VARIABLES: readonly string[] = Object.freeze([
  'W',
  'H',
  'w',
  'h',
  't',
  'main_w',
  'main_h',
  'overlay_w',
  'overlay_h',
]);

/** Bounds on hostile input: the parser recurses once per nesting level, so depth must stay far below the stack. */
const MAX_LENGTH_CHARS = 200;
const MAX_DEPTH = 32;
const MAX_TOKENS = 64;

type Token =
  | { kind: 'num'; value: number; position: number }
  | { kind: 'ident'; name: string; position: number }
  | { kind: 'op'; op: '+' | '-' | '*' | '/'; position: number }
  | { kind: '(' | ')' | ',' | 'end'; position: number };

type FunctionName = 'min' | 'max';
const FUNCTIONS: readonly FunctionName[] = ['min', 'max'];
const isFunctionName = (name: string): name is FunctionName => (FUNCTIONS as readonly string[]).includes(name);

export function parseExpression(text: string, allowed: readonly string[] = OVERLAY_VARIABLES): ExprNode {
  if (text.length > MAX_LENGTH_CHARS) {
    throw new ExpressionError(
      `Expression is ${text.length} characters long; the limit is ${MAX_LENGTH_CHARS}`,
      MAX_LENGTH_CHARS,
    );
  }
  return new Parser(tokenize(text), new Set(allowed)).parse();
}

/** Writes the tree as an ffmpeg expression: minimal parentheses, plain decimal numbers. */
export function compileExpression(node: ExprNode): string {
  switch (node.kind) {
    case 'num':
      return formatNumber(node.value);
    case 'var':
      return node.name;
    case 'neg':
      // ffmpeg takes one sign per factor: `--w` and `W--w` fail to evaluate, `-(-w)` and `W-(-w)` work.
      return `-${startsWithSign(node.arg) || node.arg.kind === 'bin' ? `(${compileExpression(node.arg)})` : compileExpression(node.arg)}`;
    case 'bin': {
      const precedence = PRECEDENCE[node.op];
      const left = compileExpression(node.left);
      const right = compileExpression(node.right);
      const leftText = precedenceOf(node.left) < precedence ? `(${left})` : left;
      // Equal precedence on the right keeps its parentheses: a-(b-c) and a/(b/c) differ from a-b-c and a/b/c.
      const rightText = precedenceOf(node.right) <= precedence || startsWithSign(node.right) ? `(${right})` : right;
      return `${leftText}${node.op}${rightText}`;
    }
    case 'call':
      return `${node.fn}(${compileExpression(node.args[0])},${compileExpression(node.args[1])})`;
  }
}

/** Parses with the allowed variables, then compiles; the result is safe to pass as a filter option value. */
export function userExpression(text: string, allowed?: readonly string[]): string {
  return compileExpression(parseExpression(text, allowed));
}

/**
 * Evaluates like ffmpeg would, for validating windows and sizes server-side. Division by zero gives ±Infinity or
 * NaN, as in ffmpeg; callers check `Number.isFinite`. A variable missing from `vars` is a caller bug and throws.
 */
export function evaluateExpression(node: ExprNode, vars: Readonly<Record<string, number>>): number {
  switch (node.kind) {
    case 'num':
      return node.value;
    case 'var': {
      const value = Object.hasOwn(vars, node.name) ? vars[node.name] : undefined;
      if (value === undefined) throw new Error(`No value for variable '${node.name}'`);
      return value;
    }
    case 'neg':
      return -evaluateExpression(node.arg, vars);
    case 'bin':
      return applyOperator(node.op, evaluateExpression(node.left, vars), evaluateExpression(node.right, vars));
    case 'call': {
      const a = evaluateExpression(node.args[0], vars);
      const b = evaluateExpression(node.args[1], vars);
      return node.fn === 'min' ? Math.min(a, b) : Math.max(a, b);
    }
  }
}

function applyOperator(op: '+' | '-' | '*' | '/', left: number, right: number): number {
  switch (op) {
    case '+':
      return left + right;
    case '-':
      return left - right;
    case '*':
      return left * right;
    case '/':
      return left / right;
  }
}

const PRECEDENCE = { '+': 1, '-': 1, '*': 2, '/': 2 } as const;
/** Anything that is not a binary operation binds tighter than all of them. */
const ATOM_PRECEDENCE = 3;
const precedenceOf = (node: ExprNode): number => (node.kind === 'bin' ? PRECEDENCE[node.op] : ATOM_PRECEDENCE);
const startsWithSign = (node: ExprNode): boolean => node.kind === 'neg' || (node.kind === 'num' && node.value < 0);

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const push = (token: Token): void => {
    if (tokens.length === MAX_TOKENS) {
      throw new ExpressionError(`Expression has more than ${MAX_TOKENS} tokens`, token.position);
    }
    tokens.push(token);
  };
  let index = 0;
  while (index < text.length) {
    const char = text.charAt(index);
    const start = index;
    if (char === ' ') {
      index += 1;
    } else if (/[0-9]/.test(char)) {
      const match = /^[0-9]+(?:\.[0-9]+)?/.exec(text.slice(index)) as RegExpExecArray;
      index += match[0].length;
      // `1e9`, `0x10`, `1K` and `1.` are numbers to ffmpeg's av_strtod; refuse rather than guess.
      if (/[A-Za-z0-9_.]/.test(text.charAt(index))) {
        const word = /^[A-Za-z0-9_.]+/.exec(text.slice(start)) as RegExpExecArray;
        throw new ExpressionError(
          `Malformed number '${word[0]}' at position ${start}; write plain decimals such as 12 or 0.5`,
          start,
        );
      }
      push({ kind: 'num', value: Number(match[0]), position: start });
    } else if (/[A-Za-z_]/.test(char)) {
      const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(index)) as RegExpExecArray;
      index += match[0].length;
      push({ kind: 'ident', name: match[0], position: start });
    } else if (char === '+' || char === '-' || char === '*' || char === '/') {
      index += 1;
      push({ kind: 'op', op: char, position: start });
    } else if (char === '(' || char === ')' || char === ',') {
      index += 1;
      push({ kind: char, position: start });
    } else {
      throw new ExpressionError(`Unexpected ${JSON.stringify(char)} at position ${start}`, start);
    }
  }
  tokens.push({ kind: 'end', position: text.length });
  return tokens;
}

function describe(token: Token): string {
  switch (token.kind) {
    case 'num':
      return `number ${formatNumber(token.value)}`;
    case 'ident':
      return `'${token.name}'`;
    case 'op':
      return `'${token.op}'`;
    case 'end':
      return 'end of expression';
    default:
      return `'${token.kind}'`;
  }
}

class Parser {
  private index = 0;

  constructor(
    private readonly tokens: readonly Token[],
    private readonly allowed: ReadonlySet<string>,
  ) {}

  parse(): ExprNode {
    if (this.peek().kind === 'end') throw new ExpressionError('Expression is empty', 0);
    const node = this.sum(0);
    const rest = this.peek();
    if (rest.kind !== 'end') throw this.unexpected(rest);
    return node;
  }

  private sum(depth: number): ExprNode {
    let node = this.product(depth);
    for (let token = this.peek(); token.kind === 'op' && (token.op === '+' || token.op === '-'); token = this.peek()) {
      this.index += 1;
      node = { kind: 'bin', op: token.op, left: node, right: this.product(depth) };
    }
    return node;
  }

  private product(depth: number): ExprNode {
    let node = this.unary(depth);
    for (let token = this.peek(); token.kind === 'op' && (token.op === '*' || token.op === '/'); token = this.peek()) {
      this.index += 1;
      node = { kind: 'bin', op: token.op, left: node, right: this.unary(depth) };
    }
    return node;
  }

  private unary(depth: number): ExprNode {
    const token = this.peek();
    if (token.kind === 'op' && token.op === '-') {
      this.index += 1;
      return { kind: 'neg', arg: this.unary(this.deeper(depth, token)) };
    }
    return this.primary(depth);
  }

  private primary(depth: number): ExprNode {
    const token = this.next();
    switch (token.kind) {
      case 'num':
        return { kind: 'num', value: token.value };
      case '(': {
        const node = this.sum(this.deeper(depth, token));
        this.expect(')');
        return node;
      }
      case 'ident':
        return this.peek().kind === '(' ? this.call(token, depth) : this.variable(token);
      default:
        throw this.unexpected(token);
    }
  }

  private call(token: Token & { kind: 'ident' }, depth: number): ExprNode {
    if (!isFunctionName(token.name)) {
      throw new ExpressionError(
        `Function '${token.name}' at position ${token.position} is not allowed; only min(a,b) and max(a,b) are`,
        token.position,
      );
    }
    const inner = this.deeper(depth, token);
    this.expect('(');
    const first = this.sum(inner);
    this.expect(',', `${token.name}() takes exactly two arguments`);
    const second = this.sum(inner);
    this.expect(')', `${token.name}() takes exactly two arguments`);
    return { kind: 'call', fn: token.name, args: [first, second] };
  }

  private variable(token: Token & { kind: 'ident' }): ExprNode {
    if (isFunctionName(token.name)) {
      throw new ExpressionError(
        `'${token.name}' at position ${token.position} must be called as ${token.name}(a,b)`,
        token.position,
      );
    }
    if (!this.allowed.has(token.name)) {
      throw new ExpressionError(
        `Unknown identifier '${token.name}' at position ${token.position}; allowed: ${[...this.allowed].join(', ')}`,
        token.position,
      );
    }
    return { kind: 'var', name: token.name };
  }

  private deeper(depth: number, token: Token): number {
    if (depth + 1 > MAX_DEPTH) {
      throw new ExpressionError(`Expression nests deeper than ${MAX_DEPTH} levels`, token.position);
    }
    return depth + 1;
  }

  private expect(kind: '(' | ')' | ',', hint?: string): void {
    const token = this.next();
    if (token.kind !== kind) {
      const found = this.unexpected(token);
      throw new ExpressionError(`${found.message}; expected '${kind}'${hint ? ` (${hint})` : ''}`, token.position);
    }
  }

  private unexpected(token: Token): ExpressionError {
    return new ExpressionError(`Unexpected ${describe(token)} at position ${token.position}`, token.position);
  }

  private peek(): Token {
    return this.tokens[this.index] as Token;
  }

  private next(): Token {
    const token = this.peek();
    if (token.kind !== 'end') this.index += 1;
    return token;
  }
}
