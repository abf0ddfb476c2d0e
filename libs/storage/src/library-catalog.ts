import { InvalidInputError } from '@reelforge/contracts';
import { realpathSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';

/** The read-only bundled library under ASSETS_DIR, addressed as `{"library": "overlays/sparkles.png"}`. */
export const LIBRARY_CATEGORIES = ['overlays', 'frames', 'audio', 'styles'] as const;
export type LibraryCategory = (typeof LIBRARY_CATEGORIES)[number];

const ITEM_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,120}$/;

export interface LibraryItem {
  category: LibraryCategory;
  /** `overlays/sparkles.png`: what requests use. */
  ref: string;
  name: string;
  path: string;
  sizeBytes: number;
}

/**
 * Resolves library references to files without ever trusting them as paths: the reference must be
 * `<category>/<plain file name>`, and the real path (symlinks resolved) must stay inside the category.
 */
export class LibraryCatalog {
  readonly root: string;

  constructor(assetsDir: string) {
    this.root = resolve(assetsDir);
  }

  async resolve(ref: string, allowed: readonly LibraryCategory[] = LIBRARY_CATEGORIES): Promise<LibraryItem> {
    const [category, name, ...rest] = ref.split('/');
    const known = (LIBRARY_CATEGORIES as readonly string[]).includes(category);
    if (!known || rest.length > 0 || !name || !ITEM_NAME.test(name) || name.includes('..')) {
      throw new InvalidInputError(
        `"${ref}" is not a library reference; use <category>/<file> from GET /v1/library/<category>`,
        {
          ref,
        },
      );
    }
    if (!allowed.includes(category as LibraryCategory)) {
      throw new InvalidInputError(`"${ref}" is not allowed here; use an item from ${allowed.join(' or ')}`, { ref });
    }
    const directory = join(this.root, category);
    const path = join(directory, name);
    try {
      const real = realpathSync(path);
      const rel = relative(realpathSync(directory), real);
      if (rel.startsWith('..') || rel.includes(sep)) throw new Error('outside');
      const info = await stat(real);
      if (!info.isFile()) throw new Error('not a file');
      return { category: category as LibraryCategory, ref, name, path: real, sizeBytes: info.size };
    } catch {
      throw new InvalidInputError(`No library item "${ref}"`, { ref });
    }
  }

  async list(category: LibraryCategory): Promise<LibraryItem[]> {
    const directory = join(this.root, category);
    const names = await readdir(directory).catch(() => [] as string[]);
    const items: LibraryItem[] = [];
    for (const name of names.sort()) {
      if (!ITEM_NAME.test(name) || name.endsWith('.json') || name.startsWith('.')) continue;
      const info = await stat(join(directory, name)).catch(() => null);
      if (info?.isFile()) {
        items.push({ category, ref: `${category}/${name}`, name, path: join(directory, name), sizeBytes: info.size });
      }
    }
    return items;
  }
}
