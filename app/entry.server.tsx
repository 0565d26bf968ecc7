// Streams the page; bots and crawlers get it whole (onAllReady), people as soon as the shell is ready.
import { Transform, type TransformCallback } from "node:stream";
import type { AppLoadContext, EntryContext, HandleErrorFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";

import { NonceProvider } from "./utils/nonce";
import { registerAllCatalogues } from "./utils/i18n.server";
import { startBackgroundJobs } from "./utils/jobs.server";

registerAllCatalogues();

const ABORT_DELAY = 5_000;

// The build is imported once when the server starts: its background work starts with it.
if (process.env.NODE_ENV !== "test") startBackgroundJobs();
export const streamTimeout = ABORT_DELAY;

/** Server errors are logged with the request's id, so they can be found from a user's report. */
export const handleError: HandleErrorFunction = (error, { request, context }) => {
  if (request.signal.aborted) return;
  console.error(
    `[${context.requestId ?? "-"}] ${request.method} ${new URL(request.url).pathname}:`,
    error,
  );
};

/**
 * React's output in one piece for each batch it writes. React fills 2 KB buffers and writes each
 * as it fills, then calls `flush()` once the batch is out (the convention zlib streams keep):
 * a page of 40 KB went to the response as twenty chunks, each passing through the stream
 * adapters and `res.write` on its own. Held here, they go on together at `flush()`, the end, or
 * both; nothing is reordered, and a reader that falls behind still holds React back.
 */
class Batched extends Transform {
  #parts: Buffer[] = [];
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
    this.#parts.push(chunk);
    done();
  }
  flush() {
    if (this.#parts.length === 0) return;
    this.push(this.#parts.length === 1 ? this.#parts[0] : Buffer.concat(this.#parts));
    this.#parts = [];
  }
  override _flush(done: TransformCallback) {
    this.flush();
    done();
  }
}

type StreamRead = NonNullable<NonNullable<EntryContext["renderMeta"]>["streamCache"]>[number];

function alreadyRead(result: { done: boolean; value: string }): StreamRead {
  return Object.assign(Promise.resolve(), { result });
}

/**
 * The loaders' data for the browser, read whole before the page renders. Remix's <StreamTransfer>
 * reads it chunk by chunk while React renders, suspending the page for each read (a retry of
 * the render and a flush of its own, twice per page at least); none of our loaders returns a
 * promise to stream later, so the data is all there at once. It fills the cache StreamTransfer
 * looks in first (`renderMeta.streamCache`, part of Remix's EntryContext type), so the page
 * renders in one pass (decision 029).
 */
async function readHandoff(context: EntryContext): Promise<void> {
  const stream = context.serverHandoffStream;
  if (!stream || !context.renderMeta) return;
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let text = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  text += decoder.decode();
  reader.releaseLock();
  context.renderMeta.streamCache = {
    0: alreadyRead({ done: false, value: text }),
    1: alreadyRead({ done: true, value: "" }),
  };
}

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce || undefined;
  const waitForAll = isbot(request.headers.get("user-agent") ?? "");
  await readHandoff(remixContext);
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    // Gives up on a page that has not finished in time; cleared once it has, so a busy
    // server does not carry thousands of idle timers.
    const timer = setTimeout(() => abort(), ABORT_DELAY);
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce ?? ""}>
        <RemixServer
          context={remixContext}
          url={request.url}
          abortDelay={ABORT_DELAY}
          nonce={nonce}
        />
      </NonceProvider>,
      {
        nonce,
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = new Batched();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
          body.on("close", () => clearTimeout(timer));
          pipe(body);
        },
        onShellError(error: unknown) {
          clearTimeout(timer);
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Errors after the shell are logged here; before it, onShellError rejects.
          if (shellRendered) console.error(error);
        },
      },
    );
  });
}
