// What the official JavaScript SDKs see when a prompt holds half an emoji (a lone surrogate, which JSON.stringify
// writes as the escape \ud83d): the provider's own 400, raised as its bad-request error and not retried, where a 500
// would be retried as a server fault. Usage: node bodies.mjs PROVIDER, with JsSdkTests starting that provider's fake.
import Anthropic from '@anthropic-ai/sdk';
import OpenAI, { AzureOpenAI } from 'openai';
import { GoogleGenAI } from '@google/genai';
import { assert, check, done, env } from './harness.mjs';

const [provider] = process.argv.slice(2);
const prompt = 'half an emoji: \ud83d';
let attempts = 0;
const countingFetch = (...args) => { attempts++; return fetch(...args); };

const ask = () => {
  switch (provider) {
    case 'anthropic': return new Anthropic({ baseURL: env('ANTHROPIC_BASE_URL'), apiKey: env('ANTHROPIC_API_KEY'), maxRetries: 2, fetch: countingFetch })
      .messages.create({ model: 'claude-haiku-4-5', max_tokens: 20, messages: [{ role: 'user', content: prompt }] });
    case 'openai': return new OpenAI({ baseURL: env('OPENAI_BASE_URL'), apiKey: env('OPENAI_API_KEY'), maxRetries: 2, fetch: countingFetch })
      .chat.completions.create({ model: 'gpt-4o-mini', max_tokens: 20, messages: [{ role: 'user', content: prompt }] });
    case 'azure': return new AzureOpenAI({ endpoint: env('AZURE_OPENAI_ENDPOINT'), apiKey: env('AZURE_OPENAI_API_KEY'), apiVersion: '2024-10-21', deployment: 'gpt-4o-mini', maxRetries: 2, fetch: countingFetch })
      .chat.completions.create({ model: '', max_tokens: 20, messages: [{ role: 'user', content: prompt }] });
    default: {
      const sdk = new GoogleGenAI({ apiKey: env('GEMINI_API_KEY'), httpOptions: { baseUrl: env('GEMINI_BASE_URL') } });
      attempts++; // @google/genai takes no fetch and does not retry
      return sdk.models.generateContent({ model: 'gemini-2.5-flash', contents: prompt });
    }
  }
};

await check(`${provider} lone surrogate: the provider's 400, not retried`, async () => {
  await assert.rejects(ask(), error => {
    assert.equal(error.status, 400, `status ${error.status}: ${error.message}`);
    if (provider === 'anthropic') {
      assert.ok(error instanceof Anthropic.BadRequestError, `${error.constructor.name} is not BadRequestError`);
      assert.equal(error.error?.error?.type, 'invalid_request_error');
      assert.match(error.error?.error?.message, /^The request body is not valid JSON: no low surrogate in string: line 1 column \d+ \(char \d+\)$/);
    } else if (provider === 'gemini') {
      assert.match(error.message, /INVALID_ARGUMENT/);
    } else {
      assert.ok(error instanceof OpenAI.BadRequestError, `${error.constructor.name} is not BadRequestError`);
    }
    return true;
  });
  assert.equal(attempts, 1, `the SDK sent it ${attempts} times`);
});

done();
