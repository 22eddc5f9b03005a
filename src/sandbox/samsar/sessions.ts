/**
 * Simulated Samsar sessions: each moves PENDING -> its stages -> COMPLETED over simulated time.
 */
import type { Clock } from '../../clock.js';

export type SessionStatus = 'PENDING' | 'COMPLETED' | 'FAILED' | 'CANCELLED';

export interface ExternalOwner {
  provider: string;
  external_user_id: string;
  unique_key: string;
}

export interface Session {
  id: string;
  ownerKey: string;
  external?: ExternalOwner;
  kind: string;
  createdAt: number;
  renderMs: number;
  /** Stages in order; a session runs through them evenly over renderMs. */
  stages: string[];
  durationSeconds: number;
  aspectRatio: '16:9' | '9:16';
  framesPerSecond: number;
  language: string;
  hasSubtitles: boolean | null;
  provider: string;
  /** Set when the session should fail (sandbox trigger) or was cancelled. */
  failAt?: string;
  cancelled?: boolean;
  input: Record<string, unknown>;
}

export const TEXT_TO_VIDEO_STAGES = [
  'prompt_generation',
  'image_generation',
  'speech_generation',
  'music_generation',
  'video_generation',
  'frame_generation',
];

export interface SessionView {
  status: SessionStatus;
  /** Stage name -> PENDING | IN_PROGRESS | COMPLETED | FAILED, while running or failed. */
  stages: Record<string, string>;
  /** 0..1 */
  fraction: number;
}

export function viewSession(s: Session, clock: Clock): SessionView {
  const elapsed = clock.now() - s.createdAt;
  const fraction = Math.min(1, Math.max(0, elapsed / s.renderMs));
  const current = Math.min(s.stages.length - 1, Math.floor(fraction * s.stages.length));
  const stages: Record<string, string> = {};
  s.stages.forEach((name, i) => {
    stages[name] = i < current ? 'COMPLETED' : i === current ? 'IN_PROGRESS' : 'PENDING';
  });
  if (s.cancelled) return { status: 'CANCELLED', stages, fraction };
  if (s.failAt && fraction >= 0.5) {
    stages[s.failAt] = 'FAILED';
    return { status: 'FAILED', stages, fraction };
  }
  if (fraction >= 1) return { status: 'COMPLETED', stages: {}, fraction: 1 };
  return { status: 'PENDING', stages, fraction };
}
