/**
 * The sandbox's Templates API: private templates per API key plus public ones, CRUD with ownership
 * (another account's private template is not found; its public one is readable, not writable), and
 * apply, which answers the merged settings with {{variables}} filled in.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../clock.js';
import { json, type Route, type SandboxRequest } from '../router.js';
import { fail, withApiKey } from './templates-ai-auth.js';
import { deepMerge, substitute } from './templates-merge.js';

interface Template {
  id: string;
  ownerKey: string;
  name: string;
  description: string;
  category: string;
  is_public: boolean;
  settings: Record<string, unknown>;
  created_at: string;
  updated_at: string;
}

/** Owner of the public templates every account can see. */
const SYSTEM = 'system';

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * One template store per simulator, found through its options object, so the advanced renderer's
 * part of the sandbox can merge a template_id without sim.ts wiring the parts together.
 */
const stores = new WeakMap<object, Map<string, Template>>();

function storeOf(options: object): Map<string, Template> {
  let store = stores.get(options);
  if (!store) {
    store = new Map();
    stores.set(options, store);
  }
  return store;
}

/** The settings of a template the key may read (its own or a public one), for template_id merges. */
export function templateSettingsFor(
  options: object,
  templateId: string,
  key: string,
): Record<string, unknown> | undefined {
  const t = storeOf(options).get(templateId);
  return t && (t.ownerKey === key || t.is_public) ? t.settings : undefined;
}

export function createTemplateRoutes(options: { clock: Clock }): Route[] {
  const now = () => new Date(options.clock.simNow()).toISOString().replace('Z', '+00:00');
  const templates = storeOf(options);
  const seed = (name: string, category: string, settings: Record<string, unknown>) => {
    const id = randomUUID();
    templates.set(id, {
      id,
      ownerKey: SYSTEM,
      name,
      description: `${name} (public sandbox template)`,
      category,
      is_public: true,
      settings,
      created_at: now(),
      updated_at: now(),
    });
  };
  seed('Vertical promo', 'marketing', {
    output_settings: { aspect_ratio: '9:16', resolution: '1080p', framerate: 30 },
    caption_elements: [{ text_content: '{{headline}}', start_time: 0, duration: 3 }],
    render_options: { quality: 'high' },
  });
  seed('Square social post', 'social', {
    output_settings: { aspect_ratio: '1:1', resolution: '720p', framerate: 30 },
    render_options: { quality: 'medium' },
  });

  const view = (t: Template, key: string) => {
    const { ownerKey, ...rest } = t;
    return { ...rest, is_owner: ownerKey === key };
  };

  /** The template the key may read, or the documented 404. */
  const readable = (req: SandboxRequest, key: string) => {
    const t = templates.get(req.params.template_id ?? '');
    return t && (t.ownerKey === key || t.is_public) ? t : undefined;
  };
  const notFound = () => fail(404, 'Template not found');

  /** Field checks shared by create and update; returns an error message or undefined. */
  const invalid = (b: Record<string, unknown>, creating: boolean): string | undefined => {
    if (creating || 'name' in b) {
      if (typeof b.name !== 'string' || !b.name.trim()) return 'name is required';
      if (b.name.length > 255) return 'name must be at most 255 characters';
    }
    for (const f of ['description', 'category'] as const) {
      if (f in b && typeof b[f] !== 'string') return `${f} must be a string`;
    }
    if ('is_public' in b && typeof b.is_public !== 'boolean') return 'is_public must be a boolean';
    if ((creating || 'settings' in b) && !isObject(b.settings)) return 'settings must be an object';
    return undefined;
  };

  const create = withApiKey((req, key) => {
    if (!isObject(req.body)) return fail(400, 'Invalid JSON data');
    const b = req.body;
    const problem = invalid(b, true);
    if (problem) return fail(400, problem);
    const t: Template = {
      id: randomUUID(),
      ownerKey: key,
      name: String(b.name).trim(),
      description: typeof b.description === 'string' ? b.description : '',
      category: typeof b.category === 'string' ? b.category : '',
      is_public: b.is_public === true,
      settings: b.settings as Record<string, unknown>,
      created_at: now(),
      updated_at: now(),
    };
    templates.set(t.id, t);
    return json(201, { success: true, message: 'Template created', data: view(t, key) });
  });

  const list = withApiKey((req, key) => {
    const includePublic = req.query.get('include_public') === 'true';
    const category = req.query.get('category');
    const found = [...templates.values()]
      .filter((t) => t.ownerKey === key || (includePublic && t.is_public))
      .filter((t) => !category || t.category === category)
      .map((t) => view(t, key));
    return json(200, { success: true, data: { templates: found, count: found.length } });
  });

  const get = withApiKey((req, key) => {
    const t = readable(req, key);
    return t ? json(200, { success: true, data: view(t, key) }) : notFound();
  });

  /** The template the key owns, or the answer explaining why it may not change it. */
  const owned = (req: SandboxRequest, key: string) => {
    const t = readable(req, key);
    if (!t) return { error: notFound() };
    if (t.ownerKey !== key) return { error: fail(403, 'You can only change your own templates') };
    return { t };
  };

  const update = withApiKey((req, key) => {
    const { t, error } = owned(req, key);
    if (!t) return error;
    if (!isObject(req.body)) return fail(400, 'Invalid JSON data');
    const b = req.body;
    const problem = invalid(b, false);
    if (problem) return fail(400, problem);
    if (typeof b.name === 'string') t.name = b.name.trim();
    if (typeof b.description === 'string') t.description = b.description;
    if (typeof b.category === 'string') t.category = b.category;
    if (typeof b.is_public === 'boolean') t.is_public = b.is_public;
    if (isObject(b.settings)) t.settings = b.settings;
    t.updated_at = now();
    return json(200, { success: true, message: 'Template updated', data: view(t, key) });
  });

  const remove = withApiKey((req, key) => {
    const { t, error } = owned(req, key);
    if (!t) return error;
    templates.delete(t.id);
    return json(200, { success: true, message: 'Template deleted' });
  });

  const apply = withApiKey((req, key) => {
    const t = readable(req, key);
    if (!t) return notFound();
    const b = req.body === undefined ? {} : req.body;
    if (!isObject(b)) return fail(400, 'Invalid JSON data');
    if (b.settings !== undefined && !isObject(b.settings)) return fail(400, 'settings must be an object');
    if (b.variables !== undefined && !isObject(b.variables)) return fail(400, 'variables must be an object');
    const missing = new Set<string>();
    const merged = substitute(
      deepMerge(t.settings, b.settings),
      (b.variables ?? {}) as Record<string, unknown>,
      missing,
    );
    return json(200, {
      success: true,
      data: { template_id: t.id, name: t.name, settings: merged, missing_variables: [...missing] },
    });
  });

  return [
    { method: 'POST', pattern: '/api/templates/', handler: create },
    { method: 'GET', pattern: '/api/templates/list/', handler: list },
    { method: 'GET', pattern: '/api/templates/{template_id}/', handler: get },
    { method: 'PUT', pattern: '/api/templates/{template_id}/', handler: update },
    { method: 'DELETE', pattern: '/api/templates/{template_id}/', handler: remove },
    { method: 'POST', pattern: '/api/templates/{template_id}/apply/', handler: apply },
  ];
}
