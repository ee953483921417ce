// Drives the `ws` package (npm) as an independent WebSocket client against a Squall test server.
// Usage: node ws-client.js http://127.0.0.1:PORT
// Prints one JSON object per line per step; exits non-zero on a failure or after 30 s.
'use strict';
const WebSocket = require('ws');

const base = process.argv[2].replace(/^http/, 'ws');
const t0 = Date.now();
const out = (obj) => process.stdout.write(JSON.stringify(Object.assign(obj, { ms: Date.now() - t0 })) + '\n');
setTimeout(() => { out({ step: 'error', message: 'timed out' }); process.exit(2); }, 30000).unref();

function open(path, options) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(base + path, options);
    ws.binaryType = 'nodebuffer';
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

function nextMessage(ws) {
  return new Promise((resolve) => ws.once('message', (data, isBinary) => resolve({ data, isBinary })));
}

function closed(ws) {
  return new Promise((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
}

async function main() {
  // One connection without compression: text, binary, fragments, a large message, ping, close.
  let ws = await open('/echo', { perMessageDeflate: false });
  out({ step: 'open', extensions: ws.extensions });

  let reply = nextMessage(ws);
  ws.send('hello, squall');
  let m = await reply;
  out({ step: 'text', isBinary: m.isBinary, data: m.data.toString() });

  reply = nextMessage(ws);
  ws.send(Buffer.from([0, 1, 2, 127, 128, 255]));
  m = await reply;
  out({ step: 'binary', isBinary: m.isBinary, hex: m.data.toString('hex') });

  reply = nextMessage(ws);
  ws.send('frag', { fin: false });
  ws.send('men', { fin: false });
  ws.send('ted ✓', { fin: true });
  m = await reply;
  out({ step: 'fragmented', isBinary: m.isBinary, data: m.data.toString() });

  const big = Buffer.alloc(1024 * 1024 + 7);
  for (let i = 0; i < big.length; i++) big[i] = (i * 31 + (i >> 8)) & 0xff;
  reply = nextMessage(ws);
  ws.send(big);
  m = await reply;
  out({ step: 'large', isBinary: m.isBinary, length: m.data.length, equal: Buffer.compare(m.data, big) === 0 });

  const pong = new Promise((resolve) => ws.once('pong', resolve));
  ws.ping(Buffer.from('are you there'));
  out({ step: 'ping', data: (await pong).toString() });

  let end = closed(ws);
  ws.close(4000, 'client bye');
  out(Object.assign({ step: 'close' }, await end));

  // Compression: a repetitive message should cross the wire in far fewer bytes than its length.
  ws = await open('/echo-deflate', { perMessageDeflate: true });
  const text = 'squall '.repeat(20000);
  reply = nextMessage(ws);
  ws.send(text);
  m = await reply;
  out({
    step: 'compressed',
    extensions: ws.extensions,
    equal: m.data.toString() === text,
    length: text.length,
    bytesRead: ws._socket.bytesRead,
  });
  end = closed(ws);
  ws.close(1000);
  await end;

  // The server closes with 1001.
  ws = await open('/going-away', { perMessageDeflate: false });
  out(Object.assign({ step: 'server-close' }, await closed(ws)));
}

main().then(
  () => process.exit(0),
  (e) => { out({ step: 'error', message: String(e && e.stack || e) }); process.exit(1); },
);
