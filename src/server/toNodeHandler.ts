import { proxyErrorResponse } from './headers.js';
import { cancelQuietly } from './streams.js';

/**
 * The parts of Node's `http.IncomingMessage` (and so of Express's `req`) the adapter reads. Declared
 * here rather than imported from `node:http`, so this entry needs neither Node's types nor its modules.
 */
export interface NodeRequestLike extends AsyncIterable<unknown> {
  /** The request method; `GET` when absent. */
  method?: string | undefined;
  /** The request target as received (`/api/omni/api/v1/query/wait?job_ids=…`). */
  url?: string | undefined;
  /** Express only: the target before a mount path was stripped from `url`. Preferred when present. */
  originalUrl?: string | undefined;
  /** Request headers, lower-case names; repeated headers as arrays. */
  headers: Record<string, string | string[] | undefined>;
  /** True once the body has been read to the end: by an earlier body parser, if it is true on arrival. */
  readableEnded?: boolean;
  /** The connection; a TLS socket (`encrypted: true`) makes the request URL `https:`. */
  socket?: object | null;
}

/** The parts of Node's `http.ServerResponse` (and so of Express's `res`) the adapter writes to. */
export interface NodeResponseLike {
  statusCode: number;
  /** True once the response has been fully handed to the OS. */
  writableFinished: boolean;
  /** True once the response (or its connection) has been destroyed. */
  destroyed?: boolean;
  setHeader(name: string, value: string | string[]): unknown;
  write(chunk: Uint8Array): boolean;
  end(): unknown;
  destroy(): unknown;
  once(event: 'close' | 'drain', listener: () => void): unknown;
  removeListener(event: 'close' | 'drain', listener: () => void): unknown;
}

/** A Node `http.createServer` listener or Express middleware, as returned by {@link toNodeHandler}. */
export type NodeHandler = (req: NodeRequestLike, res: NodeResponseLike, next?: (error?: unknown) => void) => Promise<void>;

/**
 * Adapts a Fetch API handler (such as {@link createOmniProxy}'s) to Node's `http.createServer` and to
 * Express (`app.use('/api/omni', toNodeHandler(proxy))`; Express's `originalUrl` is used, so
 * `basePath` stays the full mount path).
 *
 * - The request body is streamed to the handler, the response body streamed back with back-pressure.
 * - A client that disconnects aborts `request.signal`; a response body that fails mid-way destroys
 *   the connection, so the client sees a broken response rather than a short one.
 * - Targets that a URL parser would silently rewrite (`..` or `.` segments, also percent-encoded,
 *   backslashes) or that are not a path (`http://other.host/…`) are answered 400 before the handler
 *   runs: browsers never send them, so they are probes.
 * - Mount it before any body parser (`express.json()`): a body already read cannot be forwarded,
 *   and the request is answered 500 saying so.
 * - When the handler throws, Express's `next(error)` gets the error; plain Node answers 500.
 */
export function toNodeHandler(handler: (request: Request) => Promise<Response>): NodeHandler {
  return async (req, res, next) => {
    const controller = new AbortController();
    const onClose = () => {
      if (!res.writableFinished) controller.abort(new Error('The client closed the connection.'));
    };
    res.once('close', onClose);
    // Closed before this handler ran (a client that gave up while earlier middleware worked).
    if (res.destroyed === true) onClose();
    let response: Response;
    try {
      const request = toRequest(req, controller.signal);
      response = request instanceof Response ? request : await handler(request);
    } catch (error) {
      if (next !== undefined) {
        res.removeListener('close', onClose);
        next(error);
        return;
      }
      response = proxyErrorResponse(500, 'Internal server error.');
    }
    await send(response, res, controller.signal);
  };
}

const bodylessMethods = new Set(['GET', 'HEAD']);

/** The Fetch `Request` for a Node request, or the `Response` refusing it. */
function toRequest(req: NodeRequestLike, signal: AbortSignal): Request | Response {
  const method = req.method ?? 'GET';
  const target = req.originalUrl ?? req.url ?? '/';
  if (!isPlainPathTarget(target)) return proxyErrorResponse(400, 'Bad request target.');
  const hasBody = !bodylessMethods.has(method.toUpperCase());
  if (hasBody && req.readableEnded === true) {
    return proxyErrorResponse(
      500,
      'The request body was already read by another middleware; mount this handler before body parsers.',
    );
  }
  const secure =
    typeof req.socket === 'object' && req.socket !== null && 'encrypted' in req.socket && req.socket.encrypted === true;
  const url = `${secure ? 'https' : 'http'}://${hostOf(req.headers.host)}${target}`;
  const init: RequestInit & { duplex?: 'half' } = { method, headers: toHeaders(req.headers), signal };
  if (hasBody) {
    init.body = toReadableStream(req);
    // Required by fetch for a streamed body; the handler reads it as it arrives.
    init.duplex = 'half';
  }
  try {
    return new Request(url, init);
  } catch {
    // A method Fetch refuses (CONNECT, TRACE) or a malformed one.
    return proxyErrorResponse(400, 'Bad request.');
  }
}

/**
 * True for an origin-form target (`/path?query`) whose path a URL parser keeps as it is. A target with
 * dot segments or backslashes would reach the handler already rewritten, hiding what was sent.
 */
function isPlainPathTarget(target: string): boolean {
  if (!target.startsWith('/')) return false;
  const path = target.split('?', 1)[0] ?? '';
  if (path.includes('\\')) return false;
  return path.split('/').every((segment) => {
    const dots = segment.toLowerCase().replaceAll('%2e', '.');
    return dots !== '.' && dots !== '..';
  });
}

/** The `Host` header when it is a plain host[:port]; `localhost` otherwise (it only fills the URL). */
function hostOf(host: string | string[] | undefined): string {
  return typeof host === 'string' && /^([a-z0-9.-]+|\[[0-9a-f:.]+\])(:\d{1,5})?$/i.test(host) ? host : 'localhost';
}

function toHeaders(incoming: NodeRequestLike['headers']): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming)) {
    // HTTP/2 pseudo-headers (`:path`) are not headers to a Fetch handler.
    if (value === undefined || name.startsWith(':')) continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      try {
        headers.append(name, item);
      } catch {
        // A header Fetch cannot represent is dropped rather than failing the request.
      }
    }
  }
  return headers;
}

/** Pulls the Node request body on demand, so a slow handler slows the client's upload (back-pressure). */
function toReadableStream(source: AsyncIterable<unknown>): ReadableStream<Uint8Array> {
  const iterator = source[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await iterator.next();
      if (done === true) {
        controller.close();
      } else {
        controller.enqueue(value instanceof Uint8Array ? value : new TextEncoder().encode(String(value)));
      }
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

/**
 * Writes a Fetch `Response` to a Node response, streaming the body with back-pressure. `gone` is
 * aborted when the connection closed before the response finished: from then on nothing is written
 * and nothing waits for a `drain` that will never come.
 */
async function send(response: Response, res: NodeResponseLike, gone: AbortSignal): Promise<void> {
  if (gone.aborted) {
    cancelQuietly(response.body);
    return;
  }
  res.statusCode = response.status;
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') res.setHeader(name, value);
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);
  if (response.body === null) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  // The client is gone: stop pulling from the handler's stream (and so from upstream).
  const onGone = () => cancelQuietly(reader);
  gone.addEventListener('abort', onGone, { once: true });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done || gone.aborted) break;
      if (!res.write(value)) await drainOrGone(res, gone);
    }
    if (!gone.aborted) res.end();
  } catch {
    // Ending normally would tell the client a cut body is complete; a broken connection does not.
    res.destroy();
  } finally {
    gone.removeEventListener('abort', onGone);
  }
}

function drainOrGone(res: NodeResponseLike, gone: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.removeListener('drain', done);
      gone.removeEventListener('abort', done);
      resolve();
    };
    if (gone.aborted) {
      resolve();
      return;
    }
    res.once('drain', done);
    gone.addEventListener('abort', done, { once: true });
  });
}
