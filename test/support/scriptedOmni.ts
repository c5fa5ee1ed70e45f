/**
 * An Omni whose wait answers are scripted byte for byte, for bad-input tests: the fake Omni
 * (test/fakeOmni.ts, src/testing) only sends well-formed answers, while these tests need a BOM, CRLF, a body cut
 * inside a UTF-8 character, an HTML page, a connection that breaks mid-body, and so on.
 *
 * Each wait request takes the next scripted answer (in order); once the script is used up, `then`
 * answers (by default: a held, timed-out footer listing every asked id, like a real long poll).
 */
import { http, HttpResponse, type RequestHandler } from 'msw';

/** One scripted HTTP answer. */
export interface ScriptedAnswer {
  /** HTTP status. Default 200. */
  status?: number;
  /** Response headers. Default: `content-type: text/ndjson` for 200, none otherwise. */
  headers?: Record<string, string>;
  /** The body, exactly as sent. Default: empty. */
  body?: string | Uint8Array;
  /** Byte offsets at which the body is cut into separate chunks (the reader sees each one alone). */
  splitAt?: readonly number[];
  /** Error the body stream after the last chunk, like a connection reset, instead of ending it. */
  breakAfterBody?: boolean;
  /** Answer with a network failure (no HTTP answer at all). */
  network?: boolean;
  /** Hold the answer this long first (cut short when the client aborts). Default 0. */
  holdMs?: number;
}

/** What a script function is told about the request it answers. */
export interface ScriptedRequestInfo {
  /** The ids of `job_ids`, decoded. */
  ids: string[];
  /** 0 for the first wait request, 1 for the second, … */
  index: number;
}

/** A fixed answer, or a function of the request. */
export type ScriptStep = ScriptedAnswer | ((request: ScriptedRequestInfo) => ScriptedAnswer);

/** One wait request the scripted Omni received. */
export interface ScriptedRequest {
  /** The ids of `job_ids`, decoded (the documented URL-encoded JSON array). */
  ids: string[];
  /** The raw query string, to check the encoding itself. */
  search: string;
  /** The `Authorization` header, or `null`. Tests only. */
  authorization: string | null;
  /** True when the client aborted it before the answer ended. */
  aborted: boolean;
  /** The status sent (`0` for a network failure). */
  status: number;
}

/** Options of {@link scriptedOmni}. */
export interface ScriptedOmniOptions {
  /** Default `https://scripted.omniapp.co`. */
  baseUrl?: string;
  /** The answers, one per wait request, in order. */
  answers?: readonly ScriptStep[];
  /** The answer once `answers` is used up. Default: {@link heldTimeout}. */
  then?: ScriptStep;
}

/** A scripted Omni for msw. */
export interface ScriptedOmni {
  readonly baseUrl: string;
  readonly handlers: RequestHandler[];
  readonly requests: ScriptedRequest[];
}

/** The default answer after the script: a 20 ms hold, then a timed-out footer listing every asked id. */
export function heldTimeout({ ids }: ScriptedRequestInfo): ScriptedAnswer {
  return { holdMs: 20, body: `${JSON.stringify({ remaining_job_ids: ids, timed_out: 'true' })}\n` };
}

/** Creates a scripted Omni. Register `handlers` with an msw server. */
export function scriptedOmni(options: ScriptedOmniOptions = {}): ScriptedOmni {
  const baseUrl = (options.baseUrl ?? 'https://scripted.omniapp.co').replace(/\/+$/, '');
  const answers = options.answers ?? [];
  const then = options.then ?? heldTimeout;
  const requests: ScriptedRequest[] = [];
  const encoder = new TextEncoder();

  const handler = http.get(`${baseUrl}/api/v1/query/wait`, async ({ request }) => {
    const url = new URL(request.url);
    const ids = parseIds(url.searchParams.get('job_ids'));
    const index = requests.length;
    const entry: ScriptedRequest = {
      ids,
      search: url.search,
      authorization: request.headers.get('authorization'),
      aborted: false,
      status: 200,
    };
    requests.push(entry);
    request.signal.addEventListener('abort', () => (entry.aborted = true), { once: true });
    const step = answers[index] ?? then;
    const answer = typeof step === 'function' ? step({ ids, index }) : step;

    if (answer.holdMs !== undefined && answer.holdMs > 0) await sleep(answer.holdMs, request.signal);
    if (answer.network === true) {
      entry.status = 0;
      return HttpResponse.error();
    }
    const status = answer.status ?? 200;
    entry.status = status;
    const bytes = typeof answer.body === 'string' ? encoder.encode(answer.body) : (answer.body ?? new Uint8Array());
    const cuts = [...new Set(answer.splitAt ?? [])].filter((cut) => cut > 0 && cut < bytes.length).sort((a, b) => a - b);
    const chunks: Uint8Array[] = [];
    let from = 0;
    for (const cut of [...cuts, bytes.length]) {
      if (cut > from) chunks.push(bytes.slice(from, cut));
      from = cut;
    }
    // Pulled one chunk per read: erroring a stream drops what is still queued, so a "connection
    // reset" must come after the reader has taken every chunk, as on a real socket.
    const body = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          const chunk = chunks.shift();
          if (chunk !== undefined) controller.enqueue(chunk);
          else if (answer.breakAfterBody === true) controller.error(new TypeError('terminated: other side closed'));
          else controller.close();
        },
      },
      { highWaterMark: 0 },
    );
    const headers = new Headers(answer.headers ?? (status === 200 ? { 'content-type': 'text/ndjson' } : {}));
    return new HttpResponse(bytes.length === 0 && answer.breakAfterBody !== true ? null : body, { status, headers });
  });

  return { baseUrl, handlers: [handler], requests };
}

function parseIds(raw: string | null): string[] {
  if (raw === null) return [];
  try {
    const ids: unknown = JSON.parse(raw);
    return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
