/**
 * What a tool is registered with beyond its own descriptor: the confirmation token and the client's
 * idempotency key (paid tools), the billing meta. Both fields go without a description: the tool
 * list is a token budget, paid tools' descriptions already say to quote first, and the README
 * explains the key.
 */
import * as z from 'zod/v4';
import { mayCharge, type ToolDescriptor } from '../catalogue/define.js';

export const CONFIRMATION_TOKEN_FIELD = 'confirmation_token';
export const IDEMPOTENCY_KEY_FIELD = 'idempotency_key';

// The length limits only guard against abuse: checked, not published (tokens on every paid tool).
const confirmationToken = z
  .string()
  .refine((t) => t.length <= 2000, 'is not a confirmation token (too long)')
  .optional();
const idempotencyKey = z
  .string()
  .refine((k) => k.length >= 1 && k.length <= 255, 'must be 1-255 characters')
  .optional();

/**
 * The input schema a tool is registered with: no argument beyond those it declares (an unknown one
 * is refused by name, never dropped), and paid tools also take a confirmation token and an
 * idempotency key.
 */
export function registeredInput(tool: ToolDescriptor): z.ZodObject {
  let registered = built.get(tool);
  if (!registered) {
    const input = tool.input.strict();
    registered = mayCharge(tool)
      ? input.safeExtend({
          [CONFIRMATION_TOKEN_FIELD]: confirmationToken,
          [IDEMPOTENCY_KEY_FIELD]: idempotencyKey,
        })
      : input;
    built.set(tool, registered);
  }
  return registered;
}

/** Built once per tool: each call (and each estimate_cost) validates with the same schema object. */
const built = new WeakMap<ToolDescriptor, z.ZodObject>();

/** The billing class, for clients that show what a call may cost ('varies' when args decide). */
export function toolMeta(tool: ToolDescriptor): Record<string, unknown> {
  return { 'videogen/billing': typeof tool.billing === 'function' ? 'varies' : tool.billing };
}
