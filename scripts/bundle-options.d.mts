import type { BuildOptions } from 'esbuild';

export declare const BUNDLE_OPTIONS: BuildOptions;
export declare const LAUNCHER_WRAPPER: { open: string; close: string };
