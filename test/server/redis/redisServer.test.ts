import { createConnection } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startRedisServer } from '../../support/redisServer.js';

const answersPing = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = createConnection(port, '127.0.0.1', () => socket.write('PING\r\n'));
    socket.once('data', (data) => (socket.destroy(), resolve(data.toString().startsWith('+PONG'))));
    socket.once('error', () => (socket.destroy(), resolve(false)));
  });

describe('the test Redis server', () => {
  it('fails, saying how to install it, when redis-server is missing', async () => {
    await expect(startRedisServer('/nonexistent/redis-server')).rejects.toThrow(/apt-get install -y redis-server/);
  });

  it('starts on a free port, stops, and restarts on the same port after a kill', async () => {
    const redis = await startRedisServer();
    expect(redis.url).toBe(`redis://127.0.0.1:${redis.port}`);
    expect(await answersPing(redis.port)).toBe(true);
    await redis.kill();
    expect(await answersPing(redis.port)).toBe(false);
    await redis.restart();
    expect(await answersPing(redis.port)).toBe(true);
    await redis.stop();
    expect(await answersPing(redis.port)).toBe(false);
  });
});
