import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where Debian's `redis-server` package installs the server. */
export const REDIS_SERVER_PATH = '/usr/bin/redis-server';

/** A `redis-server` of our own, on 127.0.0.1, with no persistence, in a temporary directory. */
export interface RedisServer {
  /** `redis://127.0.0.1:<port>`. */
  url: string;
  port: number;
  /** Kills the server (SIGKILL: an outage, not a shutdown). Resolves once it has exited. */
  kill(): Promise<void>;
  /** Starts the server again on the same port, empty. Resolves once it accepts connections. */
  restart(): Promise<void>;
  /** Stops the server for good and removes its directory. */
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A port no one listens on right now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== 'object' || address === null) throw new Error('no free port');
  return address.port;
}

/** Resolves once `PING` on the port gets `+PONG`; rejects after `timeoutMs`. */
async function waitForPong(port: number, child: ChildProcess, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode} on port ${port}`);
    const pong = await new Promise<boolean>((resolve) => {
      const socket = new Socket();
      const done = (ok: boolean) => {
        socket.destroy();
        resolve(ok);
      };
      socket.setTimeout(500, () => done(false));
      socket.once('error', () => done(false));
      socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
      socket.connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
    });
    if (pong) return;
    await sleep(20);
  }
  throw new Error(`redis-server did not answer PING on port ${port} within ${timeoutMs} ms`);
}

/**
 * Starts `/usr/bin/redis-server` on a free port (`--save '' --appendonly no`, in a temporary directory)
 * and resolves once it answers. Fails, never skips, when the server is not installed: the Redis tests
 * are part of the suite. `serverPath` is for the test of that failure.
 */
export async function startRedisServer(serverPath = REDIS_SERVER_PATH): Promise<RedisServer> {
  if (!existsSync(serverPath)) {
    throw new Error(
      `${serverPath} is missing: the Redis store tests need a real Redis. Install it with: apt-get install -y redis-server`,
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'omni-redis-'));
  const port = await freePort();
  let child: ChildProcess | undefined;
  let stopped = false;

  const launch = async () => {
    const started = spawn(
      serverPath,
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--loglevel', 'warning'],
      { stdio: 'ignore' },
    );
    // A test file that dies before its afterAll would otherwise leave the server running.
    const killOnExit = () => started.kill('SIGKILL');
    process.once('exit', killOnExit);
    started.once('exit', () => process.off('exit', killOnExit));
    child = started;
    await waitForPong(port, started);
  };

  const kill = async () => {
    const running = child;
    child = undefined;
    if (running === undefined || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    running.kill('SIGKILL');
    await exited;
  };

  await launch();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    kill,
    restart: async () => {
      if (stopped) throw new Error('the Redis server was stopped');
      await kill();
      await launch();
    },
    stop: async () => {
      stopped = true;
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
