/**
 * JSON Patch (RFC 6902) over JSON Pointers (RFC 6901), applied to a copy: either every operation
 * applies or none does. Errors name the operation by index, its `op` and the pointer that failed, so a
 * front end can tell which of its edits was refused. Written here rather than taken from a package
 * because those report failures as free text without the op index, and the whole RFC is small.
 * https://www.rfc-editor.org/rfc/rfc6902 and https://www.rfc-editor.org/rfc/rfc6901
 */

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export type PatchOperation =
  | { op: 'add' | 'replace' | 'test'; path: string; value: JsonValue }
  | { op: 'remove'; path: string }
  | { op: 'move' | 'copy'; from: string; path: string };

/** Past this a patch is not an edit but a rewrite: PUT the document instead. */
export const MAX_PATCH_OPERATIONS = 1_000;

export class JsonPatchError extends Error {
  constructor(
    /** 0-based index of the failing operation, or null when the patch as a whole is malformed. */
    readonly index: number | null,
    /** `patch.3.path`-style field, for the API's error details. */
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'JsonPatchError';
  }
}

const OPS = new Set(['add', 'remove', 'replace', 'move', 'copy', 'test']);
/** Keys that would reach an object's prototype rather than a property of the document. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Checks the shape of every operation before any is applied. */
export function parsePatch(body: unknown): PatchOperation[] {
  if (!Array.isArray(body)) {
    throw new JsonPatchError(null, 'patch', 'A JSON Patch is an array of operations (RFC 6902)');
  }
  if (body.length === 0) throw new JsonPatchError(null, 'patch', 'The patch has no operations');
  if (body.length > MAX_PATCH_OPERATIONS) {
    throw new JsonPatchError(null, 'patch', `A patch holds at most ${MAX_PATCH_OPERATIONS} operations`);
  }
  return body.map((raw: unknown, index) => {
    const at = `patch.${index}`;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      throw new JsonPatchError(index, at, `Operation ${index} must be an object`);
    }
    const operation = raw as Record<string, unknown>;
    const op = operation.op;
    if (typeof op !== 'string' || !OPS.has(op)) {
      throw new JsonPatchError(
        index,
        `${at}.op`,
        `Operation ${index}: op must be one of add, remove, replace, move, copy, test (got ${JSON.stringify(op ?? null)})`,
      );
    }
    const path = pointerField(operation, 'path', index, op);
    if (op === 'move' || op === 'copy') {
      const from = pointerField(operation, 'from', index, op);
      if (op === 'move' && path !== from && path.startsWith(`${from}/`)) {
        throw new JsonPatchError(index, `${at}.from`, `Operation ${index} (move): cannot move ${from} into itself`);
      }
      return { op, from, path };
    }
    if (op === 'remove') return { op, path };
    if (!('value' in operation)) {
      throw new JsonPatchError(index, `${at}.value`, `Operation ${index} (${op} ${path}): value is required`);
    }
    return { op: op as 'add' | 'replace' | 'test', path, value: operation.value as JsonValue };
  });
}

function pointerField(operation: Record<string, unknown>, name: 'path' | 'from', index: number, op: string): string {
  const value = operation[name];
  if (typeof value !== 'string') {
    throw new JsonPatchError(index, `patch.${index}.${name}`, `Operation ${index} (${op}): ${name} must be a string`);
  }
  if (value !== '' && !value.startsWith('/')) {
    throw new JsonPatchError(
      index,
      `patch.${index}.${name}`,
      `Operation ${index} (${op}): ${name} "${value}" is not a JSON Pointer (it must be empty or start with /)`,
    );
  }
  return value;
}

/** RFC 6901 unescaping: ~1 is /, then ~0 is ~. */
export function pointerTokens(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Applies the whole patch to a deep copy of `document`; throws JsonPatchError and changes nothing on failure. */
export function applyPatch(document: JsonValue, operations: readonly PatchOperation[]): JsonValue {
  let root = structuredClone(document);
  operations.forEach((operation, index) => {
    root = applyOne(root, operation, index);
  });
  return root;
}

function applyOne(root: JsonValue, operation: PatchOperation, index: number): JsonValue {
  const fail = (pointer: string, why: string, field: 'path' | 'from' | 'value' = 'path'): JsonPatchError =>
    new JsonPatchError(
      index,
      `patch.${index}.${field}`,
      `Operation ${index} (${operation.op} ${field === 'from' ? 'from ' : ''}${pointer}): ${why}`,
    );
  switch (operation.op) {
    case 'add':
      return insert(root, operation.path, structuredClone(operation.value), fail);
    case 'remove':
      return removeAt(root, operation.path, fail).root;
    case 'replace': {
      if (operation.path === '') return structuredClone(operation.value);
      const { root: without } = removeAt(root, operation.path, fail);
      return insert(without, operation.path, structuredClone(operation.value), fail);
    }
    case 'move': {
      if (operation.from === operation.path) {
        valueAt(root, operation.from, (pointer, why) => fail(pointer, why, 'from'));
        return root;
      }
      const removed = removeAt(root, operation.from, (pointer, why) => fail(pointer, why, 'from'));
      return insert(removed.root, operation.path, removed.value, fail);
    }
    case 'copy': {
      const value = valueAt(root, operation.from, (pointer, why) => fail(pointer, why, 'from'));
      return insert(root, operation.path, structuredClone(value), fail);
    }
    case 'test': {
      const actual = valueAt(root, operation.path, fail);
      if (!deepEqual(actual, operation.value)) {
        throw fail(operation.path, `test failed: the value is ${truncate(JSON.stringify(actual))}`, 'value');
      }
      return root;
    }
  }
}

type Fail = (pointer: string, why: string) => JsonPatchError;

function truncate(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** The container holding the last token of `pointer`, and that token. */
function parentOf(
  root: JsonValue,
  pointer: string,
  fail: Fail,
): { parent: JsonValue[] | { [key: string]: JsonValue }; key: string } {
  const tokens = pointerTokens(pointer);
  let node: JsonValue = root;
  for (const [depth, token] of tokens.slice(0, -1).entries()) {
    node = child(node, token, () => fail(pointer, `${'/' + tokens.slice(0, depth + 1).join('/')} does not exist`));
  }
  if (typeof node !== 'object' || node === null) {
    throw fail(pointer, 'its parent is not an object or array');
  }
  const key = tokens[tokens.length - 1];
  if (FORBIDDEN_KEYS.has(key)) throw fail(pointer, `"${key}" is not an allowed member name`);
  return { parent: node, key };
}

function child(node: JsonValue, token: string, missing: () => JsonPatchError): JsonValue {
  if (Array.isArray(node)) {
    const i = arrayIndex(token, node.length - 1);
    if (i === null) throw missing();
    return node[i];
  }
  if (typeof node === 'object' && node !== null && Object.hasOwn(node, token)) return node[token];
  throw missing();
}

/** RFC 6901: digits without a leading zero; null when not an index or above `max`. */
function arrayIndex(token: string, max: number): number | null {
  if (!/^(0|[1-9]\d*)$/.test(token)) return null;
  const i = Number(token);
  return i <= max ? i : null;
}

function valueAt(root: JsonValue, pointer: string, fail: Fail): JsonValue {
  if (pointer === '') return root;
  const { parent, key } = parentOf(root, pointer, fail);
  return child(parent, key, () => fail(pointer, 'there is no value at this path'));
}

function insert(root: JsonValue, pointer: string, value: JsonValue, fail: Fail): JsonValue {
  if (pointer === '') return value;
  const { parent, key } = parentOf(root, pointer, fail);
  if (Array.isArray(parent)) {
    const i = key === '-' ? parent.length : arrayIndex(key, parent.length);
    if (i === null) throw fail(pointer, `"${key}" is not an index from 0 to ${parent.length} or "-"`);
    parent.splice(i, 0, value);
  } else {
    parent[key] = value;
  }
  return root;
}

function removeAt(root: JsonValue, pointer: string, fail: Fail): { root: JsonValue; value: JsonValue } {
  if (pointer === '') throw fail(pointer, 'the whole document cannot be removed');
  const { parent, key } = parentOf(root, pointer, fail);
  if (Array.isArray(parent)) {
    const i = arrayIndex(key, parent.length - 1);
    if (i === null) throw fail(pointer, 'there is no value at this path');
    const [value] = parent.splice(i, 1);
    return { root, value };
  }
  if (!Object.hasOwn(parent, key)) throw fail(pointer, 'there is no value at this path');
  const value = parent[key];
  delete parent[key];
  return { root, value };
}

function deepEqual(a: JsonValue, b: JsonValue): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const keys = Object.keys(a);
  return (
    keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && deepEqual(a[key], b[key]))
  );
}
