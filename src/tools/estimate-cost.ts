/**
 * estimate_cost: the exact quote for a call and a confirmation token bound to exactly its arguments.
 * Validates the arguments with the tool's own schema first; charges nothing and writes nothing upstream.
 */
import * as z from 'zod/v4';
import { catalogue } from '../catalogue/index.js';
import { ValidationError } from '../errors.js';
import { defineOwnTool } from './define.js';

function firstIssue(error: z.ZodError): ValidationError {
  const issue = error.issues[0]!;
  const field = issue.path.length ? issue.path.join('.') : 'arguments';
  return new ValidationError(
    field,
    issue.message,
    'Fix the arguments as the tool itself requires, then ask again.',
  );
}

export const estimateCost = defineOwnTool({
  name: 'estimate_cost',
  title: 'Estimate cost',
  description:
    'Quotes exactly what a tool call would charge and returns a confirmation_token for those arguments. Free; show the person the amount before using the token.',
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
    const { confirmation_token: _ignored, ...rest } = raw;
    const parsed = entry.input.safeParse(rest);
    if (!parsed.success) throw firstIssue(parsed.error);
    const args = parsed.data as Record<string, unknown>;
    await entry.precheck?.(args as never, deps, ctx.mcpReq.signal);
    const quote = await deps.guard.estimate(entry, args, {
      durationSeconds: duration_seconds,
      signal: ctx.mcpReq.signal,
    });
    const text =
      quote.billing === 'free'
        ? `${tool} is free.`
        : `${quote.formula} => ${quote.billing === 'credits' ? `${quote.credits} credits` : quote.billing}. Show the person this amount; if they agree, call ${tool} with the same arguments and confirmation_token (valid until ${quote.expires_at}).`;
    return {
      content: [{ type: 'text', text: `${text}\n${JSON.stringify(quote)}` }],
      structuredContent: quote,
    };
  },
});
