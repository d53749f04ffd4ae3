// The official OpenAI TypeScript SDK's AzureOpenAI client against ChaosKit's fake Azure OpenAI.
import OpenAI, { AzureOpenAI } from 'openai';
import { assert, check, done, env } from './harness.mjs';

const endpoint = env('AZURE_OPENAI_ENDPOINT');
const apiKey = env('AZURE_OPENAI_API_KEY');
const client = new AzureOpenAI({ endpoint, apiKey, apiVersion: '2024-10-21', deployment: 'gpt-4o-mini', maxRetries: 0 });

await check('chat: deployment from the URL (the SDK sends model ""), content filter results', async () => {
  const completion = await client.chat.completions.create({ model: '', max_tokens: 20, messages: [{ role: 'user', content: 'Hello' }] });
  assert.equal(completion.model, 'gpt-4o-mini-2024-07-18');
  assert.equal(completion.choices[0].finish_reason, 'length');
  assert.equal(completion.choices[0].content_filter_results.hate.filtered, false);
  assert.equal(completion.prompt_filter_results[0].prompt_index, 0);
});

await check('chat stream: Azure first chunk, text, finish', async () => {
  const stream = await client.chat.completions.create({ model: '', max_tokens: 20, stream: true, messages: [{ role: 'user', content: 'Hello' }] });
  let text = '', finish, first;
  for await (const chunk of stream) {
    first ??= chunk;
    text += chunk.choices[0]?.delta?.content ?? '';
    finish = chunk.choices[0]?.finish_reason ?? finish;
  }
  // Azure's first chunk carries only the prompt filter results, with no choices and an empty model.
  assert.equal(first.choices.length, 0);
  assert.ok(first.prompt_filter_results.length > 0);
  assert.ok(text.length > 0);
  assert.equal(finish, 'length');
});

await check('chat: n choices and logprobs, plain and streamed', async () => {
  const messages = [{ role: 'user', content: 'Hello' }];
  const completion = await client.chat.completions.create({ model: '', n: 2, max_tokens: 20, logprobs: true, top_logprobs: 1, messages });
  assert.deepEqual(completion.choices.map(c => c.index), [0, 1]);
  assert.ok(completion.choices.every(c => c.content_filter_results.hate.filtered === false));
  assert.ok(completion.choices.every(c => c.logprobs.content.map(e => e.token).join('') === c.message.content));
  const texts = ['', ''], tokens = ['', ''];
  for await (const chunk of await client.chat.completions.create({ model: '', n: 2, max_tokens: 20, logprobs: true, top_logprobs: 1, stream: true, messages })) {
    for (const choice of chunk.choices) {
      texts[choice.index] += choice.delta?.content ?? '';
      tokens[choice.index] += (choice.logprobs?.content ?? []).map(e => e.token).join('');
    }
  }
  assert.deepEqual(texts, completion.choices.map(c => c.message.content));
  assert.deepEqual(tokens, texts);
});

await check('chat: forced tool and structured output', async () => {
  const completion = await client.chat.completions.create({
    model: '', tool_choice: 'required', messages: [{ role: 'user', content: 'Search' }],
    tools: [{ type: 'function', function: { name: 'search', parameters: { type: 'object', properties: { q: { type: 'string' } }, required: ['q'] } } }],
  });
  assert.equal(typeof JSON.parse(completion.choices[0].message.tool_calls[0].function.arguments).q, 'string');
  const parsed = await client.chat.completions.parse({
    model: '', messages: [{ role: 'user', content: 'x' }],
    response_format: { type: 'json_schema', json_schema: { name: 'x', strict: true, schema: { type: 'object', properties: { a: { type: 'string' } }, required: ['a'], additionalProperties: false } } },
  });
  assert.equal(typeof parsed.choices[0].message.parsed.a, 'string');
});

await check('embeddings: an embedding deployment, float and base64', async () => {
  const embedder = new AzureOpenAI({ endpoint, apiKey, apiVersion: '2024-10-21', deployment: 'text-embedding-3-small', maxRetries: 0 });
  const byDefault = await embedder.embeddings.create({ model: '', input: ['hello', 'world'] });
  assert.equal(byDefault.data.length, 2);
  assert.equal(byDefault.data[0].embedding.length, 1536);
  const floats = await embedder.embeddings.create({ model: '', input: 'hello', encoding_format: 'float', dimensions: 256 });
  assert.equal(floats.data[0].embedding.length, 256);
  assert.ok(floats.usage.prompt_tokens > 0);
});

await check('errors: unknown deployment is a 404 DeploymentNotFound', async () => {
  const other = new AzureOpenAI({ endpoint, apiKey, apiVersion: '2024-10-21', deployment: 'my-deployment', maxRetries: 0 });
  await assert.rejects(other.chat.completions.create({ model: '', messages: [{ role: 'user', content: 'x' }] }), error => {
    assert.equal(error.status, 404);
    assert.equal(error.code, 'DeploymentNotFound');
    return true;
  });
});

await check('responses: AzureOpenAI without a deployment calls /openai/responses, plain and streamed', async () => {
  // The deployment goes in the body's model; the client keeps /responses out of its /deployments/ paths.
  const azure = new AzureOpenAI({ endpoint, apiKey, apiVersion: '2025-04-01-preview', maxRetries: 0 });
  const response = await azure.responses.create({ model: 'gpt-4o-mini', input: 'Hello', max_output_tokens: 20 });
  assert.equal(response.status, 'incomplete');
  assert.equal(response.model, 'gpt-4o-mini-2024-07-18');
  let text = '', completed;
  for await (const event of await azure.responses.create({ model: 'gpt-4o-mini', input: 'Hello', max_output_tokens: 20, stream: true })) {
    if (event.type === 'response.output_text.delta') text += event.delta;
    if (event.type === 'response.completed' || event.type === 'response.incomplete') completed = event.response;
  }
  assert.equal(text, response.output_text);
  assert.equal(completed.usage.output_tokens, response.usage.output_tokens);
});

await check('v1: the plain OpenAI client on {endpoint}/openai/v1 (chat, stream, responses, embeddings)', async () => {
  // How Microsoft's docs set up the v1 API: the OpenAI client, the Azure key as its API key, the deployment as model.
  const v1 = new OpenAI({ baseURL: `${endpoint.replace(/\/+$/, '')}/openai/v1`, apiKey, maxRetries: 0 });
  const { data: completion, response: raw } = await v1.chat.completions.create({ model: 'gpt-4o-mini', max_tokens: 20, messages: [{ role: 'user', content: 'Hello' }] }).withResponse();
  assert.equal(completion.model, 'gpt-4o-mini-2024-07-18');
  assert.equal(completion.prompt_filter_results[0].prompt_index, 0);
  assert.equal(raw.headers.get('x-ms-deployment-name'), 'gpt-4o-mini');
  let text = '';
  for await (const chunk of await v1.chat.completions.create({ model: 'gpt-4o-mini', max_tokens: 20, stream: true, messages: [{ role: 'user', content: 'Hello' }] })) {
    text += chunk.choices[0]?.delta?.content ?? '';
  }
  assert.equal(text, completion.choices[0].message.content);
  const response = await v1.responses.stream({ model: 'gpt-4o-mini', input: 'Hello' }).finalResponse();
  assert.ok(response.output_text.length > 0);
  const embedding = await v1.embeddings.create({ model: 'text-embedding-3-small', input: 'hello' });
  assert.equal(embedding.data[0].embedding.length, 1536);
});

await check('v1: an unknown deployment in the body is a 404 DeploymentNotFound', async () => {
  const v1 = new OpenAI({ baseURL: `${endpoint.replace(/\/+$/, '')}/openai/v1`, apiKey, maxRetries: 0 });
  await assert.rejects(v1.responses.create({ model: 'my-deployment', input: 'x' }), error => {
    assert.equal(error.status, 404);
    assert.equal(error.code, 'DeploymentNotFound');
    return true;
  });
});

await check('chat: a reasoning deployment refuses max_tokens as Azure does', async () => {
  const reasoning = new AzureOpenAI({ endpoint, apiKey, apiVersion: '2024-12-01-preview', deployment: 'o3-mini', maxRetries: 0 });
  await assert.rejects(reasoning.chat.completions.create({ model: '', max_tokens: 50, messages: [{ role: 'user', content: 'x' }] }), error => {
    assert.equal(error.status, 400);
    assert.equal(error.code, 'unsupported_parameter');
    return true;
  });
});

done();
