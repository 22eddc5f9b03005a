/**
 * estimate_cost: the exact quote for a call and a confirmation token bound to exactly its arguments,
 * or, for a price question that gives only what the price depends on, an indicative quote without a
 * token. Validates the arguments with the tool's own schema first; charges nothing, writes nothing.
 */
import * as z from 'zod/v4';
import { callerOf } from '../caller.js';
import { catalogue } from '../catalogue/index.js';
import { priceQuestion } from '../cost/price-question.js';
import { ValidationError } from '../errors.js';
import { requireCallable } from '../provider-access.js';
import { inspectInput, refusalFromZod } from '../tool-surface/check-input.js';
import { registeredInput } from '../tool-surface/registered-input.js';
import { defineOwnTool } from './define.js';

export const estimateCost = defineOwnTool({
  name: 'estimate_cost',
  title: 'Estimate cost',
  description:
    'What a tool call would charge: indicative from price fields (model, duration), exact with a confirmation_token from all arguments. Free.',
  toolset: 'account',
  billing: 'free',
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  input: z.object({
    tool: z.string().min(1).max(100),
    arguments: z.record(z.string(), z.unknown()).default({}),
    duration_seconds: z
      .number()
      .positive()
      .max(86_400)
      .optional()
      .describe('Source duration, if it cannot be read (translate, join).'),
  }),
  handler: async ({ tool, arguments: raw, duration_seconds }, ctx, deps, host) => {
    const entry = catalogue.find((e) => e.name === tool);
    const own = host.tools.find((t) => t.name === tool);
    if (!entry) {
      if (own) {
        const free = { tool, billing: 'free', credits: 0, breakdown: [], formula: 'free', assumptions: [] };
        return { content: [{ type: 'text', text: `${tool} is free.` }], structuredContent: free };
      }
      throw new ValidationError('tool', `unknown tool '${tool}'`, 'Use a tool name from tools/list.');
    }
    if (entry.auth) requireCallable(deps.config, entry.provider); // nothing to quote for
    const { confirmation_token: _token, idempotency_key: _key, ...rest } = raw;
    // Refused exactly as the tool itself would refuse them: every field at once, in the same shape.
    const published = deps.toolManifest.find((t) => t.name === tool)!.inputSchema;
    const checked = inspectInput(registeredInput(entry), published, rest);
    // Arguments the tool refuses may still be a price question (only what the price depends on),
    // unless a key is wrong: that is refused whatever is asked.
    if (!checked.ok && (checked.badKeys || !checked.zodError)) throw checked.refusal;
    const question = checked.ok
      ? { ok: true as const, args: checked.args, missing: undefined }
      : priceQuestion(entry, rest, checked.zodError!, { durationSeconds: duration_seconds });
    if (!question.ok) throw refusalFromZod(question.error, rest, published);
    const { args, missing } = question;
    if (!missing) await entry.precheck?.(args as never, deps, ctx.mcpReq.signal);
    const quote = await deps.guard.estimate(entry, args, {
      durationSeconds: duration_seconds,
      signal: ctx.mcpReq.signal,
      missingForCall: missing,
      caller: callerOf(ctx, deps.config),
    });
    const amount = `${quote.formula} => ${quote.billing === 'credits' ? `${quote.credits} credits` : quote.billing}`;
    const text =
      quote.billing === 'free'
        ? `${tool} is free.`
        : missing
          ? `${amount} (indicative, no confirmation_token). The call also needs ${missing.join(', ')}; to confirm it, call estimate_cost again with the complete arguments.`
          : `${amount}. Show the person this amount; if they agree, call ${tool} with the same arguments and confirmation_token (valid until ${quote.expires_at}).`;
    return {
      content: [{ type: 'text', text: `${text}\n${JSON.stringify(quote)}` }],
      structuredContent: quote,
    };
  },
});
