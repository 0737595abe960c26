/**
 * Real Redis for the queue tests: whether 127.0.0.1:6379 answers, a unique key prefix per test
 * run (so runs never see each other's jobs), removing every key under it afterwards, and a
 * throwaway `redis-server` of our own (on a free port, in a temporary folder) for the test
 * that restarts Redis mid-run.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';

export const REDIS_URL = 'redis://127.0.0.1:6379';

/** Null when Redis answers PING on `port`, else why not. */
export async function redisUnavailable(port = 6379): Promise<string | null> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const done = (why: string | null) => (socket.destroy(), resolve(why));
    socket.setTimeout(1000, () => done(`no answer from Redis on 127.0.0.1:${port}`));
    socket.on('error', (e) => done(`Redis is not reachable on 127.0.0.1:${port} (${e.message})`));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (d) => done(d.toString().startsWith('+PONG') ? null : `unexpected answer from 127.0.0.1:${port}`));
  });
}

export const uniquePrefix = (name: string) => `qctest-${name}-${process.pid}-${randomBytes(4).toString('hex')}`;

/** Deletes every key under the prefix (BullMQ's and ours). */
export async function removeKeys(url: string, prefix: string): Promise<number> {
  const client = new Redis(url, { retryStrategy: () => null, maxRetriesPerRequest: 1 });
  let removed = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = (await client.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500)) as [string, string[]];
      cursor = next;
      if (keys.length) removed += (await client.del(...keys)) as number;
    } while (cursor !== '0');
  } finally {
    await client.quit();
  }
  return removed;
}

export async function countKeys(url: string, pattern: string): Promise<number> {
  const client = new Redis(url, { retryStrategy: () => null, maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    let count = 0;
    do {
      const [next, keys] = (await client.scan(cursor, 'MATCH', pattern, 'COUNT', 500)) as [string, string[]];
      cursor = next;
      count += keys.length;
    } while (cursor !== '0');
    return count;
  } finally {
    await client.quit();
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export const REDIS_SERVER = '/usr/bin/redis-server';
export const redisServerMissing = () => (spawnSync(REDIS_SERVER, ['--version']).status === 0 ? null : `${REDIS_SERVER} is not installed`);

/** A Redis of our own, append-only in a temporary folder: it can be stopped and started again with its data. */
export class OwnRedis {
  readonly dir = mkdtempSync(path.join(tmpdir(), 'qcredit-redis-'));
  private process: ChildProcess | undefined;
  constructor(readonly port: number) {}
  get url() {
    return `redis://127.0.0.1:${this.port}`;
  }
  async start(): Promise<void> {
    this.process = spawn(REDIS_SERVER, ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes', '--appendfsync', 'always', '--dir', this.dir], { stdio: 'ignore' });
    for (let i = 0; i < 100 && (await redisUnavailable(this.port)); i++) await new Promise((r) => setTimeout(r, 50));
  }
  async stop(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }
  async destroy(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
