/** SamAutomation templates (reusable render presets) and video packs endpoints. */
import * as z from 'zod/v4';
import {
  ASPECT_RATIOS,
  guardedText,
  QUALITIES,
  RENDER_MODES,
  RESOLUTIONS,
} from '../providers/samautomation/common.js';
import { type CatalogueEntry, defineEntry } from './define.js';

const READ = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true };
const WRITE = { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true };
const OVERWRITE = { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true };

const templateId = guardedText(100).describe('From samautomation_list_templates.');

/**
 * A value a template leaves to apply's variables, e.g. "{{ratio}}". Published once per tool (its
 * id puts it in the schema's $defs) and referred to by each field that may hold one.
 */
const placeholder = z
  .string()
  .regex(/^\{\{ *[\w.-]+ *\}\}$/, 'must be a {{variable}}')
  .meta({ id: 'var' });

/** The documented value or a placeholder; a wrong value gets the documented rule's own message. */
const orVar = (schema: z.ZodType) =>
  z.union([schema, placeholder], { error: (issue) => firstMessage(schema, issue.input) }).optional();

function firstMessage(schema: z.ZodType, value: unknown): string | undefined {
  const r = schema.safeParse(value);
  return r.success ? undefined : r.error.issues[0]!.message;
}

/**
 * Saved settings: the advanced-video config's sections, with the documented enums and ranges (or a
 * {{variable}} in their place). Other keys pass through, reported back as unchecked.
 */
const settings = z.looseObject({
  output_settings: z
    .looseObject({
      aspect_ratio: orVar(z.enum(ASPECT_RATIOS)),
      resolution: orVar(z.enum(RESOLUTIONS)),
      framerate: orVar(z.number().min(15).max(60)),
    })
    .optional(),
  render_options: z
    .looseObject({
      mode: orVar(z.enum(RENDER_MODES)),
      quality: orVar(z.enum(QUALITIES)),
    })
    .optional(),
  media_inputs: z.unknown().optional(),
  caption_elements: z.unknown().optional(),
  audio_settings: z.unknown().optional(),
});

const fields = {
  name: guardedText(255),
  description: z
    .string()
    .refine((d) => d.length <= 2000, 'at most 2000 characters')
    .optional(),
  category: guardedText(100).optional(),
  is_public: z.boolean().optional(),
};

const data = (d: unknown) =>
  ((d as { data?: Record<string, unknown> })?.data ?? {}) as Record<string, unknown>;

/** Only the fields given, so an update never blanks the others. */
const present = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

export const samautomationTemplateEntries: CatalogueEntry[] = [
  defineEntry({
    name: 'samautomation_create_template',
    title: 'Create template',
    description:
      'Saves reusable render settings (advanced-video config; strings may hold {{variables}}). Free.',
    provider: 'samautomation',
    toolset: 'templates',
    method: 'POST',
    path: '/api/templates/',
    auth: true,
    input: z.object({ ...fields, settings }),
    billing: 'free',
    annotations: WRITE,
    request: (args) => ({ body: present(args) }),
    summarize: (d) =>
      `Template ${data(d).id} created; use it as template_id in samautomation_advanced_video or samautomation_apply_template.`,
  }),
  defineEntry({
    name: 'samautomation_list_templates',
    title: 'List templates',
    description: 'Lists your templates, optionally with public ones and by category. Free.',
    provider: 'samautomation',
    toolset: 'templates',
    method: 'GET',
    path: '/api/templates/list/',
    auth: true,
    input: z.object({ include_public: z.boolean().optional(), category: fields.category }),
    billing: 'free',
    annotations: READ,
    request: ({ include_public, category }) => ({ query: { include_public, category } }),
    summarize: (d) => {
      const list = (data(d).templates ?? []) as Array<{ id: string; name: string }>;
      return `${list.length} template(s)${list.length ? `: ${list.map((t) => `${t.name} (${t.id})`).join(', ')}` : ''}.`;
    },
  }),
  defineEntry({
    name: 'samautomation_get_template',
    title: 'Get template',
    description: 'Reads one template with its settings. Free.',
    provider: 'samautomation',
    toolset: 'templates',
    method: 'GET',
    path: '/api/templates/{template_id}/',
    auth: true,
    input: z.object({ template_id: templateId }),
    billing: 'free',
    annotations: READ,
    request: ({ template_id }) => ({ pathParams: { template_id } }),
    summarize: (d) => `Template ${data(d).name}.`,
  }),
  defineEntry({
    name: 'samautomation_update_template',
    title: 'Update template',
    description: 'Changes the fields given; settings replace the stored ones. Free.',
    provider: 'samautomation',
    toolset: 'templates',
    method: 'PUT',
    path: '/api/templates/{template_id}/',
    auth: true,
    input: z
      .object({
        template_id: templateId,
        ...fields,
        name: fields.name.optional(),
        settings: settings.optional(),
      })
      .refine(({ template_id: _id, ...rest }) => Object.values(rest).some((v) => v !== undefined), {
        message: 'give at least one of name, description, category, is_public, settings',
      }),
    billing: 'free',
    annotations: OVERWRITE,
    request: ({ template_id, ...rest }) => ({ pathParams: { template_id }, body: present(rest) }),
    summarize: (d) => `Template ${data(d).id} updated.`,
  }),
  defineEntry({
    name: 'samautomation_delete_template',
    title: 'Delete template',
    description: 'Deletes one of your templates permanently. Free.',
    provider: 'samautomation',
    toolset: 'templates',
    method: 'DELETE',
    path: '/api/templates/{template_id}/',
    auth: true,
    input: z.object({ template_id: templateId }),
    billing: 'free',
    annotations: { ...OVERWRITE, idempotentHint: false },
    request: ({ template_id }) => ({ pathParams: { template_id } }),
    summarize: (_d, { template_id }) => `Template ${template_id} deleted.`,
  }),
  defineEntry({
    name: 'samautomation_apply_template',
    title: 'Apply template',
    description:
      'Returns a template’s settings merged with overrides and {{variables}} filled, for samautomation_advanced_video. Free.',
    provider: 'samautomation',
    toolset: 'templates',
    method: 'POST',
    path: '/api/templates/{template_id}/apply/',
    auth: true,
    input: z.object({
      template_id: templateId,
      settings: settings.optional().describe('Overrides, deep-merged.'),
      variables: z
        .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
        .optional()
        .describe('Fill {{name}} placeholders.'),
    }),
    billing: 'free',
    annotations: READ,
    request: ({ template_id, ...rest }) => ({ pathParams: { template_id }, body: present(rest) }),
    summarize: (d) => {
      const missing = (data(d).missing_variables ?? []) as string[];
      return `Merged settings ready for samautomation_advanced_video${missing.length ? `; unfilled variables: ${missing.join(', ')}` : ''}.`;
    },
  }),
  defineEntry({
    name: 'samautomation_buy_video_pack',
    title: 'Buy video pack',
    description:
      'Creates a Stripe checkout link for extra plan videos; a person pays there, nothing is charged by this call. Money: confirm first.',
    provider: 'samautomation',
    toolset: 'account',
    method: 'POST',
    path: '/api/video-packs/{pack_id}/buy/',
    auth: true,
    input: z.object({ pack_id: guardedText(100) }),
    billing: 'money',
    annotations: WRITE,
    request: ({ pack_id }) => ({ pathParams: { pack_id } }),
    summarize: (d) =>
      `Checkout link for a person to open and pay: ${(d as { checkout_url?: string }).checkout_url}. Nothing is paid until they do.`,
  }),
];
