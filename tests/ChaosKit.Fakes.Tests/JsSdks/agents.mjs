// The official SDKs' own agent loops against fakes with tool_calls: auto: Anthropic's beta toolRunner and OpenAI's
// runTools call a tool when the model asks, send its result back and stop at the model's text answer.
import Anthropic from '@anthropic-ai/sdk';
import { betaTool } from '@anthropic-ai/sdk/helpers/beta/json-schema';
import OpenAI from 'openai';
import { assert, check, done, env } from './harness.mjs';

const provider = process.argv[2];

if (provider === 'anthropic') {
  const client = new Anthropic({ baseURL: env('ANTHROPIC_BASE_URL'), apiKey: env('ANTHROPIC_API_KEY'), maxRetries: 0 });
  await check('toolRunner: one tool round, then the text answer', async () => {
    const calls = [];
    const weather = betaTool({
      name: 'get_weather',
      description: 'Current weather for a city',
      inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
      run: async input => { calls.push(input); return '18C and sunny'; },
    });
    const final = await client.beta.messages.toolRunner({
      model: 'claude-sonnet-4-5', max_tokens: 512, tools: [weather], messages: [{ role: 'user', content: 'Weather in Paris?' }],
    });
    assert.equal(calls.length, 1);
    assert.equal(typeof calls[0].city, 'string');
    assert.equal(final.stop_reason, 'end_turn');
    assert.equal(final.content[0].type, 'text');
  });
} else {
  const client = new OpenAI({ baseURL: env('OPENAI_BASE_URL'), apiKey: env('OPENAI_API_KEY'), maxRetries: 0 });
  await check('runTools: one tool round, then the text answer', async () => {
    const calls = [];
    const runner = client.chat.completions.runTools({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
      tools: [{
        type: 'function',
        function: {
          name: 'get_weather',
          parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
          parse: JSON.parse,
          function: args => { calls.push(args); return '18C and sunny'; },
        },
      }],
    });
    const content = await runner.finalContent();
    assert.equal(calls.length, 1);
    assert.equal(typeof calls[0].city, 'string');
    assert.ok(content.length > 0);
    assert.equal((await runner.finalChatCompletion()).choices[0].finish_reason, 'stop');
  });
}

done();
