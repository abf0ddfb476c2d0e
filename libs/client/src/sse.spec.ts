import { describe, expect, it } from 'vitest';
import { parseServerSentEvents, type ServerSentEvent } from './sse.js';

function streamOf(chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
}

async function collect(chunks: string[]): Promise<ServerSentEvent[]> {
  const events: ServerSentEvent[] = [];
  for await (const event of parseServerSentEvents(streamOf(chunks))) events.push(event);
  return events;
}

describe(parseServerSentEvents.name, () => {
  it('reads named events split across chunks and skips heartbeat comments', async () => {
    const events = await collect([
      'event: status\ndata: {"status":"queued"}\n\n: heartbeat\n\nevent: prog',
      'ress\ndata: {"progress":40}\n',
      '\n',
    ]);
    expect(events).toEqual([
      { event: 'status', data: '{"status":"queued"}' },
      { event: 'progress', data: '{"progress":40}' },
    ]);
  });

  it('joins multi-line data, accepts CRLF and defaults the name to message', async () => {
    expect(await collect(['data: a\r\ndata: b\r\n\r\n'])).toEqual([{ event: 'message', data: 'a\nb' }]);
  });

  it('drops an unterminated last block, as a browser does', async () => {
    expect(await collect(['event: status\ndata: {}'])).toEqual([]);
  });
});
