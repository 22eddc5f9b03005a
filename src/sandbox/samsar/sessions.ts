/**
 * Simulated Samsar sessions: each moves PENDING -> its stages -> COMPLETED over simulated time.
 */

export type SessionStatus = 'PENDING' | 'COMPLETED' | 'FAILED' | 'CANCELLED';

export interface ExternalOwner {
  provider: string;
  external_user_id: string;
  unique_key: string;
}

export interface Session {
  id: string;
  ownerKey: string;
  /** Set for sessions billed to an external user of the account. */
  external?: ExternalOwner;
  kind: string;
  createdAt: number;
  renderMs: number;
  /** Stages in order; a session runs through them evenly over renderMs. */
  stages: readonly string[];
  durationSeconds: number;
  aspectRatio: '16:9' | '9:16';
  framesPerSecond: number;
  language: string;
  hasSubtitles: boolean | null;
  /** The last layer is an outro (provided or generated), which update_outro_image needs. */
  hasOutro: boolean;
  provider: string;
  /** Set when the session should fail (sandbox trigger). */
  failAt?: string;
  cancelled?: boolean;
  /** The session this one was derived from (clone, translate, subtitles, outro, footer). */
  sourceIds?: string[];
  input: Record<string, unknown>;
  /** The request's webhookUrl: called back when the render ends (loopback URLs only). */
  webhookUrl?: unknown;
}

/** The stages each kind of session runs, as the reference describes them. */
export const STAGES: Record<string, readonly string[]> = {
  text_to_video: [
    'prompt_generation',
    'image_generation',
    'speech_generation',
    'music_generation',
    'video_generation',
    'frame_generation',
  ],
  image_list_to_video: ['prompt_generation', 'speech_generation', 'video_generation', 'frame_generation'],
  clone: ['video_generation'],
  translate_video: ['speech_generation', 'lip_sync', 'transcription', 'video_generation'],
  join_videos: ['transcription', 'frame_generation', 'video_generation'],
  remove_subtitles: ['frame_generation', 'video_generation'],
  add_subtitles: ['transcription', 'frame_generation', 'video_generation'],
  add_outro_image: ['frame_generation', 'video_generation'],
  update_outro_image: ['frame_generation', 'video_generation'],
  update_footer_image: ['footer_image_generation', 'frame_generation', 'video_generation'],
};

export interface SessionView {
  status: SessionStatus;
  /** Stage name -> PENDING | IN_PROGRESS | COMPLETED | FAILED, while running or failed. */
  stages: Record<string, string>;
  /** 0..1 */
  fraction: number;
}

export function viewSession(s: Session, now: number): SessionView {
  const elapsed = now - s.createdAt;
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
