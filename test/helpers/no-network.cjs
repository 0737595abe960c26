/**
 * Preload that makes every outbound network attempt fail loudly and counts it:
 *
 *   node --import ./no-network.cjs …     or     node --require ./no-network.cjs …
 *
 * Worker threads inherit the process's execArgv, so it runs again at the start of every
 * worker thread before the thread's own code — with one gap in Node 20: `--import` is not
 * applied to workers created with `eval: true` (only to file and URL workers, like
 * tesseract.js's); `--require` is applied to all. Hence CommonJS, so that both work.
 *
 * Guarded: net.Socket.prototype.connect, net.connect / net.createConnection, tls.connect,
 * dns.lookup / dns.lookupService / dns.resolve* (callback and promise APIs),
 * http(s).request / http(s).get, dgram.createSocket, and globalThis.fetch (replaced before any
 * module captures it: the tesseract.js worker script does
 * `const fetch = global.fetch || require('node-fetch')`).
 *
 * Each attempt:
 *   - writes `NO_NETWORK attempt thread=<id> what=<api> target=<…>` to stderr (fd 2,
 *     synchronously, from whichever thread),
 *   - is counted in `globalThis.__noNetwork.attempts` of its thread and posted on the
 *     BroadcastChannel 'qcredit-no-network', so the main thread's count covers every thread
 *     (printed at exit as `NO_NETWORK total=<n> main=<n> workers=<n>`),
 *   - throws an Error with code 'ERR_NETWORK_FORBIDDEN' (rejects, for fetch and dns.promises).
 * On install every thread writes `NO_NETWORK installed thread=<id> main=<bool>`.
 */
'use strict';
const { syncBuiltinESMExports } = require('node:module');
const { isMainThread, threadId } = require('node:worker_threads');
const { writeSync } = require('node:fs');
const net = require('node:net');
const tls = require('node:tls');
const dns = require('node:dns');
const http = require('node:http');
const https = require('node:https');
const dgram = require('node:dgram');

const CHANNEL = 'qcredit-no-network';

/** Straight to fd 2, synchronously, from any thread: nothing is lost when a thread ends. */
function log(line) {
  const text = `NO_NETWORK ${line}\n`;
  try {
    writeSync(2, text);
  } catch {
    process.stderr.write(text);
  }
}

if (globalThis.__noNetwork) return; // loaded twice (--import and --require): installed already
const state = { attempts: 0, seenInOtherThreads: 0, log: [] };
globalThis.__noNetwork = state;
const channel = new BroadcastChannel(CHANNEL);
channel.unref?.();
if (isMainThread) {
  channel.onmessage = (event) => {
    const data = event.data;
    if (data && data.kind === 'attempt') {
      state.seenInOtherThreads++;
      state.log.push(data);
    }
  };
  process.on('exit', () => log(`total=${state.attempts + state.seenInOtherThreads} main=${state.attempts} workers=${state.seenInOtherThreads}`));
}

function describe(target) {
  try {
    if (target === undefined) return '';
    if (typeof target === 'string') return target;
    if (target instanceof URL) return target.href;
    if (typeof Request !== 'undefined' && target instanceof Request) return target.url;
    if (typeof target === 'object') {
      const { host, hostname, port, path } = target;
      return JSON.stringify({ host, hostname, port, path });
    }
    return String(target);
  } catch {
    return '?';
  }
}

function forbid(what, target) {
  state.attempts++;
  const entry = { kind: 'attempt', thread: threadId, what, target: describe(target) };
  state.log.push(entry);
  log(`attempt thread=${threadId} what=${what} target=${entry.target}`);
  if (!isMainThread) {
    try {
      channel.postMessage(entry);
    } catch {
      // the channel may be closed while the thread ends
    }
  }
  const error = new Error(`network access is forbidden in this process (${what} ${entry.target})`);
  error.code = 'ERR_NETWORK_FORBIDDEN';
  return error;
}

function guard(object, key, what, { async = false } = {}) {
  const original = object?.[key];
  if (typeof original !== 'function') return;
  const replacement = function (...args) {
    const error = forbid(what, args[0]);
    if (async) return Promise.reject(error);
    throw error;
  };
  Object.defineProperty(replacement, 'name', { value: `forbidden_${key}` });
  object[key] = replacement;
}

guard(net.Socket.prototype, 'connect', 'net.Socket#connect');
guard(net, 'connect', 'net.connect');
guard(net, 'createConnection', 'net.createConnection');
guard(tls, 'connect', 'tls.connect');
guard(dns, 'lookup', 'dns.lookup');
guard(dns, 'lookupService', 'dns.lookupService');
guard(dns, 'resolve', 'dns.resolve');
for (const key of Object.keys(dns)) if (/^resolve[A-Z0-9]/.test(key)) guard(dns, key, `dns.${key}`);
guard(dns.promises, 'lookup', 'dns.promises.lookup', { async: true });
guard(dns.promises, 'lookupService', 'dns.promises.lookupService', { async: true });
guard(dns.promises, 'resolve', 'dns.promises.resolve', { async: true });
guard(http, 'request', 'http.request');
guard(http, 'get', 'http.get');
guard(https, 'request', 'https.request');
guard(https, 'get', 'https.get');
guard(dgram, 'createSocket', 'dgram.createSocket');
guard(globalThis, 'fetch', 'fetch', { async: true });
// ESM named imports of built-ins (`import { connect } from 'node:net'`) see the guards too.
syncBuiltinESMExports();

log(`installed thread=${threadId} main=${isMainThread}`);
