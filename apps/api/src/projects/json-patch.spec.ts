import { describe, expect, it } from 'vitest';
import { applyPatch, JsonPatchError, type JsonValue, parsePatch } from './json-patch.js';

const patch = (document: JsonValue, operations: unknown): JsonValue => applyPatch(document, parsePatch(operations));

function failure(document: JsonValue, operations: unknown): JsonPatchError {
  try {
    patch(document, operations);
  } catch (error) {
    if (error instanceof JsonPatchError) return error;
    throw error;
  }
  throw new Error('the patch applied');
}

describe('applyPatch (RFC 6902 appendix A)', () => {
  it.each<[string, JsonValue, unknown, JsonValue]>([
    [
      'A.1 adds an object member',
      { foo: 'bar' },
      [{ op: 'add', path: '/baz', value: 'qux' }],
      { baz: 'qux', foo: 'bar' },
    ],
    [
      'A.2 adds an array element',
      { foo: ['bar', 'baz'] },
      [{ op: 'add', path: '/foo/1', value: 'qux' }],
      { foo: ['bar', 'qux', 'baz'] },
    ],
    ['A.3 removes an object member', { baz: 'qux', foo: 'bar' }, [{ op: 'remove', path: '/baz' }], { foo: 'bar' }],
    [
      'A.4 removes an array element',
      { foo: ['bar', 'qux', 'baz'] },
      [{ op: 'remove', path: '/foo/1' }],
      { foo: ['bar', 'baz'] },
    ],
    [
      'A.5 replaces a value',
      { baz: 'qux', foo: 'bar' },
      [{ op: 'replace', path: '/baz', value: 'boo' }],
      { baz: 'boo', foo: 'bar' },
    ],
    [
      'A.6 moves a value',
      { foo: { bar: 'baz', waldo: 'fred' }, qux: { corge: 'grault' } },
      [{ op: 'move', from: '/foo/waldo', path: '/qux/thud' }],
      { foo: { bar: 'baz' }, qux: { corge: 'grault', thud: 'fred' } },
    ],
    [
      'A.7 moves an array element',
      { foo: ['all', 'grass', 'cows', 'eat'] },
      [{ op: 'move', from: '/foo/1', path: '/foo/3' }],
      { foo: ['all', 'cows', 'eat', 'grass'] },
    ],
    [
      'A.10 adds a nested member object',
      { foo: 'bar' },
      [{ op: 'add', path: '/child', value: { grandchild: {} } }],
      { foo: 'bar', child: { grandchild: {} } },
    ],
    ['A.14 unescapes ~0 and ~1', { '/': 9, '~1': 10 }, [{ op: 'test', path: '/~01', value: 10 }], { '/': 9, '~1': 10 }],
    [
      'A.16 appends with -',
      { foo: ['bar'] },
      [{ op: 'add', path: '/foo/-', value: ['abc', 'def'] }],
      { foo: ['bar', ['abc', 'def']] },
    ],
    ['copies a value', { a: { b: 1 } }, [{ op: 'copy', from: '/a', path: '/c' }], { a: { b: 1 }, c: { b: 1 } }],
    ['replaces the whole document', { a: 1 }, [{ op: 'replace', path: '', value: [1] }], [1]],
    [
      'passes a deep test',
      { a: { b: [1, { c: 2 }] } },
      [{ op: 'test', path: '/a', value: { b: [1, { c: 2 }] } }],
      { a: { b: [1, { c: 2 }] } },
    ],
  ])('%s', (_name, document, operations, expected) => {
    expect(patch(document, operations)).toEqual(expected);
  });

  it('leaves the input untouched and applies nothing when a later operation fails', () => {
    const document = { layers: [{ startSec: 0 }, { startSec: 2 }] };
    const error = failure(document, [
      { op: 'replace', path: '/layers/0/startSec', value: 1 },
      { op: 'remove', path: '/layers/5' },
    ]);
    expect(error.index).toBe(1);
    expect(error.field).toBe('patch.1.path');
    expect(error.message).toBe('Operation 1 (remove /layers/5): there is no value at this path');
    expect(document.layers[0].startSec).toBe(0);
  });

  it.each<[string, JsonValue, unknown, string, string]>([
    [
      'A.8 a failed test',
      { baz: 'qux' },
      [{ op: 'test', path: '/baz', value: 'bar' }],
      'patch.0.value',
      'Operation 0 (test /baz): test failed: the value is "qux"',
    ],
    [
      'A.12 adding to a missing parent',
      { foo: 'bar' },
      [{ op: 'add', path: '/baz/bat', value: 'qux' }],
      'patch.0.path',
      'Operation 0 (add /baz/bat): /baz does not exist',
    ],
    [
      'A.15 comparing strings and numbers',
      { '/': 9, '~1': 10 },
      [{ op: 'test', path: '/~01', value: '10' }],
      'patch.0.value',
      'Operation 0 (test /~01): test failed: the value is 10',
    ],
    [
      'an index past the end',
      { a: [1] },
      [{ op: 'add', path: '/a/2', value: 0 }],
      'patch.0.path',
      'Operation 0 (add /a/2): "2" is not an index from 0 to 1 or "-"',
    ],
    [
      'a leading zero index',
      { a: [1, 2] },
      [{ op: 'replace', path: '/a/01', value: 0 }],
      'patch.0.path',
      'Operation 0 (replace /a/01): there is no value at this path',
    ],
    [
      'replacing a missing member',
      { a: 1 },
      [{ op: 'replace', path: '/b', value: 0 }],
      'patch.0.path',
      'Operation 0 (replace /b): there is no value at this path',
    ],
    [
      'moving from a missing member',
      { a: 1 },
      [{ op: 'move', from: '/b', path: '/c' }],
      'patch.0.from',
      'Operation 0 (move from /b): there is no value at this path',
    ],
    [
      'a prototype key',
      {},
      [{ op: 'add', path: '/__proto__', value: { polluted: true } }],
      'patch.0.path',
      'Operation 0 (add /__proto__): "__proto__" is not an allowed member name',
    ],
  ])('refuses %s, naming the operation and field', (_name, document, operations, field, message) => {
    const error = failure(document, operations);
    expect(error.field).toBe(field);
    expect(error.message).toBe(message);
  });

  it.each<[unknown, string, string]>([
    [{ op: 'add' }, 'patch', 'A JSON Patch is an array of operations (RFC 6902)'],
    [[], 'patch', 'The patch has no operations'],
    [
      [{ op: 'frobnicate', path: '/a' }],
      'patch.0.op',
      'Operation 0: op must be one of add, remove, replace, move, copy, test (got "frobnicate")',
    ],
    [
      [{ op: 'add', path: 'a', value: 1 }],
      'patch.0.path',
      'Operation 0 (add): path "a" is not a JSON Pointer (it must be empty or start with /)',
    ],
    [[{ op: 'replace', path: '/a' }], 'patch.0.value', 'Operation 0 (replace /a): value is required'],
    [[{ op: 'copy', path: '/a' }], 'patch.0.from', 'Operation 0 (copy): from must be a string'],
    [[{ op: 'move', from: '/a', path: '/a/b' }], 'patch.0.from', 'Operation 0 (move): cannot move /a into itself'],
  ])('refuses the malformed patch %j', (operations, field, message) => {
    const error = failure({ a: 1 }, operations);
    expect(error.field).toBe(field);
    expect(error.message).toBe(message);
  });

  it('does not pollute Object.prototype', () => {
    expect(() => patch({}, [{ op: 'add', path: '/__proto__/x', value: 1 }])).toThrow(JsonPatchError);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});
