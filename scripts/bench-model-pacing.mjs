// TODO(i16-fake): a stand-in until test/support/fake-anthropic.ts has
// `startFakeAnthropic({ latency: { firstTokenMs, tokensPerSecond } })` and `fake.usages`; then
// bench-model.mjs uses those and this file goes.
//
// A loopback proxy in front of the fake Messages API that paces its answers as a model would: the
// first event of an SSE stream after `firstTokenMs`, then each content delta after its tokens
// (characters / 4, as the fake counts them) at `tokensPerSecond`. It keeps each answered request's
// usage, as the API reported it, in `usages`.
import { Buffer } from 'node:buffer';
import { createServer, request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

const tokensOf = (text) => Math.ceil(text.length / 4);

/** The whole answer of one upstream request: status, headers and body text. */
function forward(url, method, headers, body) {
  return new Promise((resolve, reject) => {
    const sent = request(url, { method, headers }, (answer) => {
      const parts = [];
      answer.on('data', (part) => parts.push(part));
      answer.on('end', () =>
        resolve({
          status: answer.statusCode ?? 502,
          headers: answer.headers,
          body: Buffer.concat(parts).toString('utf8'),
        }),
      );
      answer.on('error', reject);
    });
    sent.on('error', reject);
    sent.end(body);
  });
}

export async function startPacedProxy(upstream, { firstTokenMs, tokensPerSecond }) {
  const usages = [];
  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });

  async function handle(req, res) {
    const parts = [];
    for await (const part of req) parts.push(part);
    const headers = { ...req.headers };
    delete headers.host;
    const answer = await forward(`${upstream}${req.url}`, req.method, headers, Buffer.concat(parts));
    const body = answer.body;
    const type = answer.headers['content-type'] ?? '';
    const passed = Object.fromEntries(
      Object.entries(answer.headers).filter(
        ([name]) => !['content-length', 'transfer-encoding', 'connection'].includes(name),
      ),
    );
    if (answer.status >= 300) {
      res.writeHead(answer.status, passed);
      res.end(body);
      return;
    }
    if (!type.startsWith('text/event-stream')) {
      const message = JSON.parse(body);
      await sleep(firstTokenMs + (1000 * (message.usage?.output_tokens ?? 0)) / tokensPerSecond);
      usages.push(message.usage ?? {});
      res.writeHead(answer.status, passed);
      res.end(body);
      return;
    }
    res.writeHead(answer.status, passed);
    res.flushHeaders();
    const events = body.split('\n\n').filter((event) => event.trim() !== '');
    let usage = {};
    let first = true;
    for (const event of events) {
      const data = JSON.parse(event.slice(event.indexOf('data: ') + 'data: '.length));
      if (data.type === 'message_start') usage = { ...data.message.usage };
      if (data.type === 'message_delta') usage = { ...usage, ...data.usage };
      if (data.type === 'content_block_delta') {
        const text = data.delta.text ?? data.delta.partial_json ?? '';
        await sleep((first ? firstTokenMs : 0) + (1000 * tokensOf(text)) / tokensPerSecond);
        first = false;
      }
      res.write(`${event}\n\n`);
    }
    usages.push(usage);
    res.end();
  }

  server.listen(0, '127.0.0.1');
  await new Promise((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    usages,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
