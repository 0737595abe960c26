/**
 * Positive control for the no-network preload (test/helpers/no-network.cjs): tries every
 * guarded kind of outbound connection, in the main thread, in worker threads (one started from
 * a URL, one from `eval` source), and through tesseract.js given a URL for its language data
 * (it then fetches inside its worker). Every try must fail with ERR_NETWORK_FORBIDDEN and be
 * counted. Prints one JSON line: { main, urlWorker, evalWorker, tesseract, counted }, each try
 * mapped to the error code seen ('NOT BLOCKED' if it went through; a thread the preload did
 * not reach says 'NOT GUARDED' and tries nothing). Without the preload it tries nothing and
 * exits with status 2: it must never really connect. */
import dgram from 'node:dgram';
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net, { connect as namedConnect } from 'node:net';
import tls from 'node:tls';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

const HOST = 'example.com';
if (!globalThis.__noNetwork) {
  process.stderr.write('network-canary: the no-network preload is not installed; trying nothing\n');
  process.exit(2);
}
const outcome = async (fn) => {
  try {
    await fn();
    return 'NOT BLOCKED';
  } catch (error) {
    return error?.code ?? String(error);
  }
};

const main = {
  fetch: await outcome(() => fetch(`https://${HOST}/`)),
  'net.connect': await outcome(() => net.connect(80, HOST)),
  'net.createConnection': await outcome(() => net.createConnection({ host: HOST, port: 80 })),
  'named import connect': await outcome(() => namedConnect(80, HOST)),
  'new net.Socket().connect': await outcome(() => new net.Socket().connect(80, HOST)),
  'tls.connect': await outcome(() => tls.connect(443, HOST)),
  'dns.lookup': await outcome(() => dns.lookup(HOST, () => {})),
  'dns.promises.lookup': await outcome(() => dns.promises.lookup(HOST)),
  'http.get': await outcome(() => http.get(`http://${HOST}/`)),
  'https.request': await outcome(() => https.request(`https://${HOST}/`)),
  'dgram.createSocket': await outcome(() => dgram.createSocket('udp4')),
};

// The same tries inside worker threads: one started from a URL (as tesseract.js starts its
// workers) and one from `eval` source. A thread the preload did not reach reports
// 'NOT GUARDED' and tries nothing (this is a test: it must not really connect).
const workerSource = `
const { parentPort } = require('node:worker_threads');
const net = require('node:net');
const dns = require('node:dns');
const outcome = async (fn) => { try { await fn(); return 'NOT BLOCKED'; } catch (e) { return (e && e.code) || String(e); } };
(async () => {
  if (!globalThis.__noNetwork) return parentPort.postMessage('NOT GUARDED');
  parentPort.postMessage({
    fetch: await outcome(() => fetch('https://${HOST}/')),
    'net.connect': await outcome(() => net.connect(80, '${HOST}')),
    'dns.promises.lookup': await outcome(() => dns.promises.lookup('${HOST}')),
  });
})();
`;
const inWorker = (source, options) =>
  new Promise((resolve, reject) => {
    const w = new Worker(source, options);
    w.once('message', (m) => {
      resolve(m);
      void w.terminate();
    });
    w.once('error', reject);
  });
const urlWorker = await inWorker(new URL(`data:text/javascript,${encodeURIComponent(`import { createRequire } from 'node:module'; const require = createRequire('file:///'); ${workerSource}`)}`));
const evalWorker = await inWorker(workerSource, { eval: true });

// tesseract.js itself, given a URL for its language data (what it does by default, with its
// CDN): it fetches inside its worker thread. (TesseractEngine refuses URLs; this is the
// library underneath, to show the preload reaches its workers.)
const require = createRequire(import.meta.url);
const Tesseract = require('tesseract.js');
let tesseract;
let tesseractWorker;
try {
  // createWorker never settles when loading the language fails (only its errorHandler hears).
  let failed;
  const failure = new Promise((_, reject) => (failed = reject));
  tesseractWorker = await Promise.race([
    Tesseract.createWorker('chi_sim', 1, {
      langPath: `https://${HOST}/tessdata`,
      gzip: true,
      cacheMethod: 'none',
      logger: () => {},
      errorHandler: (data) => failed(new Error(String(data))),
    }),
    failure,
  ]);
  tesseract = 'NOT BLOCKED';
} catch (error) {
  const text = String(error?.message ?? error);
  tesseract = /ERR_NETWORK_FORBIDDEN|network access is forbidden/.test(text) ? 'ERR_NETWORK_FORBIDDEN' : text;
}
await tesseractWorker?.terminate();
// Let messages from worker threads reach the main thread's counter.
await new Promise((resolve) => setTimeout(resolve, 300));
process.stdout.write(JSON.stringify({ main, urlWorker, evalWorker, tesseract, counted: globalThis.__noNetwork?.attempts + globalThis.__noNetwork?.seenInOtherThreads }) + '\n');
// tesseract.js leaves the worker of a failed createWorker running: end here.
process.exit(0);
