/** What a tool is registered with beyond its own descriptor: the confirmation token, the billing meta. */
import * as z from 'zod/v4';
import { mayCharge, type ToolDescriptor } from './define.js';

export const CONFIRMATION_TOKEN_FIELD = 'confirmation_token';

const confirmationToken = z
  .string()
  .max(2000)
  .optional()
  .describe('From estimate_cost, after the person approved the quote.');

/** The input schema a tool is registered with: paid tools also take a confirmation token. */
export function registeredInput(tool: ToolDescriptor): z.ZodObject {
  return mayCharge(tool)
    ? tool.input.safeExtend({ [CONFIRMATION_TOKEN_FIELD]: confirmationToken })
    : tool.input;
}

/** The billing class, for clients that show what a call may cost ('varies' when args decide). */
export function toolMeta(tool: ToolDescriptor): Record<string, unknown> {
  return { 'videogen/billing': typeof tool.billing === 'function' ? 'varies' : tool.billing };
}
