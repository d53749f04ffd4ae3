// The official Google Gen AI TypeScript SDK (@google/genai) against ChaosKit's fake Gemini API.
import { GoogleGenAI, Type, FinishReason } from '@google/genai';
import { assert, check, done, env } from './harness.mjs';

const ai = new GoogleGenAI({ apiKey: env('GEMINI_API_KEY'), httpOptions: { baseUrl: env('GEMINI_BASE_URL') } });
const model = 'gemini-2.5-flash';

// Thinking off (budget 0) where a check counts the answer's tokens: 2.5 Flash thinks by default, out of the same maxOutputTokens.
const noThinking = { thinkingBudget: 0 };

await check('generateContent: text, usage, MAX_TOKENS cut', async () => {
  const response = await ai.models.generateContent({ model, contents: 'Hello', config: { maxOutputTokens: 30, thinkingConfig: noThinking } });
  assert.ok(response.text.length > 0);
  assert.equal(response.candidates[0].finishReason, FinishReason.MAX_TOKENS);
  assert.equal(response.usageMetadata.candidatesTokenCount, 30);
  assert.equal(response.usageMetadata.totalTokenCount, response.usageMetadata.promptTokenCount + 30);
  assert.equal(response.modelVersion, model);
  assert.ok(response.responseId.length > 0);
});

await check('streamGenerateContent: chunks add up, usage on the last', async () => {
  const stream = await ai.models.generateContentStream({ model, contents: 'Hello', config: { maxOutputTokens: 20, thinkingConfig: noThinking } });
  let text = '', chunks = 0, finish, usage;
  for await (const chunk of stream) {
    chunks++;
    text += chunk.text ?? '';
    finish = chunk.candidates?.[0]?.finishReason ?? finish;
    usage = chunk.usageMetadata ?? usage;
  }
  assert.ok(chunks > 1 && text.length > 0);
  assert.equal(finish, FinishReason.MAX_TOKENS);
  assert.equal(usage.candidatesTokenCount, 20);
});

await check('thinking: thoughtsTokenCount, thought summary parts, budget shares maxOutputTokens, Pro refuses budget 0', async () => {
  const thought = await ai.models.generateContent({ model, contents: 'Why is the sky blue?', config: { thinkingConfig: { includeThoughts: true } } });
  const parts = thought.candidates[0].content.parts;
  assert.equal(parts[0].thought, true);
  assert.ok(parts[0].text.length > 0);
  assert.ok(!parts[1].thought && thought.text === parts[1].text, 'response.text is the answer, not the thoughts');
  const usage = thought.usageMetadata;
  assert.ok(usage.thoughtsTokenCount > 0);
  assert.equal(usage.totalTokenCount, usage.promptTokenCount + usage.candidatesTokenCount + usage.thoughtsTokenCount);
  const starved = await ai.models.generateContent({ model, contents: 'Why is the sky blue?', config: { maxOutputTokens: 16, thinkingConfig: { thinkingBudget: 1024 } } });
  assert.equal(starved.candidates[0].finishReason, FinishReason.MAX_TOKENS);
  assert.ok(!starved.text, 'thinking spent the whole limit');
  assert.equal(starved.usageMetadata.thoughtsTokenCount, 16);
  const off = await ai.models.generateContent({ model, contents: 'Why is the sky blue?', config: { thinkingConfig: noThinking } });
  assert.equal(off.usageMetadata.thoughtsTokenCount, undefined);
  await assert.rejects(ai.models.generateContent({ model: 'gemini-2.5-pro', contents: 'x', config: { thinkingConfig: noThinking } }), error => {
    assert.equal(error.status, 400);
    assert.match(error.message, /Budget 0 is invalid\. This model only works in thinking mode\./);
    return true;
  });
  let thoughts = '', answer = '', answerStarted = false;
  for await (const chunk of await ai.models.generateContentStream({ model, contents: 'Why?', config: { thinkingConfig: { includeThoughts: true } } })) {
    for (const part of chunk.candidates?.[0]?.content?.parts ?? []) {
      if (part.thought) { assert.ok(!answerStarted, 'thoughts come before the answer'); thoughts += part.text; }
      else { answerStarted = true; answer += part.text ?? ''; }
    }
  }
  assert.ok(thoughts.length > 0 && answer.length > 0);
});

await check('chat: two turns', async () => {
  const chat = ai.chats.create({ model });
  const first = await chat.sendMessage({ message: 'Hi' });
  const second = await chat.sendMessage({ message: 'Again' });
  assert.ok(first.text.length > 0 && second.text.length > 0);
  assert.equal(chat.getHistory().length, 4);
});

await check('countTokens', async () => {
  const count = await ai.models.countTokens({ model, contents: 'Count these words for me' });
  assert.ok(count.totalTokens > 0);
});

await check('forced function call (mode ANY), OpenAPI and JSON Schema parameters', async () => {
  for (const declaration of [
    { name: 'get_weather', parameters: { type: Type.OBJECT, properties: { city: { type: Type.STRING }, days: { type: Type.INTEGER } }, required: ['city'] } },
    { name: 'get_weather', parametersJsonSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
  ]) {
    const response = await ai.models.generateContent({
      model, contents: 'Weather?',
      config: { tools: [{ functionDeclarations: [declaration] }], toolConfig: { functionCallingConfig: { mode: 'ANY' } } },
    });
    assert.equal(response.functionCalls.length, 1);
    assert.equal(response.functionCalls[0].name, 'get_weather');
    assert.equal(typeof response.functionCalls[0].args.city, 'string');
  }
});

await check('JSON mode: responseSchema and responseJsonSchema answers parse', async () => {
  const withSchema = await ai.models.generateContent({
    model, contents: 'A recipe',
    config: {
      responseMimeType: 'application/json',
      responseSchema: { type: Type.OBJECT, properties: { name: { type: Type.STRING }, minutes: { type: Type.INTEGER } }, required: ['name', 'minutes'] },
    },
  });
  const recipe = JSON.parse(withSchema.text);
  assert.equal(typeof recipe.name, 'string');
  assert.ok(Number.isInteger(recipe.minutes));
  const withJsonSchema = await ai.models.generateContent({
    model, contents: 'A list',
    config: { responseMimeType: 'application/json', responseJsonSchema: { type: 'array', items: { type: 'string' }, minItems: 2 } },
  });
  const list = JSON.parse(withJsonSchema.text);
  assert.ok(Array.isArray(list) && list.length >= 2);
});

await check('embedContent: one or several contents, outputDimensionality, the same text the same vector', async () => {
  const one = await ai.models.embedContent({ model: 'gemini-embedding-001', contents: 'hello' });
  assert.equal(one.embeddings.length, 1);
  assert.equal(one.embeddings[0].values.length, 3072);
  const several = await ai.models.embedContent({ model: 'gemini-embedding-001', contents: ['hello', 'world'], config: { outputDimensionality: 768 } });
  assert.equal(several.embeddings.length, 2);
  assert.equal(several.embeddings[0].values.length, 768);
  const norm = Math.hypot(...several.embeddings[1].values);
  assert.ok(Math.abs(norm - 1) < 1e-3, `norm ${norm}`);
  const again = await ai.models.embedContent({ model: 'gemini-embedding-001', contents: 'hello' });
  assert.deepEqual(again.embeddings[0].values, one.embeddings[0].values);
  await assert.rejects(ai.models.embedContent({ model, contents: 'hello' }), error => error.status === 404);
});

await check('models: paged list and get', async () => {
  const pager = await ai.models.list({ config: { pageSize: 2 } });
  const names = [];
  for await (const m of pager) names.push(m.name);
  assert.ok(names.length > 2, 'the pager should have fetched more than one page');
  assert.ok(names.includes(`models/${model}`));
  const one = await ai.models.get({ model });
  assert.equal(one.name, `models/${model}`);
});

await check('errors: unknown model is a 404 ApiError', async () => {
  await assert.rejects(ai.models.generateContent({ model: 'wrong-model', contents: 'x' }), error => {
    assert.equal(error.status, 404);
    assert.match(error.message, /models\/wrong-model is not found for API version v1beta/);
    return true;
  });
});

await check('v1: apiVersion v1 serves the same methods under /v1/ (generate, stream, count)', async () => {
  const v1 = new GoogleGenAI({ apiKey: env('GEMINI_API_KEY'), apiVersion: 'v1', httpOptions: { baseUrl: env('GEMINI_BASE_URL') } });
  const plain = await v1.models.generateContent({ model: 'gemini-2.0-flash', contents: 'Hello', config: { maxOutputTokens: 12 } });
  const beta = await ai.models.generateContent({ model: 'gemini-2.0-flash', contents: 'Hello', config: { maxOutputTokens: 12 } });
  assert.equal(plain.text, beta.text, 'same request and seed, same answer, whichever version');
  let text = '';
  for await (const chunk of await v1.models.generateContentStream({ model: 'gemini-2.0-flash', contents: 'Hello', config: { maxOutputTokens: 12 } })) text += chunk.text ?? '';
  assert.equal(text, plain.text);
  const count = await v1.models.countTokens({ model: 'gemini-2.0-flash', contents: 'Hello there' });
  assert.ok(count.totalTokens > 0);
});

done();
