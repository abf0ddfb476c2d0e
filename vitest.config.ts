import { fileURLToPath } from 'node:url';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** The usual order, except that the Postgres restart (which hurts every process) runs last. */
class PostgresRestartLastSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const last = (spec: TestSpecification): boolean => spec.moduleId.includes('postgres-restart');
    return [...sorted.filter((spec) => !last(spec)), ...sorted.filter(last)];
  }
}

const source = (path: string): string => fileURLToPath(new URL(`./libs/${path}`, import.meta.url));
// Exact matches: a prefix match would send `@reelforge/media/nest` to `media/src/index.ts/nest`.
const alias = [
  { find: /^@reelforge\/media\/nest$/, replacement: source('media/src/nest.ts') },
  ...[
    'analysis',
    'compose',
    'config',
    'contracts',
    'db',
    'filtergraph',
    'media',
    'net',
    'observability',
    'queue',
    'render',
    'storage',
    'templates',
    'text',
    'transcribe',
  ].map((name) => ({
    find: new RegExp(`^@reelforge/${name}$`),
    replacement: source(`${name}/src/index.ts`),
  })),
];

// esbuild (vitest's default transform) drops decorator metadata, which Nest DI and TypeORM need; swc keeps it.
const plugins = [swc.vite({ module: { type: 'es6' } })];

export default defineConfig({
  plugins,
  resolve: { alias },
  test: {
    // Only the root may set a sequencer; it affects the faults tier alone (see the class).
    sequence: { sequencer: PostgresRestartLastSequencer },
    projects: [
      {
        plugins,
        resolve: { alias },
        test: { name: 'unit', include: ['{apps,libs,scripts}/**/*.spec.ts'], environment: 'node' },
      },
      {
        plugins,
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['{apps,libs}/**/*.{db,media,e2e}-spec.ts', 'test/**/*.{db,media,e2e}-spec.ts'],
          environment: 'node',
          globalSetup: ['test/global-setup.ts'],
          // Suites share one database and one Redis; running files one at a time keeps them independent.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        plugins,
        resolve: { alias },
        test: {
          // Real processes, real harm (SIGKILL, FLUSHALL, a Postgres restart, a full tmpfs): slow and
          // machine-wide, so not part of `npm test`; `npm run test:faults` builds first and runs these.
          name: 'faults',
          include: ['test/faults/**/*.fault-spec.ts'],
          environment: 'node',
          globalSetup: ['test/global-setup.ts'],
          fileParallelism: false,
          // Each fault test bounds itself below 60 s; the hooks start and stop processes.
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
