import { createParser, type EventSourceMessage } from "eventsource-parser";

/**
 * Reads a text/event-stream body, handing each message to `onMessage` until it returns true
 * (then the reader is released: the client "disconnects") or the stream ends.
 */
export async function readSse(body: ReadableStream<Uint8Array>, onMessage: (message: EventSourceMessage) => boolean | void): Promise<{ ended: boolean; comments: string[] }> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const comments: string[] = [];
  let stop = false;
  const parser = createParser({
    onEvent(message) {
      if (!stop && onMessage(message)) stop = true;
    },
    onComment(comment) {
      comments.push(comment);
    },
  });
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { ended: true, comments };
    parser.feed(decoder.decode(value, { stream: true }));
    if (stop) {
      await reader.cancel();
      return { ended: false, comments };
    }
  }
}
