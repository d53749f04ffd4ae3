// The official Anthropic TypeScript SDK against ChaosKit's fake Anthropic API.
import Anthropic from '@anthropic-ai/sdk';
import { jsonSchemaOutputFormat } from '@anthropic-ai/sdk/helpers/json-schema';
import { assert, check, done, env } from './harness.mjs';

const client = new Anthropic({ baseURL: env('ANTHROPIC_BASE_URL'), apiKey: env('ANTHROPIC_API_KEY'), maxRetries: 0 });
// Not one the SDK warns about as deprecated (it does for claude-sonnet-4-5 from its own list).
const model = 'claude-haiku-4-5';
const tools = [{
  name: 'get_weather',
  description: 'The weather in a city',
  input_schema: {
    type: 'object',
    properties: { city: { type: 'string' }, days: { type: 'integer', minimum: 1, maximum: 7 }, unit: { type: 'string', enum: ['c', 'f'] } },
    required: ['city', 'days'],
  },
}];

await check('messages: ids, snapshot, usage, max_tokens cut', async () => {
  const { data: message, response } = await client.messages
    .create({ model, max_tokens: 40, messages: [{ role: 'user', content: 'Hello' }] })
    .withResponse();
  assert.match(message.id, /^msg_01[A-Za-z0-9]{22}$/);
  assert.equal(message.type, 'message');
  assert.equal(message.role, 'assistant');
  assert.equal(message.model, 'claude-haiku-4-5-20251001');
  assert.equal(message.stop_reason, 'max_tokens');
  assert.equal(message.usage.output_tokens, 40);
  assert.ok(message.usage.input_tokens > 0);
  assert.equal(message.content[0].type, 'text');
  assert.ok(message.content[0].text.length > 0);
  assert.match(message._request_id, /^req_011C/);
  assert.equal(response.headers.get('request-id'), message._request_id);
});

await check('messages: stop sequence', async () => {
  const message = await client.messages.create({
    model, max_tokens: 400, system: 'Be brief.', stop_sequences: ['et'],
    messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
  });
  assert.equal(message.stop_reason, 'stop_sequence');
  assert.equal(message.stop_sequence, 'et');
  assert.ok(!message.content[0].text.includes('et'));
});

await check('messages stream: events and final message', async () => {
  const stream = client.messages.stream({ model, max_tokens: 30, messages: [{ role: 'user', content: 'Stream please' }] });
  const types = new Set();
  let text = '';
  stream.on('text', delta => { text += delta; });
  for await (const event of stream) types.add(event.type);
  const final = await stream.finalMessage();
  for (const type of ['message_start', 'content_block_start', 'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop'])
    assert.ok(types.has(type), `no ${type} event`);
  assert.equal(final.stop_reason, 'max_tokens');
  assert.equal(final.usage.output_tokens, 30);
  assert.equal(final.content[0].text, text);
});

await check('forced tool: input fits the schema', async () => {
  const message = await client.messages.create({
    model, max_tokens: 200, tools, tool_choice: { type: 'tool', name: 'get_weather' }, messages: [{ role: 'user', content: 'Weather?' }],
  });
  assert.equal(message.stop_reason, 'tool_use');
  const call = message.content.find(block => block.type === 'tool_use');
  assert.match(call.id, /^toolu_01/);
  assert.equal(call.name, 'get_weather');
  assert.equal(typeof call.input.city, 'string');
  assert.ok(Number.isInteger(call.input.days) && call.input.days >= 1 && call.input.days <= 7);
});

await check('forced tool, streamed: input_json deltas assemble', async () => {
  const stream = client.messages.stream({
    model, max_tokens: 200, tools, tool_choice: { type: 'any' }, messages: [{ role: 'user', content: 'Weather?' }],
  });
  const final = await stream.finalMessage();
  assert.equal(final.stop_reason, 'tool_use');
  const call = final.content.find(block => block.type === 'tool_use');
  assert.equal(typeof call.input.city, 'string');
});

await check('structured output: messages.parse with output_config.format, plain and streamed', async () => {
  const format = jsonSchemaOutputFormat({
    type: 'object',
    properties: { answer: { type: 'integer' }, reason: { type: 'string' } },
    required: ['answer', 'reason'],
    additionalProperties: false,
  });
  const message = await client.messages.parse({ model, max_tokens: 200, messages: [{ role: 'user', content: '2+2?' }], output_config: { format } });
  assert.equal(message.stop_reason, 'end_turn');
  assert.ok(Number.isInteger(message.parsed_output.answer));
  const stream = client.messages.stream({ model, max_tokens: 200, messages: [{ role: 'user', content: '2+2?' }], output_config: { format } });
  const final = await stream.finalMessage();
  assert.equal(typeof final.parsed_output.reason, 'string');
});

await check('extended thinking: a signed thinking block first, plain and streamed', async () => {
  const thinking = { type: 'enabled', budget_tokens: 1024 };
  const message = await client.messages.create({ model, max_tokens: 2000, thinking, messages: [{ role: 'user', content: 'Think first' }] });
  assert.deepEqual(message.content.map(block => block.type), ['thinking', 'text']);
  assert.ok(message.content[0].thinking.length > 0);
  assert.ok(message.content[0].signature.length > 0);
  const stream = client.messages.stream({ model, max_tokens: 2000, thinking, messages: [{ role: 'user', content: 'Think first' }] });
  let thought = '', signature = '';
  stream.on('thinking', (delta, snapshot) => { thought += delta; });
  stream.on('signature', s => { signature = s; });
  const final = await stream.finalMessage();
  assert.deepEqual(final.content.map(block => block.type), ['thinking', 'text']);
  assert.equal(final.content[0].thinking, thought);
  assert.equal(final.content[0].signature, signature);
  assert.equal(final.usage.output_tokens, message.usage.output_tokens);
  await assert.rejects(client.messages.create({ model, max_tokens: 1000, thinking, messages: [{ role: 'user', content: 'x' }] }),
    error => error instanceof Anthropic.BadRequestError && /budget_tokens/.test(error.error.error.message));
});

await check('count tokens', async () => {
  const count = await client.messages.countTokens({ model, messages: [{ role: 'user', content: 'Count these words for me' }] });
  assert.ok(count.input_tokens > 0);
});

await check('models: list, paging, retrieve', async () => {
  const all = [];
  for await (const m of client.models.list({ limit: 3 })) all.push(m.id);
  assert.ok(all.length > 3, 'the pager should have fetched more than one page');
  assert.equal(new Set(all).size, all.length, 'a model listed twice');
  const page = await client.models.list({ limit: 2 });
  assert.equal(page.data.length, 2);
  assert.equal(page.has_more, true);
  const model1 = await client.models.retrieve('claude-sonnet-4-5');
  assert.equal(model1.id, 'claude-sonnet-4-5-20250929');
  assert.equal(model1.type, 'model');
});

await check('errors: unknown model is a NotFoundError, missing max_tokens a BadRequestError', async () => {
  await assert.rejects(client.messages.create({ model: 'gpt-4o', max_tokens: 5, messages: [{ role: 'user', content: 'x' }] }), error => {
    assert.ok(error instanceof Anthropic.NotFoundError);
    assert.equal(error.error.error.type, 'not_found_error');
    assert.equal(error.error.error.message, 'model: gpt-4o');
    assert.match(error.requestID, /^req_011C/);
    return true;
  });
  await assert.rejects(client.messages.create({ model, messages: [{ role: 'user', content: 'x' }] }), error => {
    assert.ok(error instanceof Anthropic.BadRequestError);
    assert.equal(error.error.error.type, 'invalid_request_error');
    return true;
  });
});

done();
