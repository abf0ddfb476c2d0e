import { randomUUID } from 'node:crypto';
import { type OpenAPIObject } from '@nestjs/swagger';
import { type Test } from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenantWithKey, type Harness, startHarness, type TenantKey } from '../../../test/support/harness.js';
import { TEST_MASTER_KEY, testConfig } from '../../../test/support/test-config.js';
import { exportOpenApiDocument } from '../src/openapi-export.js';

/**
 * Every route in the exported OpenAPI document gets a battery of malformed requests; each must answer
 * within the per-request deadline and never with a 5xx; a refusal is a 4xx in the `{statusCode, error,
 * message}` shape. Control characters in any string and bodies nested too deep must be a 400 naming
 * the field or the limit.
 * Routes are read from the document, so a new endpoint is fuzzed without touching this file.
 * Mutations are sampled with a seeded PRNG: FUZZ_SEED=<n> replays a run.
 */

const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const REQUEST_DEADLINE_MS = 10_000;
const PARALLEL = 32;
/** Per route, so the run stays well under a minute however many properties a body has. */
const MAX_PROPERTY_CASES_PER_ROUTE = 120;

/** mulberry32: small, fast and good enough to pick test cases reproducibly. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: Json[];
  example?: Json;
  default?: Json;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  minimum?: number;
}
interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  security: 'api-key' | 'master-key' | 'none';
  jsonBody: Schema | null;
  multipart: boolean;
  pathParams: string[];
  queryParams: Array<{ name: string; schema: Schema }>;
}
interface FuzzCase {
  name: string;
  operation: Operation;
  /** The path with parameters filled in (already encoded where needed). */
  url: string;
  contentType?: string;
  body?: string | Buffer;
  headers?: Record<string, string>;
  /** Only for cases where one specific 4xx is the contract (the body limit). */
  expectStatus?: number;
  /** The answer must name this (a field path or a limit): for refusals that happen before validation. */
  expectMention?: string;
}

/**
 * Sentinels replaced in the serialised body: JSON.stringify cannot write -0 or 2^53+1 exactly. Plain
 * ASCII, because JSON.stringify escapes control characters, so a sentinel holding one never matched.
 */
const RAW_TOKENS: Record<string, string> = {
  '"@@fuzz-neg-zero@@"': '-0',
  '"@@fuzz-two-53-plus-1@@"': '9007199254740993',
};
const DEEP_TOKEN = '@@fuzz-deep@@';
const serialise = (value: Json): string => {
  let text = JSON.stringify(value);
  for (const [token, raw] of Object.entries(RAW_TOKENS)) text = text.split(token).join(raw);
  return text;
};

const HUGE_STRING = 'x'.repeat(100 * 1024);
const nestedObject = (depth: number): string => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
const nestedArray = (depth: number): string => `${'['.repeat(depth)}1${']'.repeat(depth)}`;

/** Values of every JSON type plus the numeric and string edge cases; each is wrong somewhere. */
const WRONG_VALUES: Array<[string, Json]> = [
  ['a string', 'fuzz'],
  ['a number', 42],
  ['an array', [1, 'two']],
  ['an object', { nested: true }],
  ['null', null],
  ['true', true],
  ['false', false],
  ['1e308', 1e308],
  ['-1e308', -1e308],
  ['2^53+1', '@@fuzz-two-53-plus-1@@'],
  ['-0', '@@fuzz-neg-zero@@'],
  ['"NaN"', 'NaN'],
  ['"Infinity"', 'Infinity'],
  ['"-Infinity"', '-Infinity'],
  ['a 100 kB string', HUGE_STRING],
  ['an empty string', ''],
  ['a negative number', -1],
  ['a fraction', 0.5],
  ['a prototype-pollution object', { __proto__: { polluted: 'yes' } } as unknown as Json],
  ['1e-7', 1e-7],
  ['5e-324', 5e-324],
  ['1e21', 1e21],
  ['a NUL in a string', 'a\u0000b'],
  ['an ESC in a string', 'a\u001bb'],
  ['a non-character', 'a\uFFFFb'],
  ['a lone surrogate', 'a\uD800b'],
  ['an infinite expression', '1/0'],
  ['a NaN expression', '0/0'],
  ['whitespace only', ' \n\t '],
];

/** Characters no text field accepts; each must be a 400 naming the field, in every string of every body. */
const FORBIDDEN_STRINGS: Array<[string, string]> = [
  ['NUL', 'a\u0000b'],
  ['a C1 control', 'a\u0085b'],
  ['U+FFFE', '\uFFFE'],
  ['a lone low surrogate', '\uDC00x'],
];
/** Exponent forms of numbers; any JSON number gets a 2xx or a 4xx, never a 5xx. */
const EXPONENT_NUMBERS: Array<[string, number]> = [
  ['1e-7', 1e-7],
  ['5e-324', 5e-324],
  ['-1e-300', -1e-300],
];

function resolve(document: OpenAPIObject, schema: Schema | undefined, depth = 0): Schema {
  if (!schema || depth > 20) return {};
  if (schema.$ref) {
    const name = schema.$ref.split('/').pop() ?? '';
    return resolve(document, (document.components?.schemas?.[name] ?? {}) as Schema, depth + 1);
  }
  const first = schema.allOf?.[0] ?? schema.oneOf?.[0] ?? schema.anyOf?.[0];
  if (first && !schema.type && !schema.properties) {
    return { ...resolve(document, first, depth + 1), ...schema, allOf: undefined };
  }
  return schema;
}

/** A plausible value for a schema, so mutations of one property leave the others well-formed. */
function sample(document: OpenAPIObject, raw: Schema | undefined, depth = 0): Json {
  const schema = resolve(document, raw);
  if (schema.example !== undefined) return schema.example;
  if (schema.enum?.length) return schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  if (schema.format === 'uuid') return randomUUID();
  switch (schema.type) {
    case 'string':
      return 'sample';
    case 'number':
    case 'integer':
      return schema.minimum ?? 1;
    case 'boolean':
      return true;
    case 'array':
      return depth > 4 ? [] : [sample(document, schema.items, depth + 1)];
    default: {
      if (depth > 4 || !schema.properties) return {};
      return Object.fromEntries(
        Object.entries(schema.properties).map(([key, property]) => [key, sample(document, property, depth + 1)]),
      );
    }
  }
}

/** Paths to every property of the sample body, up to three levels deep (array items as index 0). */
function propertyPaths(value: Json, prefix: Array<string | number> = []): Array<Array<string | number>> {
  if (prefix.length >= 3 || value === null || typeof value !== 'object') return [];
  const entries: Array<[string | number, Json]> = Array.isArray(value)
    ? value.slice(0, 1).map((item, i) => [i, item])
    : Object.entries(value);
  return entries.flatMap(([key, child]) => [[...prefix, key], ...propertyPaths(child, [...prefix, key])]);
}

function withValueAt(body: Json, path: Array<string | number>, value: Json): Json {
  const copy = structuredClone(body) as Record<string | number, Json>;
  let cursor = copy;
  for (const key of path.slice(0, -1)) cursor = cursor[key] as Record<string | number, Json>;
  // defineProperty, so `__proto__` becomes an own key the way JSON.parse makes it, not a prototype swap.
  Object.defineProperty(cursor, path[path.length - 1], { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

function operationsOf(document: OpenAPIObject): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
      const op = item[method];
      if (!op) continue;
      const security = op.security?.some((s) => 'master-key' in s)
        ? 'master-key'
        : op.security?.some((s) => 'api-key' in s)
          ? 'api-key'
          : 'none';
      const content = op.requestBody && 'content' in op.requestBody ? op.requestBody.content : {};
      // The exported document inlines every parameter; a $ref one would have no `in`.
      const parameters = (op.parameters ?? []).flatMap((p) =>
        'in' in p ? [{ name: p.name, in: p.in, schema: (p.schema ?? {}) as Schema }] : [],
      );
      operations.push({
        method,
        path,
        security,
        jsonBody: content['application/json'] ? ((content['application/json'].schema ?? {}) as Schema) : null,
        multipart: 'multipart/form-data' in content,
        pathParams: parameters.filter((p) => p.in === 'path').map((p) => p.name),
        queryParams: parameters.filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema ?? {} })),
      });
    }
  }
  return operations;
}

/** Fills path parameters with well-formed values: ids that exist nowhere, names that match nothing. */
function fillPath(operation: Operation, overrides: Record<string, string> = {}): string {
  return operation.path.replace(
    /\{(\w+)\}/g,
    (_m, name: string) => overrides[name] ?? (name === 'name' ? 'index.m3u8' : randomUUID()),
  );
}

const BAD_PATH_VALUES: Array<[string, string]> = [
  ['a non-UUID', 'not-a-uuid'],
  ['an encoded traversal', '..%2F..%2F..%2Fetc%2Fpasswd'],
  ['an encoded dot-dot', '%2e%2e'],
  ['a UUID with a bad character', '00000000-0000-4000-8000-00000000000g'],
  ['an encoded NUL', 'abc%00def'],
  ['SQL', "1'%20OR%20'1'%3D'1"],
  ['a 4 kB id', 'a'.repeat(4096)],
  ['an encoded backslash traversal', '..%5C..%5Cetc%5Cpasswd'],
  ['a bad percent-encoding', '%E0%A4%A'],
  ['an overlong UTF-8 encoding', '%C0%AE%C0%AE'],
];

const BAD_QUERY_VALUES: Array<[string, string]> = [
  ['zero', '0'],
  ['negative', '-1'],
  ['letters', 'abc'],
  ['1e308', '1e308'],
  ['NaN', 'NaN'],
  ['Infinity', 'Infinity'],
  ['empty', ''],
  ['a fraction', '1.5'],
  ['a 20-digit number', '99999999999999999999'],
  ['a 10 kB string', 'x'.repeat(10_000)],
  ['a bad percent-encoding', '%E0%A4%A'],
];

function casesFor(document: OpenAPIObject, operation: Operation, random: () => number): FuzzCase[] {
  const cases: FuzzCase[] = [];
  const url = fillPath(operation);
  const json = (name: string, body: string, extra: Partial<FuzzCase> = {}): void => {
    cases.push({ name, operation, url, contentType: 'application/json', body, ...extra });
  };

  if (operation.jsonBody) {
    const base = sample(document, operation.jsonBody);
    const propertyCases: FuzzCase[] = [];
    for (const path of propertyPaths(base)) {
      for (const [valueName, value] of WRONG_VALUES) {
        propertyCases.push({
          name: `${path.join('.')} = ${valueName}`,
          operation,
          url,
          contentType: 'application/json',
          body: serialise(withValueAt(base, path, value)),
        });
      }
      for (const [key, value] of [
        ['__proto__', { polluted: 'yes' }],
        ['constructor', { prototype: { polluted: 'yes' } }],
        ['unknownField', 1],
      ] as Array<[string, Json]>) {
        const parent = path.slice(0, -1);
        propertyCases.push({
          name: `${[...parent, key].join('.')} added`,
          operation,
          url,
          contentType: 'application/json',
          body: serialise(withValueAt(base, [...parent, key], value)),
        });
      }
      propertyCases.push({
        name: `${path.join('.')} = 1000-level object`,
        operation,
        url,
        contentType: 'application/json',
        body: serialise(withValueAt(base, path, DEEP_TOKEN)).replace(`"${DEEP_TOKEN}"`, nestedObject(1000)),
      });
    }
    // Deterministic, unsampled: every string gets every forbidden character and every number the exponent forms.
    for (const path of propertyPaths(base)) {
      const current = path.reduce<Json>((value, key) => (value as Record<string | number, Json>)[key], base);
      const field = path.join('.');
      if (typeof current === 'string') {
        for (const [name, value] of FORBIDDEN_STRINGS) {
          json(`${field} holds ${name}`, serialise(withValueAt(base, path, value)), {
            expectStatus: 400,
            expectMention: field,
          });
        }
      } else if (typeof current === 'number') {
        for (const [name, value] of EXPONENT_NUMBERS) {
          json(`${field} = ${name}`, serialise(withValueAt(base, path, value)));
        }
      }
    }
    json(
      'a field nested 33 levels deep',
      serialise(withValueAt(base, [Object.keys(base as object)[0] ?? 'a'], DEEP_TOKEN)).replace(
        `"${DEEP_TOKEN}"`,
        nestedArray(33),
      ),
      {
        expectStatus: 400,
        expectMention: 'the limit is 32',
      },
    );

    // Shuffle with the seeded PRNG, then keep a bounded sample.
    for (let i = propertyCases.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [propertyCases[i], propertyCases[j]] = [propertyCases[j], propertyCases[i]];
    }
    cases.push(...propertyCases.slice(0, MAX_PROPERTY_CASES_PER_ROUTE));

    for (const [name, body] of [
      ['null', 'null'],
      ['an array', '[]'],
      ['a string', '"body"'],
      ['a number', '42'],
      ['true', 'true'],
      ['an empty object', '{}'],
      ['an unknown field', serialise({ ...(base as Record<string, Json>), unknownField: 1 })],
      ['1000 nested objects', nestedObject(1000)],
      ['1000 nested arrays', nestedArray(1000)],
      ['100000 nested arrays', nestedArray(100_000)],
      ['100000 nested objects', nestedObject(100_000)],
      ['__proto__ at the top', '{"__proto__":{"polluted":"yes"}}'],
      ['constructor.prototype at the top', '{"constructor":{"prototype":{"polluted":"yes"}}}'],
      ['truncated JSON', '{"a":'],
      ['a lone surrogate', '{"name":"\\ud800"}'],
      ['10000 keys', JSON.stringify(Object.fromEntries(Array.from({ length: 10_000 }, (_v, i) => [`k${i}`, i])))],
      ['a duplicated key', '{"assetId":1,"assetId":"x"}'],
    ] as Array<[string, string]>) {
      json(`body ${name}`, body);
    }
    json('invalid UTF-8', '', {
      body: Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), Buffer.from('"}')]),
    });
    json('a 2 MB body over the 1 MB limit', serialise({ padding: 'x'.repeat(2 * 1024 * 1024) }), { expectStatus: 413 });
    json('an empty body', '');
    json('a UTF-16 charset', '{}', { contentType: 'application/json; charset=utf-16' });
    json('an unknown charset', '{}', { contentType: 'application/json; charset=klingon' });
    json('a gzip body that is not gzip', '{}', { headers: { 'Content-Encoding': 'gzip' } });
    json('an unknown content encoding', '{}', { headers: { 'Content-Encoding': 'fuzz' } });
  }

  if (operation.jsonBody || operation.multipart) {
    const body = operation.jsonBody ? serialise(sample(document, operation.jsonBody)) : '{"file":"x"}';
    cases.push(
      { name: 'as text/plain', operation, url, contentType: 'text/plain', body },
      {
        name: 'as form-urlencoded',
        operation,
        url,
        contentType: 'application/x-www-form-urlencoded',
        body: 'a=1&b[c]=2',
      },
      {
        name: 'as multipart without a file',
        operation,
        url,
        contentType: 'multipart/form-data; boundary=fuzz',
        body: '--fuzz\r\nContent-Disposition: form-data; name="field"\r\n\r\nvalue\r\n--fuzz--\r\n',
      },
      { name: 'as multipart without a boundary', operation, url, contentType: 'multipart/form-data', body: 'x' },
      {
        name: 'as truncated multipart',
        operation,
        url,
        contentType: 'multipart/form-data; boundary=fuzz',
        body: '--fuzz\r\nContent-Disp',
      },
      { name: 'with no body and no type', operation, url },
      {
        name: 'as octet-stream',
        operation,
        url,
        contentType: 'application/octet-stream',
        body: Buffer.from([0, 1, 2, 255]),
      },
    );
  }
  if (operation.multipart && !operation.jsonBody) {
    cases.push({ name: 'multipart: JSON body', operation, url, contentType: 'application/json', body: '{"file":"x"}' });
  }

  for (const param of operation.pathParams) {
    for (const [name, value] of BAD_PATH_VALUES) {
      cases.push({ name: `path ${param} = ${name}`, operation, url: fillPath(operation, { [param]: value }) });
    }
  }
  for (const { name: param } of operation.queryParams) {
    for (const [name, value] of BAD_QUERY_VALUES) {
      cases.push({ name: `query ${param} = ${name}`, operation, url: `${url}?${param}=${value}` });
    }
    cases.push({ name: `query ${param} repeated`, operation, url: `${url}?${param}=1&${param}=2` });
    cases.push({ name: `query ${param}[] bracketed`, operation, url: `${url}?${param}[a]=1` });
  }
  // Only routes with a query DTO refuse unknown parameters; the others ignore the query string entirely.
  if (operation.queryParams.length > 0) {
    cases.push({ name: 'an unknown query parameter', operation, url: `${url}?unknownParam=1` });
  }
  return cases;
}

const isErrorShape = (body: unknown, status: number): boolean =>
  typeof body === 'object' &&
  body !== null &&
  (body as Record<string, unknown>).statusCode === status &&
  typeof (body as Record<string, unknown>).error === 'string' &&
  typeof (body as Record<string, unknown>).message === 'string';

describe('fuzzing every endpoint', () => {
  let harness: Harness;
  let tenant: TenantKey;
  let document: OpenAPIObject;

  beforeAll(async () => {
    console.log(`fuzz seed ${SEED} (replay with FUZZ_SEED=${SEED})`);
    document = await exportOpenApiDocument();
    harness = await startHarness(testConfig(), { worker: false });
    tenant = await createTenantWithKey(harness, { minuteLimit: 100_000, dailyLimit: 100_000_000 });
  });

  afterAll(() => harness?.close());

  function send(fuzz: FuzzCase): Test {
    let request = harness.http[fuzz.operation.method](fuzz.url).timeout({ deadline: REQUEST_DEADLINE_MS });
    if (fuzz.operation.security === 'api-key') request = request.set('X-API-Key', tenant.key);
    if (fuzz.operation.security === 'master-key') request = request.set('X-Master-Key', TEST_MASTER_KEY);
    for (const [name, value] of Object.entries(fuzz.headers ?? {})) request = request.set(name, value);
    if (fuzz.contentType !== undefined) request = request.set('Content-Type', fuzz.contentType);
    if (fuzz.body !== undefined) {
      // The bytes as written: superagent would JSON.stringify a Buffer sent as application/json,
      // turning every body into {"type":"Buffer","data":[...]}.
      const bytes = typeof fuzz.body === 'string' ? Buffer.from(fuzz.body) : fuzz.body;
      request = request.serialize(() => bytes as unknown as string).send(bytes);
    }
    return request;
  }

  // Thousands of requests on a shared two-core machine: each has a deadline; the total gets room.
  it('answers every malformed request without a 5xx or a hang, refusals in the error shape', async () => {
    const random = prng(SEED);
    const operations = operationsOf(document);
    expect(operations.length).toBeGreaterThan(20);
    const cases = operations.flatMap((operation) => casesFor(document, operation, random));
    const failures: string[] = [];
    const started = Date.now();
    for (let i = 0; i < cases.length; i += PARALLEL) {
      await Promise.all(
        cases.slice(i, i + PARALLEL).map(async (fuzz) => {
          const label = `${fuzz.operation.method.toUpperCase()} ${fuzz.operation.path} [${fuzz.name}]`;
          try {
            const response = await send(fuzz);
            // A mutation can leave a valid request (a tenant named "NaN", an unknown key dropped by
            // __proto__ handling): then a 2xx is right. Never a 5xx, and every refusal in the error shape.
            const statusOk = fuzz.expectStatus ? response.status === fuzz.expectStatus : response.status < 500;
            const mentionOk =
              fuzz.expectMention === undefined || JSON.stringify(response.body).includes(fuzz.expectMention);
            const shapeOk = response.status < 400 || isErrorShape(response.body, response.status);
            if (!statusOk || !mentionOk || !shapeOk) {
              failures.push(`${label}: ${response.status} ${JSON.stringify(response.body).slice(0, 300)}`);
            }
          } catch (error) {
            failures.push(`${label}: ${(error as Error).message}`);
          }
        }),
      );
    }
    console.log(`fuzz: ${cases.length} requests over ${operations.length} operations in ${Date.now() - started} ms`);
    expect(failures, `seed ${SEED}`).toEqual([]);
    // No request managed to write onto Object.prototype of the process that parsed it.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }, 240_000);

  it('is still healthy and serving afterwards', async () => {
    const ready = await harness.http.get('/health/ready');
    expect(ready.status, JSON.stringify(ready.body)).toBe(200);
    await harness.http.get('/v1/assets').set('X-API-Key', tenant.key).expect(200);
    const created = await harness.http
      .post('/v1/admin/tenants')
      .set('X-Master-Key', TEST_MASTER_KEY)
      .send({ name: 'after the fuzz' })
      .expect(201);
    expect(created.body).toMatchObject({ name: 'after the fuzz' });
    expect(created.body.polluted).toBeUndefined();
  });
});
