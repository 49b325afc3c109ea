import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';

import { browserTransport } from '../../main/js/transport.js';

describe('browser transport (fetch against a real HTTP server)', () => {
  let server;
  let base;
  const received = [];
  const hanging = [];

  before(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => { body += chunk; });
      req.on('end', () => {
        received.push({ method: req.method, url: req.url, type: req.headers['content-type'], cookie: req.headers.cookie, body });
        if (req.url === '/hang') {
          hanging.push(res); // never answers
          return;
        }
        res.writeHead(req.url === '/refuse' ? 422 : 200, { 'Content-Type': 'application/json' });
        res.end('{"success":true,"message":"Packet received"}');
      });
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${server.address().port}`;
  });

  after(() => {
    for (const res of hanging) res.destroy();
    server.close();
  });

  test('post sends the body as application/json and answers with the status', async () => {
    const transport = browserTransport();
    const result = await transport.post(`${base}/bucket/prana/ingest`, '{"user_id":"u"}', { timeoutMs: 2000 });
    assert.deepEqual(result, { status: 200 });
    assert.deepEqual(received.at(-1), { method: 'POST', url: '/bucket/prana/ingest', type: 'application/json', cookie: undefined, body: '{"user_id":"u"}' });
  });

  test('an HTTP refusal is a status, not a failure', async () => {
    assert.deepEqual(await browserTransport().post(`${base}/refuse`, '{}', { timeoutMs: 2000 }), { status: 422 });
  });

  test('a server that never answers fails the post after timeoutMs', async () => {
    const started = Date.now();
    await assert.rejects(browserTransport().post(`${base}/hang`, '{}', { timeoutMs: 300 }), { name: 'TimeoutError' });
    assert.ok(Date.now() - started < 1900, 'well before the 2 s a test would wait');
  });

  test('a closed port fails the post', async () => {
    const closed = createServer();
    await new Promise((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = closed.address().port;
    await new Promise((resolve) => closed.close(resolve));
    await assert.rejects(browserTransport().post(`http://127.0.0.1:${port}/`, '{}', { timeoutMs: 2000 }));
  });

  test('beacon hands the body to navigator.sendBeacon as an application/json Blob', async () => {
    const calls = [];
    const transport = browserTransport({ navigator: { sendBeacon: (url, data) => { calls.push({ url, data }); return true; } } });
    assert.equal(transport.beacon('/bucket/prana/ingest', '{"a":1}'), true);
    assert.equal(calls[0].url, '/bucket/prana/ingest');
    assert.equal(calls[0].data.type, 'application/json');
    assert.equal(await calls[0].data.text(), '{"a":1}');
  });

  test('beacon says false when the browser refuses, throws or has no sendBeacon', () => {
    assert.equal(browserTransport({ navigator: { sendBeacon: () => false } }).beacon('/x', '{}'), false);
    assert.equal(browserTransport({ navigator: { sendBeacon: () => { throw new TypeError('quota'); } } }).beacon('/x', '{}'), false);
    assert.equal(browserTransport({ navigator: {} }).beacon('/x', '{}'), false);
    assert.equal(browserTransport({ navigator: null }).beacon('/x', '{}'), false);
  });
});
