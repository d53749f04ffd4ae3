// How the official JavaScript SDKs see ChaosKit's injected faults: the error class each raises, whether it waits as
// the retry hints say, and the in-stream error events. Usage: node faults.mjs PROVIDER FAULT, with JsSdkTests
// starting that provider's fake with that one fault on every call.
import Anthropic from '@anthropic-ai/sdk';
import OpenAI, { AzureOpenAI } from 'openai';
import { GoogleGenAI } from '@google/genai';
import { assert, check, done, env } from './harness.mjs';

const [provider, fault] = process.argv.slice(2);
let attempts = 0;
const countingFetch = (...args) => { attempts++; return fetch(...args); };

function client() {
  switch (provider) {
    case 'anthropic': return new Anthropic({ baseURL: env('ANTHROPIC_BASE_URL'), apiKey: env('ANTHROPIC_API_KEY'), maxRetries: 1, fetch: countingFetch });
    case 'openai': return new OpenAI({ baseURL: env('OPENAI_BASE_URL'), apiKey: env('OPENAI_API_KEY'), maxRetries: 1, fetch: countingFetch });
    case 'azure': return new AzureOpenAI({ endpoint: env('AZURE_OPENAI_ENDPOINT'), apiKey: env('AZURE_OPENAI_API_KEY'), apiVersion: '2024-10-21', deployment: 'gpt-4o-mini', maxRetries: 1, fetch: countingFetch });
    default: return new GoogleGenAI({ apiKey: env('GEMINI_API_KEY'), httpOptions: { baseUrl: env('GEMINI_BASE_URL') } });
  }
}

const sdk = client();
const ask = () => provider === 'anthropic' ? sdk.messages.create({ model: 'claude-haiku-4-5', max_tokens: 20, messages: [{ role: 'user', content: 'Hi' }] })
  : provider === 'gemini' ? sdk.models.generateContent({ model: 'gemini-2.5-flash', contents: 'Hi' })
  : sdk.chat.completions.create({ model: provider === 'azure' ? '' : 'gpt-4o-mini', max_tokens: 20, messages: [{ role: 'user', content: 'Hi' }] });
async function askStreaming() {
  if (provider === 'anthropic') { for await (const _ of sdk.messages.stream({ model: 'claude-haiku-4-5', max_tokens: 20, messages: [{ role: 'user', content: 'Hi' }] })); return; }
  if (provider === 'gemini') { for await (const _ of await sdk.models.generateContentStream({ model: 'gemini-2.5-flash', contents: 'Hi' })); return; }
  for await (const _ of await sdk.chat.completions.create({ model: provider === 'azure' ? '' : 'gpt-4o-mini', max_tokens: 20, stream: true, messages: [{ role: 'user', content: 'Hi' }] }));
}

// The status and error class (or, for Gemini, the status word) each provider's SDK raises.
const expected = {
  rate_limit: { anthropic: [429, Anthropic.RateLimitError], openai: [429, OpenAI.RateLimitError], azure: [429, OpenAI.RateLimitError], gemini: [429, 'RESOURCE_EXHAUSTED'] },
  overloaded: { anthropic: [529, Anthropic.InternalServerError], openai: [503, OpenAI.InternalServerError], azure: [503, OpenAI.InternalServerError], gemini: [503, 'UNAVAILABLE'] },
};

if (fault === 'rate_limit' || fault === 'overloaded') {
  await check(`${provider} ${fault}: the SDK's own error, after one retry that waited as told`, async () => {
    const [status, kind] = expected[fault][provider];
    const started = Date.now();
    await assert.rejects(ask(), error => {
      assert.equal(error.status, status);
      if (typeof kind === 'string') assert.match(error.message, new RegExp(kind));
      else assert.ok(error instanceof kind, `${error.constructor.name} is not ${kind.name}`);
      return true;
    });
    // @google/genai does not retry; the others retry once, after the retry-after the fault sent (1 s).
    if (provider !== 'gemini') {
      assert.equal(attempts, 2);
      assert.ok(Date.now() - started >= 900, `retried after ${Date.now() - started} ms, before the 1 s retry-after`);
    }
  });
} else if (fault === 'stream_cut') {
  await check(`${provider} stream_cut error: the in-stream error event raises the provider's error`, async () => {
    await assert.rejects(askStreaming(), error => {
      if (provider === 'anthropic') assert.equal(error.error?.error?.type, 'overloaded_error');
      else if (provider === 'gemini') assert.match(error.message, /UNAVAILABLE/);
      else assert.ok(error instanceof OpenAI.APIError, `${error.constructor.name} is not an APIError`);
      return true;
    });
  });
} else {
  throw new Error(`unknown fault ${fault}`);
}

done();
