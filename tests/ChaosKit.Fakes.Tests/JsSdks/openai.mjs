// The official OpenAI TypeScript SDK against ChaosKit's fake OpenAI API.
import OpenAI from 'openai';
import { assert, check, done, env } from './harness.mjs';

const client = new OpenAI({ baseURL: env('OPENAI_BASE_URL'), apiKey: env('OPENAI_API_KEY'), maxRetries: 0 });
const weather = {
  type: 'object',
  properties: { city: { type: 'string' }, days: { type: 'integer', minimum: 1, maximum: 7 } },
  required: ['city', 'days'],
  additionalProperties: false,
};
// A structured output as zod and .NET schema generators write them: shared types under $defs, nullable fields,
// formats a typed client parses.
const booking = {
  type: 'object',
  properties: {
    guest: { $ref: '#/$defs/person' },
    nights: { type: 'integer', minimum: 1, maximum: 14 },
    arrival: { type: 'string', format: 'date-time' },
    id: { type: 'string', format: 'uuid' },
    note: { anyOf: [{ type: 'null' }, { type: 'string' }] },
    tags: { type: 'array', items: { type: 'string', enum: ['quiet', 'view', 'late'] } },
  },
  required: ['guest', 'nights', 'arrival', 'id', 'note', 'tags'],
  additionalProperties: false,
  $defs: {
    person: {
      type: 'object',
      properties: { name: { type: 'string' }, email: { type: 'string', format: 'email' } },
      required: ['name', 'email'],
      additionalProperties: false,
    },
  },
};

function checkBooking(value) {
  assert.equal(typeof value.guest.name, 'string');
  assert.match(value.guest.email, /^[^@\s]+@[^@\s]+$/);
  assert.ok(Number.isInteger(value.nights) && value.nights >= 1 && value.nights <= 14);
  assert.ok(!Number.isNaN(Date.parse(value.arrival)), `arrival ${value.arrival} is not a date-time`);
  assert.match(value.id, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  assert.equal(typeof value.note, 'string');
  assert.ok(Array.isArray(value.tags) && value.tags.every(t => ['quiet', 'view', 'late'].includes(t)));
}

await check('chat: ids, snapshot, usage, length cut', async () => {
  const completion = await client.chat.completions.create({ model: 'gpt-4o-mini', max_tokens: 30, messages: [{ role: 'user', content: 'Hello' }] });
  assert.match(completion.id, /^chatcmpl-[A-Za-z0-9]{29}$/);
  assert.equal(completion.object, 'chat.completion');
  assert.equal(completion.model, 'gpt-4o-mini-2024-07-18');
  assert.equal(completion.choices[0].finish_reason, 'length');
  assert.equal(completion.usage.completion_tokens, 30);
  assert.equal(completion.usage.total_tokens, completion.usage.prompt_tokens + 30);
  assert.match(completion.system_fingerprint, /^fp_/);
  assert.match(completion._request_id, /^req_/);
});

await check('chat stream: chunks, include_usage, [DONE]', async () => {
  const stream = await client.chat.completions.create({
    model: 'gpt-4o-mini', max_completion_tokens: 20, stream: true, stream_options: { include_usage: true },
    messages: [{ role: 'developer', content: 'Be brief.' }, { role: 'user', content: 'Hello' }],
  });
  let text = '', finish, usage, chunks = 0;
  for await (const chunk of stream) {
    chunks++;
    text += chunk.choices[0]?.delta?.content ?? '';
    finish = chunk.choices[0]?.finish_reason ?? finish;
    usage = chunk.usage ?? usage;
  }
  assert.equal(finish, 'length');
  assert.equal(usage.completion_tokens, 20);
  assert.ok(chunks > 20 && text.length > 0);
});

await check('chat stream helper: final completion', async () => {
  const stream = client.chat.completions.stream({ model: 'gpt-4o-mini', max_tokens: 20, messages: [{ role: 'user', content: 'Hello' }] });
  const final = await stream.finalChatCompletion();
  assert.equal(final.choices[0].finish_reason, 'length');
  assert.ok(final.choices[0].message.content.length > 0);
});

await check('chat: n choices, plain and streamed (the helper rebuilds each by index), n out of range', async () => {
  const messages = [{ role: 'user', content: 'Hello' }];
  const completion = await client.chat.completions.create({ model: 'gpt-4o-mini', n: 3, max_tokens: 40, messages });
  assert.deepEqual(completion.choices.map(c => c.index), [0, 1, 2]);
  assert.equal(new Set(completion.choices.map(c => c.message.content)).size, 3, 'each choice is its own answer');
  const single = await client.chat.completions.create({ model: 'gpt-4o-mini', max_tokens: 40, messages });
  assert.equal(completion.usage.completion_tokens, completion.choices.length * 40);
  assert.equal(completion.usage.prompt_tokens, single.usage.prompt_tokens);
  const final = await client.chat.completions.stream({ model: 'gpt-4o-mini', n: 2, max_tokens: 40, messages }).finalChatCompletion();
  assert.equal(final.choices.length, 2);
  assert.deepEqual(final.choices.map(c => c.finish_reason), ['length', 'length']);
  assert.ok(final.choices.every(c => c.message.content.length > 0));
  assert.notEqual(final.choices[0].message.content, final.choices[1].message.content);
  await assert.rejects(client.chat.completions.create({ model: 'gpt-4o-mini', n: 129, messages }), error => {
    assert.equal(error.status, 400);
    assert.equal(error.param, 'n');
    assert.match(error.message, /Expected a value <= 128, but got 129 instead/);
    return true;
  });
});

await check('logprobs: chat (plain and streamed) and responses, one entry per token with its alternatives', async () => {
  const messages = [{ role: 'user', content: 'Hello' }];
  const completion = await client.chat.completions.create({ model: 'gpt-4o-mini', max_tokens: 24, logprobs: true, top_logprobs: 3, messages });
  const entries = completion.choices[0].logprobs.content;
  assert.equal(entries.length, completion.usage.completion_tokens);
  assert.equal(entries.map(e => e.token).join(''), completion.choices[0].message.content);
  for (const entry of entries) {
    assert.ok(entry.logprob <= 0);
    assert.equal(Buffer.from(entry.bytes).toString('utf8'), entry.token);
    assert.equal(entry.top_logprobs.length, 3);
    assert.equal(entry.top_logprobs[0].token, entry.token);
    assert.ok(entry.top_logprobs[1].logprob < entry.top_logprobs[0].logprob);
  }
  const streamed = [];
  for await (const chunk of await client.chat.completions.create({ model: 'gpt-4o-mini', max_tokens: 24, logprobs: true, top_logprobs: 3, stream: true, messages })) {
    streamed.push(...(chunk.choices[0]?.logprobs?.content ?? []));
  }
  assert.deepEqual(streamed, entries);
  const plain = await client.chat.completions.create({ model: 'gpt-4o-mini', max_tokens: 24, messages });
  assert.equal(plain.choices[0].logprobs, null);
  const response = await client.responses.create({ model: 'gpt-4o-mini', input: 'Hello', max_output_tokens: 24, include: ['message.output_text.logprobs'], top_logprobs: 2 });
  const part = response.output[0].content[0];
  assert.equal(part.logprobs.map(e => e.token).join(''), part.text);
  assert.equal(part.logprobs[0].top_logprobs.length, 2);
  assert.equal(response.top_logprobs, 2);
  const deltas = [];
  for await (const event of await client.responses.create({ model: 'gpt-4o-mini', input: 'Hello', max_output_tokens: 24, include: ['message.output_text.logprobs'], top_logprobs: 2, stream: true })) {
    if (event.type === 'response.output_text.delta') deltas.push(...event.logprobs);
  }
  assert.deepEqual(deltas, part.logprobs);
  await assert.rejects(client.chat.completions.create({ model: 'gpt-4o-mini', logprobs: true, top_logprobs: 21, messages }), error => error.status === 400 && error.param === 'top_logprobs');
});

await check('chat: forced tool, plain and streamed', async () => {
  const tools = [{ type: 'function', function: { name: 'get_weather', parameters: weather, strict: true } }];
  const completion = await client.chat.completions.create({
    model: 'gpt-4o-mini', tools, tool_choice: { type: 'function', function: { name: 'get_weather' } }, messages: [{ role: 'user', content: 'Weather?' }],
  });
  // A named tool_choice ends with 'stop' (as the API answers it); 'required' with 'tool_calls'.
  assert.equal(completion.choices[0].finish_reason, 'stop');
  const call = completion.choices[0].message.tool_calls[0];
  assert.match(call.id, /^call_/);
  const args = JSON.parse(call.function.arguments);
  assert.ok(Number.isInteger(args.days) && args.days >= 1 && args.days <= 7);
  const stream = client.chat.completions.stream({ model: 'gpt-4o-mini', tools, tool_choice: 'required', messages: [{ role: 'user', content: 'Weather?' }] });
  const final = await stream.finalChatCompletion();
  assert.equal(final.choices[0].finish_reason, 'tool_calls');
  assert.equal(typeof JSON.parse(final.choices[0].message.tool_calls[0].function.arguments).city, 'string');
});

await check('chat: structured output parses (json_schema with $defs, formats, nullable)', async () => {
  const completion = await client.chat.completions.parse({
    model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Book me a room' }],
    response_format: { type: 'json_schema', json_schema: { name: 'booking', strict: true, schema: booking } },
  });
  assert.equal(completion.choices[0].finish_reason, 'stop');
  checkBooking(completion.choices[0].message.parsed);
});

await check('chat: JSON mode answers a JSON object', async () => {
  const completion = await client.chat.completions.create({
    model: 'gpt-4o-mini', response_format: { type: 'json_object' }, messages: [{ role: 'user', content: 'Answer in JSON' }],
  });
  const value = JSON.parse(completion.choices[0].message.content);
  assert.equal(typeof value, 'object');
});

await check('responses: plain, incomplete at max_output_tokens', async () => {
  const response = await client.responses.create({ model: 'gpt-4o-mini', input: 'Hello', max_output_tokens: 20 });
  assert.match(response.id, /^resp_/);
  assert.equal(response.status, 'incomplete');
  assert.equal(response.incomplete_details.reason, 'max_output_tokens');
  assert.equal(response.usage.output_tokens, 20);
  assert.ok(response.output_text.length > 0);
});

await check('responses stream: event sequence, sequence_number, final response', async () => {
  const stream = await client.responses.create({ model: 'gpt-4o-mini', input: 'Hello', stream: true });
  const types = [];
  let expected = 0;
  for await (const event of stream) {
    types.push(event.type);
    assert.equal(event.sequence_number, expected++);
    if (event.type === 'response.output_text.delta') assert.match(event.obfuscation, /^[0-9A-Za-z]+$/);
  }
  assert.equal(types[0], 'response.created');
  assert.equal(types.at(-1), 'response.completed');
  for (const type of ['response.in_progress', 'response.output_item.added', 'response.content_part.added', 'response.output_text.delta',
    'response.output_text.done', 'response.content_part.done', 'response.output_item.done'])
    assert.ok(types.includes(type), `no ${type} event`);
  const helper = client.responses.stream({ model: 'gpt-4o-mini', input: 'Hello' });
  const final = await helper.finalResponse();
  assert.equal(final.status, 'completed');
  assert.ok(final.output_text.length > 0);
});

await check('responses: forced function call and structured output', async () => {
  const call = await client.responses.create({
    model: 'gpt-4o-mini', input: 'Weather?', tools: [{ type: 'function', name: 'get_weather', parameters: weather, strict: true }],
    tool_choice: { type: 'function', name: 'get_weather' },
  });
  const item = call.output.find(o => o.type === 'function_call');
  assert.equal(item.name, 'get_weather');
  assert.equal(typeof JSON.parse(item.arguments).city, 'string');
  const parsed = await client.responses.parse({
    model: 'gpt-4o-mini', input: 'Book me a room', text: { format: { type: 'json_schema', name: 'booking', strict: true, schema: booking } },
  });
  assert.equal(parsed.text.format.type, 'json_schema');
  checkBooking(parsed.output_parsed);
});

await check('reasoning models: a reasoning item first, reasoning tokens billed, a small limit spent on reasoning', async () => {
  const response = await client.responses.create({ model: 'gpt-5', input: 'Hello', reasoning: { effort: 'low' } });
  assert.deepEqual(response.output.map(item => item.type), ['reasoning', 'message']);
  assert.ok(response.output_text.length > 0);
  assert.ok(response.usage.output_tokens_details.reasoning_tokens > 0);
  const streamed = await client.responses.stream({ model: 'gpt-5', input: 'Hello' }).finalResponse();
  assert.deepEqual(streamed.output.map(item => item.type), ['reasoning', 'message']);
  assert.ok(streamed.output_text.length > 0);
  const starved = await client.chat.completions.create({ model: 'o4-mini', max_completion_tokens: 16, messages: [{ role: 'user', content: 'Hello' }] });
  assert.equal(starved.choices[0].message.content, '');
  assert.equal(starved.choices[0].finish_reason, 'length');
  assert.equal(starved.usage.completion_tokens_details.reasoning_tokens, 16);
});

await check('reasoning summaries: a summary_text part, plain and streamed as summary deltas before the answer', async () => {
  const request = { model: 'o4-mini', input: 'Why is the sky blue?', reasoning: { effort: 'medium', summary: 'auto' }, previous_response_id: 'resp_earlier' };
  const response = await client.responses.create(request);
  const summary = response.output[0].summary;
  assert.equal(summary.length, 1);
  assert.equal(summary[0].type, 'summary_text');
  assert.ok(summary[0].text.length > 0 && summary[0].text !== response.output_text);
  assert.equal(response.reasoning.summary, 'auto');
  assert.equal(response.previous_response_id, 'resp_earlier');
  let deltas = '', answerStarted = false;
  const stream = client.responses.stream(request);
  stream.on('response.reasoning_summary_text.delta', event => { assert.ok(!answerStarted); deltas += event.delta; });
  stream.on('response.output_text.delta', () => { answerStarted = true; });
  const final = await stream.finalResponse();
  assert.equal(deltas, summary[0].text);
  assert.equal(final.output[0].summary[0].text, summary[0].text);
  assert.equal(final.output_text, response.output_text);
  const none = await client.responses.create({ model: 'o4-mini', input: 'Why is the sky blue?' });
  assert.deepEqual(none.output[0].summary, []);
});

await check('embeddings: base64 by default, floats, dimensions', async () => {
  const byDefault = await client.embeddings.create({ model: 'text-embedding-3-small', input: 'hello' });
  assert.equal(byDefault.data[0].embedding.length, 1536);
  assert.equal(typeof byDefault.data[0].embedding[0], 'number');
  const floats = await client.embeddings.create({ model: 'text-embedding-3-small', input: ['a', 'b'], encoding_format: 'float' });
  assert.equal(floats.data.length, 2);
  assert.equal(floats.data[1].index, 1);
  const small = await client.embeddings.create({ model: 'text-embedding-3-large', input: 'a', dimensions: 256 });
  assert.equal(small.data[0].embedding.length, 256);
});

await check('models: list and retrieve', async () => {
  const ids = [];
  for await (const model of client.models.list()) ids.push(model.id);
  assert.ok(ids.includes('gpt-4o-mini'));
  const model = await client.models.retrieve('gpt-4o-mini');
  assert.equal(model.object, 'model');
});

await check('errors: empty messages is a BadRequestError with the real message', async () => {
  await assert.rejects(client.chat.completions.create({ model: 'gpt-4o-mini', messages: [] }), error => {
    assert.ok(error instanceof OpenAI.BadRequestError);
    assert.equal(error.code, 'empty_array');
    assert.equal(error.param, 'messages');
    return true;
  });
  const noKey = new OpenAI({ baseURL: env('OPENAI_BASE_URL'), apiKey: ' ', maxRetries: 0 });
  await assert.rejects(noKey.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x' }] }),
    error => error instanceof OpenAI.AuthenticationError);
});

await check('reasoning models: max_tokens and a non-default temperature are 400s, max_completion_tokens is taken', async () => {
  const messages = [{ role: 'user', content: 'Hello' }];
  await assert.rejects(client.chat.completions.create({ model: 'o4-mini', max_tokens: 50, messages }), error => {
    assert.equal(error.status, 400);
    assert.equal(error.code, 'unsupported_parameter');
    assert.equal(error.param, 'max_tokens');
    return true;
  });
  await assert.rejects(client.chat.completions.create({ model: 'gpt-5', temperature: 0.2, messages }), error => {
    assert.equal(error.code, 'unsupported_value');
    assert.equal(error.param, 'temperature');
    return true;
  });
  const ok = await client.chat.completions.create({ model: 'o4-mini', max_completion_tokens: 2000, messages });
  assert.ok(ok.usage.completion_tokens_details.reasoning_tokens > 0);
});

done();
