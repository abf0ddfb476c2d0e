/** What the `reelforge` CLI reads from its environment; flags override each value. */
export interface CliEnv {
  /** REELFORGE_URL: the API, e.g. `http://localhost:3000`. */
  url: string | undefined;
  /** REELFORGE_API_KEY: a tenant's key for the API commands. */
  apiKey: string | undefined;
  /** REELFORGE_MASTER_KEY: the admin master key, for `keys create`. */
  masterKey: string | undefined;
  /** FFMPEG_PATH / FFPROBE_PATH for local renders, resolved as the worker resolves them. */
  ffmpegPath: string | undefined;
  ffprobePath: string | undefined;
  /** ASSETS_DIR: the bundled library for local renders (default ./assets, then the one beside the CLI). */
  assetsDir: string | undefined;
}

const nonEmpty = (value: string | undefined): string | undefined => (value ? value : undefined);

export function loadCliEnv(env: Record<string, string | undefined> = process.env): CliEnv {
  return {
    url: nonEmpty(env.REELFORGE_URL),
    apiKey: nonEmpty(env.REELFORGE_API_KEY),
    masterKey: nonEmpty(env.REELFORGE_MASTER_KEY),
    ffmpegPath: nonEmpty(env.FFMPEG_PATH),
    ffprobePath: nonEmpty(env.FFPROBE_PATH),
    assetsDir: nonEmpty(env.ASSETS_DIR),
  };
}
