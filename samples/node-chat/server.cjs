// A small chat service in Node.js on the official OpenAI SDK, to show ChaosKit driving an app in another language:
// `chaoskit run chaoskit.yaml` starts it with `target.command`, points OPENAI_BASE_URL at the fake and sends it load.
// It answers POST /api/ask with the model's answer, or with a stored answer (X-Answer-Source: fallback) when OpenAI
// fails, and passes the request's W3C traceparent on to OpenAI so ChaosKit can join each request with its calls.
'use strict';
const http = require('node:http');
const OpenAI = require('openai');

const port = Number(process.env.PORT || 3000);
const client = new OpenAI({
  baseURL: process.env.OPENAI_BASE_URL,            // ChaosKit's fake OpenAI during a run
  apiKey: process.env.OPENAI_API_KEY,
  maxRetries: Number(process.env.MAX_RETRIES ?? 2),   // the SDK's default
  timeout: 20_000,
});
// For rehearsing a crash: an app that lets a provider error escape and dies of it.
const crashOnProviderError = process.env.EXIT_ON_PROVIDER_ERROR === '1';

function send(res, status, body, source) {
  res.writeHead(status, { 'content-type': 'application/json', ...(source ? { 'x-answer-source': source } : {}) });
  res.end(JSON.stringify(body));
}

async function ask(req, res) {
  let body = '';
  for await (const chunk of req) body += chunk;
  let question;
  try {
    question = JSON.parse(body).question;
  } catch {
    return send(res, 400, { error: 'send {"question": "..."}' });
  }
  if (typeof question !== 'string' || question.trim() === '') return send(res, 400, { error: 'send {"question": "..."}' });
  try {
    const completion = await client.chat.completions.create(
      { model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }], max_tokens: 200 },
      { headers: req.headers.traceparent ? { traceparent: req.headers.traceparent } : {} });
    send(res, 200, { answer: completion.choices[0].message.content }, 'provider');
  } catch (error) {
    if (crashOnProviderError) {
      console.error(`provider error, exiting: ${error.message}`);
      process.exit(7);
    }
    console.error(`OpenAI failed (${error.status ?? error.name}); answering from the stored answer`);
    send(res, 200, { answer: 'Our assistant is busy; here is our help page: https://example.com/help' }, 'fallback');
  }
}

http.createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/healthz') return send(res, 200, { ok: true });
  if (req.method === 'POST' && req.url === '/api/ask') {
    ask(req, res).catch((error) => send(res, 500, { error: error.message }));
    return;
  }
  send(res, 404, { error: 'not found' });
}).listen(port, '127.0.0.1', () => console.log(`node-chat listening on http://127.0.0.1:${port}`));
