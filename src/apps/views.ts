/**
 * The four MCP Apps views as resources: their `ui://` URIs and descriptions. The views themselves
 * are front-end code in ui/, built into dist/apps/<view>.html by scripts/build-apps.mjs; which
 * tool shows which view is decided at build time (view-for-tool.ts).
 */

export const VIEW_IDS = ['quote', 'render', 'player', 'spending'] as const;
export type ViewId = (typeof VIEW_IDS)[number];

export interface ViewInfo {
  uri: string;
  name: string;
  description: string;
  /** Shows a result video, so its CSP must name where result media come from. */
  media: boolean;
}

export const VIEWS: Record<ViewId, ViewInfo> = {
  quote: {
    uri: 'ui://videogen/quote',
    name: 'Quote',
    description: 'The amount, breakdown and budget of a quote, with Confirm and Cancel.',
    media: true,
  },
  render: {
    uri: 'ui://videogen/render',
    name: 'Render',
    description: 'A render as it advances (stages, progress, cancel), then the finished video.',
    media: true,
  },
  player: {
    uri: 'ui://videogen/player',
    name: 'Player',
    description: 'A finished video with its length, language and subtitles.',
    media: true,
  },
  spending: {
    uri: 'ui://videogen/spending',
    name: 'Spending',
    description: 'Spend by day and by tool as charts, and the providers’ balances.',
    media: false,
  },
};

export function viewWithUri(uri: string): ViewId | undefined {
  return VIEW_IDS.find((id) => VIEWS[id].uri === uri);
}
