/**
 * The player's event vocabulary, documented in one place (docs/embedding.md repeats it for
 * embedders). Every event is a DOM CustomEvent dispatched on the <branchline-player>
 * element, composed and bubbling; in an iframe embed the same name and detail are posted to
 * the parent. Details are plain JSON so they survive postMessage.
 */
export const Events = Object.freeze({
  /** The session exists and the first frame can be shown. detail: {session, story, scene} */
  READY: 'ready',
  /** The playhead entered another visit. detail: {scene, start, index} (start in media ms) */
  SCENE_CHANGE: 'scenechange',
  /** A choice or question window opened. detail: {scene, kind: 'choice'|'question', closes, options: [{index, label, default}], text?} */
  CHOICE_OPEN: 'choiceopen',
  /** An option was taken: the engine accepted the viewer's pick (or answer), or the timer took the default. detail: {scene, option, label, by: 'viewer'|'timer'|'answer', text?} */
  CHOICE: 'choice',
  /** The story reached an ending and the video played out. detail: {scene, stopped?} */
  ENDED: 'ended',
  /**
   * The next scene was not there in time (a missed prediction): the last frame is held with a
   * slow drift (the bridge) until it comes. detail: {scene, at} (at: media ms). Counted in
   * the element's `stalls`.
   */
  STALL: 'stall',
  /**
   * The Content Credentials (C2PA) of the visit playing now were read from its first fetched
   * segment: once each time the playhead enters a visit whose credentials are known, or when
   * they become known while it plays. The "AI" badge shows while `generated` is true.
   * detail: {scene, index, key, found, verified, problems: [text], sourceType, generated,
   * models: [{role, name, hash}], prompts: [text], tier: 'full'|'draft'|'rough'|null,
   * signer: {subject, commonName, fingerprint}|null}
   */
  CREDENTIALS: 'credentials',
  /** Something went wrong. detail: {type, details, fatal, message, status?} */
  ERROR: 'error',
});

/** What failed, in broad classes (like hls.js ErrorTypes). */
export const ErrorTypes = Object.freeze({
  NETWORK_ERROR: 'networkError',
  STORY_ERROR: 'storyError',
  SESSION_ERROR: 'sessionError',
  MEDIA_ERROR: 'mediaError',
  OTHER_ERROR: 'otherError',
});

/** What exactly failed (like hls.js ErrorDetails). */
export const ErrorDetails = Object.freeze({
  SERVER_UNREACHABLE: 'serverUnreachable',
  STORY_NOT_FOUND: 'storyNotFound',
  STORY_HAS_ERRORS: 'storyHasErrors',
  STORY_STOPPED: 'storyStopped',
  SESSION_EXPIRED: 'sessionExpired',
  CHOICE_REFUSED: 'choiceRefused',
  ANSWER_REFUSED: 'answerRefused',
  NO_EARLIER_CHOICE: 'noEarlierChoice',
  SEGMENT_LOAD_FAILED: 'segmentLoadFailed',
  APPEND_FAILED: 'appendFailed',
  MEDIA_UNSUPPORTED: 'mediaUnsupported',
  REQUEST_FAILED: 'requestFailed',
});

/** An error as the player reports it: a value, classified, with a message for people. */
export class PlayerError extends Error {
  /**
   * `message` is what the viewer reads, in the viewer's words; `reason` is what the server said,
   * for the page that embeds the player and its developer (absent when the server said nothing).
   */
  constructor(type, details, fatal, message, status, reason) {
    super(message);
    this.type = type;
    this.details = details;
    this.fatal = fatal;
    this.status = status;
    this.reason = reason;
  }

  toDetail() {
    const d = { type: this.type, details: this.details, fatal: this.fatal, message: this.message };
    if (this.status !== undefined) d.status = this.status;
    if (this.reason !== undefined) d.reason = this.reason;
    return d;
  }
}

/**
 * Classifies an HTTP answer of the engine. `call` names what was asked:
 * 'create' (a new session), 'session' (any call on a live session), 'choose', 'answer',
 * 'back', 'segment'. `problem` is the problem detail, when there was one.
 */
export function classifyHttp(call, status, problem = {}) {
  const said = problem.detail || problem.title || `HTTP ${status}`;
  if (call === 'create') {
    // Viewers read these: no API paths, no error counts (the server's words go in `reason`).
    if (status === 409) return new PlayerError(ErrorTypes.STORY_ERROR, ErrorDetails.STORY_HAS_ERRORS, true, 'This story has errors and cannot be played yet: its author is still working on it.', status, said);
    if (status === 404) return new PlayerError(ErrorTypes.STORY_ERROR, ErrorDetails.STORY_NOT_FOUND, true, 'There is no such story here. Check the address, or pick a story from the list.', status, said);
  }
  if (call !== 'create' && call !== 'segment' && (status === 401 || status === 404)) {
    return new PlayerError(ErrorTypes.SESSION_ERROR, ErrorDetails.SESSION_EXPIRED, true, 'This viewing has expired. Start again to watch the story.', status);
  }
  if (call === 'choose' && status === 409) return new PlayerError(ErrorTypes.SESSION_ERROR, ErrorDetails.CHOICE_REFUSED, false, said, status);
  if (call === 'answer' && (status === 400 || status === 409)) return new PlayerError(ErrorTypes.SESSION_ERROR, ErrorDetails.ANSWER_REFUSED, false, said, status);
  if (call === 'back' && status === 409) return new PlayerError(ErrorTypes.SESSION_ERROR, ErrorDetails.NO_EARLIER_CHOICE, false, said, status);
  if (call === 'segment') return new PlayerError(ErrorTypes.NETWORK_ERROR, ErrorDetails.SEGMENT_LOAD_FAILED, false, said, status);
  return new PlayerError(ErrorTypes.NETWORK_ERROR, ErrorDetails.REQUEST_FAILED, status >= 500 || call === 'create', said, status);
}

/** The error for a fetch that never got an answer. */
export function unreachable(server) {
  return new PlayerError(ErrorTypes.NETWORK_ERROR, ErrorDetails.SERVER_UNREACHABLE, true,
    `The story server${server ? ' at ' + server : ''} cannot be reached. Check the connection and try again.`);
}
