/**
 * font_key must be supported for the chosen language. The list comes from Samsar's public
 * GET /supported_fonts, cached for an hour, so a bad font is refused before a paid render starts.
 */
import type { AppDeps } from '../../deps.js';
import { ValidationError } from '../../errors.js';

type FontsByLanguage = Record<string, string[]>;

const FONTS_TTL_MS = 60 * 60 * 1000;

export function loadFonts(deps: AppDeps, signal?: AbortSignal): Promise<FontsByLanguage> {
  return deps.cache.get('samsar:fonts', FONTS_TTL_MS, async () => {
    const res = await deps.http.request<{ fontsByLanguage?: FontsByLanguage }>({
      provider: 'samsar',
      method: 'GET',
      path: '/supported_fonts',
      auth: false,
      signal,
    });
    return res.data.fontsByLanguage ?? {};
  });
}

/** The fonts allowed for `language`; for 'auto' (detected later) any listed font. */
export function fontsFor(fonts: FontsByLanguage, language = 'auto'): string[] {
  if (language === 'auto') return [...new Set(Object.values(fonts).flat())];
  return fonts[language] ?? fonts.default ?? [];
}

export async function checkFontKey(
  args: { font_key?: string; language?: string },
  deps: AppDeps,
  signal?: AbortSignal,
): Promise<void> {
  if (args.font_key === undefined) return;
  const allowed = fontsFor(await loadFonts(deps, signal), args.language);
  if (allowed.includes(args.font_key)) return;
  throw new ValidationError(
    'font_key',
    `'${args.font_key}' is not supported for language '${args.language ?? 'auto'}'.`,
    `Use one of: ${allowed.join(', ')} (samsar_list_fonts), or omit font_key.`,
  );
}
