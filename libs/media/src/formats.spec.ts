import { describe, expect, it } from 'vitest';

import { INGEST_FORMATS, inputArgs } from './formats.js';

describe(inputArgs.name, () => {
  it('opens the input under the protocol and demuxer allow-lists', () => {
    expect(inputArgs('/data/in.mp4')).toEqual([
      '-protocol_whitelist',
      'file,pipe',
      '-format_whitelist',
      'mov,matroska,avi,mpegts,flv,ogg,mp3,wav,flac,aac,png_pipe,jpeg_pipe,webp_pipe,gif,image2',
      '-i',
      '/data/in.mp4',
    ]);
  });

  it('accepts a narrower list', () => {
    expect(inputArgs('/x.png', { formats: ['png_pipe'] })).toEqual([
      '-protocol_whitelist',
      'file,pipe',
      '-format_whitelist',
      'png_pipe',
      '-i',
      '/x.png',
    ]);
  });

  it.each(['hls', 'concat', 'subfile', 'lavfi', 'tty', 'dash', 'ffmetadata', 'image2pipe', 'data'])(
    'never allows %s',
    (name) => {
      expect(INGEST_FORMATS).not.toContain(name);
    },
  );
});
