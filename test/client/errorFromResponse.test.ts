import { describe, expect, it } from 'vitest';
import { errorFromResponse, httpError } from '../../src/client/errorFromResponse.js';
import { OmniError } from '../../src/errors/OmniError.js';

describe("httpError: Omni's three error bodies", () => {
  it.each([
    ['{"detail","status"}', 403, '{"detail":"Permission denied","status":403}', 'Permission denied'],
    ['{"error":{"code","message"}}', 403, '{"error":{"code":403,"message":"Invalid bearer token"}}', 'Invalid bearer token'],
    ['{"error":"…","success":false}', 400, '{"error":"Model not found","success":false}', 'Model not found'],
  ])('normalises %s', (_, status, body, said) => {
    const error = httpError({ status, body });
    expect(error).toBeInstanceOf(OmniError);
    expect(error).toMatchObject({ kind: 'http', status, omniMessage: said, retryAfterMs: undefined });
    expect(error.message).toBe(`Omni answered ${status}: ${said}`);
  });

  it('keeps the HTTP status even when the body names another', () => {
    expect(httpError({ status: 502, body: '{"detail":"Bad","status":400}' }).status).toBe(502);
  });
});

describe('httpError: anything else', () => {
  it('reads an HTML page from a proxy as its text', () => {
    const page =
      '<html>\n<head><title>502 Bad Gateway</title><style>body{color:red}</style></head>\n<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>';
    const error = httpError({ status: 502, statusText: 'Bad Gateway', body: page });
    expect(error.message).toBe('Omni answered 502 Bad Gateway: 502 Bad Gateway 502 Bad Gateway nginx');
    expect(error.omniMessage).toBeUndefined();
  });

  it('keeps only the first 200 characters of a long body', () => {
    const error = httpError({ status: 500, body: 'y'.repeat(5_000) });
    expect(error.message).toBe(`Omni answered 500: ${'y'.repeat(200)}…`);
  });

  it('gives the status (and its text) for an empty body', () => {
    expect(httpError({ status: 503, statusText: 'Service Unavailable', body: '' }).message).toBe(
      'Omni answered 503 Service Unavailable',
    );
    expect(httpError({ status: 504, body: '' }).message).toBe('Omni answered 504');
  });

  it('reads JSON without a known shape as text', () => {
    expect(httpError({ status: 500, body: '{"oops":true}' }).message).toBe('Omni answered 500: {"oops":true}');
  });

  it('sets retryAfterMs from Retry-After', () => {
    expect(httpError({ status: 429, body: '', retryAfter: '3' }).retryAfterMs).toBe(3_000);
    expect(httpError({ status: 429, body: '', retryAfter: 'soon' }).retryAfterMs).toBeUndefined();
    const now = Date.UTC(2026, 9, 21, 7, 28, 0);
    expect(httpError({ status: 503, body: '', retryAfter: 'Wed, 21 Oct 2026 07:28:10 GMT' }, { now }).retryAfterMs).toBe(10_000);
  });

  it('redacts a secret before cutting the text', () => {
    const secret = 'omni_osk_abcdef';
    const body = `${'z'.repeat(190)}${secret}`;
    const error = httpError({ status: 502, body }, { redact: (text) => text.replaceAll(secret, '[redacted]') });
    expect(error.message).not.toContain('omni_osk_');
    expect(error.message).toContain('[redac');
  });
});

describe('httpError: the request', () => {
  it('names the method and path after the status, with or without a body', () => {
    const request = { method: 'POST', path: '/acme.omniapp.co/api/v1/query/run' };
    expect(httpError({ status: 404, statusText: 'Not Found', body: '' }, { request }).message).toBe(
      'Omni answered 404 Not Found (POST /acme.omniapp.co/api/v1/query/run)',
    );
    expect(httpError({ status: 403, body: '{"detail":"Permission denied","status":403}' }, { request }).message).toBe(
      'Omni answered 403 (POST /acme.omniapp.co/api/v1/query/run): Permission denied',
    );
  });
});

describe('errorFromResponse', () => {
  it('reads status, body and Retry-After from a Response', async () => {
    const response = new Response('{"error":{"code":429,"message":"Rate limit exceeded"}}', {
      status: 429,
      headers: { 'Retry-After': '12' },
    });
    expect(await errorFromResponse(response)).toMatchObject({
      kind: 'http',
      status: 429,
      retryAfterMs: 12_000,
      message: 'Omni answered 429: Rate limit exceeded',
    });
  });

  it('treats an unreadable body as empty', async () => {
    const body = new ReadableStream({
      pull(controller) {
        controller.error(new Error('socket hang up'));
      },
    });
    const error = await errorFromResponse(new Response(body, { status: 500, statusText: 'Internal Server Error' }));
    expect(error.message).toBe('Omni answered 500 Internal Server Error');
  });
});
