/**
 * Follows the host's look: its light or dark theme, the standard CSS variables of SEP-1865 (the
 * stylesheet falls back to its own values for any the host leaves out) and its font CSS.
 */
import type { McpUiHostContext } from '@modelcontextprotocol/ext-apps';

export function applyHostTheme(context: McpUiHostContext): void {
  const root = document.documentElement;
  if (context.theme === 'light' || context.theme === 'dark') {
    root.dataset.theme = context.theme;
    root.style.colorScheme = context.theme;
  }
  for (const [name, value] of Object.entries(context.styles?.variables ?? {})) {
    if (value !== undefined) root.style.setProperty(name, value);
  }
  const fonts = context.styles?.css?.fonts;
  if (fonts && !document.getElementById('host-fonts')) {
    const style = document.createElement('style');
    style.id = 'host-fonts';
    style.textContent = fonts;
    document.head.append(style);
  }
}
