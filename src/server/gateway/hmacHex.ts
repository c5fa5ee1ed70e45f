const encoder = new TextEncoder();

/**
 * HMAC-SHA-256 of `message` under `key`, as hex. Web Crypto (`crypto.subtle`), so it runs in Node,
 * edge runtimes and workers alike.
 */
export async function hmacHex(key: string, message: string): Promise<string> {
  const cryptoKey = await crypto.subtle.importKey('raw', encoder.encode(key), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const signature = new Uint8Array(await crypto.subtle.sign('HMAC', cryptoKey, encoder.encode(message)));
  let hex = '';
  for (const byte of signature) hex += byte.toString(16).padStart(2, '0');
  return hex;
}
