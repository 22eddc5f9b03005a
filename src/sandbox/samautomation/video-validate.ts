/**
 * The sandbox's copy of the reference's validation rules for the core endpoints (media items, the
 * settings matrix, transcripts, exports), written independently of the tools' zod schemas so a
 * mistake in one is caught by the other. Each check answers the reference's message or undefined.
 */

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const ENUMS: Record<string, readonly string[]> = {
  aspect_ratio: ['9:16', '16:9', '1:1'],
  transition_type: ['fade', 'wipe', 'zoom', 'slide', 'glitch'],
  transition_direction: ['left', 'right', 'up', 'down'],
  zoom_direction: ['in', 'out', 'alternate'],
  watermark_position: ['top_left', 'top_right', 'bottom_left', 'bottom_right', 'center'],
  output_quality: ['low', 'medium', 'high'],
};

const RANGES: Record<string, [number, number]> = {
  image_duration: [0, 30],
  audio_volume: [0, 1],
  video_volume: [0, 1],
  zoom_intensity: [0, 1],
  watermark_size: [0, 1],
  watermark_opacity: [0, 1],
  transition_duration: [0, 3],
  audio_fade_in: [0, 5],
  audio_fade_out: [0, 5],
  min_video_duration: [0, 60],
  video_loop_duration: [0, 120],
  watermark_padding: [0, 100],
  fps: [15, 60],
};

const BOOLEANS = ['loop_audio', 'mute_original_audio', 'loop_video', 'zoom_effect'];

export function mediaProblem(list: unknown, onlyVideoOrImage: boolean): string | undefined {
  if (!Array.isArray(list) || list.length === 0) return 'No media items provided';
  for (const item of list) {
    if (!isObject(item) || typeof item.type !== 'string' || typeof item.url !== 'string' || !item.url) {
      return "Each media item must have 'type' and 'url'";
    }
    if (onlyVideoOrImage && item.type !== 'video' && item.type !== 'image') {
      return "Media type must be 'video' or 'image'";
    }
  }
  return undefined;
}

export function settingsProblem(settings: unknown): string | undefined {
  if (settings === undefined) return undefined;
  if (!isObject(settings)) return 'settings must be an object';
  for (const [field, values] of Object.entries(ENUMS)) {
    const v = settings[field];
    if (v !== undefined && !values.includes(v as string))
      return `${field} must be one of ${values.join(', ')}`;
  }
  for (const [field, [min, max]] of Object.entries(RANGES)) {
    const v = settings[field];
    if (v !== undefined && (typeof v !== 'number' || !(v >= min && v <= max))) {
      return `${field} must be between ${min} and ${max}`;
    }
  }
  for (const field of BOOLEANS) {
    if (settings[field] !== undefined && typeof settings[field] !== 'boolean')
      return `${field} must be a boolean`;
  }
  const overlays = settings.text_overlays;
  if (overlays !== undefined) {
    if (!Array.isArray(overlays)) return 'text_overlays must be a list';
    for (const o of overlays) {
      if (!isObject(o) || typeof o.text !== 'string' || !o.text) return 'Each text overlay must have text';
      if (o.position !== undefined && !['top', 'middle', 'bottom'].includes(o.position as string)) {
        return 'text overlay position must be one of top, middle, bottom';
      }
      if (
        o.background !== undefined &&
        !['none', 'black', 'semi-transparent'].includes(o.background as string)
      ) {
        return 'text overlay background must be one of none, black, semi-transparent';
      }
    }
  }
  return undefined;
}

export function transcriptsProblem(transcripts: unknown): string | undefined {
  if (transcripts === undefined) return undefined;
  if (!Array.isArray(transcripts)) return 'transcripts must be a list';
  const ok = (t: unknown) =>
    isObject(t) && typeof t.words === 'string' && typeof t.start === 'number' && typeof t.end === 'number';
  return transcripts.every(ok) ? undefined : "Each transcript must have 'words', 'start' and 'end'";
}

const isHttp = (v: unknown) => typeof v === 'string' && /^https?:\/\/\S+$/i.test(v);
const str = (v: unknown) => typeof v === 'string' && v.length > 0;

export function exportsProblem(exports: unknown): string | undefined {
  if (exports === undefined) return undefined;
  if (!isObject(exports)) return 'exports must be an object';
  if (exports.callback_url !== undefined && !isHttp(exports.callback_url)) {
    return 'exports.callback_url must be a public HTTP(S) URL';
  }
  if (exports.callback_secret !== undefined && typeof exports.callback_secret !== 'string') {
    return 'exports.callback_secret must be a string';
  }
  const dests = exports.destinations;
  if (dests === undefined) return undefined;
  if (!Array.isArray(dests)) return 'exports.destinations must be a list';
  if (dests.length > 5) return 'exports.destinations supports up to 5 destinations';
  for (const d of dests) {
    if (!isObject(d) || !['email', 'ftp', 'sftp'].includes(d.type as string)) {
      return 'Destination type must be one of email, ftp, sftp';
    }
    if (d.type === 'email') {
      const to = Array.isArray(d.to) ? d.to : [d.to];
      if (!to.length || !to.every(str)) return 'email destination requires to';
      continue;
    }
    for (const f of ['host', 'username', 'path']) {
      if (!str(d[f])) return `${d.type} destination requires ${f}`;
    }
    if (d.type === 'ftp' && !str(d.password)) return 'ftp destination requires password';
    if (d.type === 'sftp' && !str(d.password) && !str(d.private_key)) {
      return 'sftp destination requires password or private_key';
    }
  }
  return undefined;
}

/** What progress answers report about delivery: never a password, key or callback secret. */
export function deliveryView(exports: unknown, delivered: boolean): Array<Record<string, unknown>> {
  if (!isObject(exports)) return [];
  const status = delivered ? 'delivered' : 'pending';
  const out: Array<Record<string, unknown>> = [];
  if (isHttp(exports.callback_url)) {
    out.push({ type: 'callback', url: exports.callback_url, signed: str(exports.callback_secret), status });
  }
  for (const d of Array.isArray(exports.destinations) ? exports.destinations : []) {
    if (!isObject(d)) continue;
    out.push(
      d.type === 'email'
        ? { type: 'email', to: d.to, status }
        : { type: d.type, host: d.host, path: d.path, status },
    );
  }
  return out;
}
