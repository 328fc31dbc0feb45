/** The player's look, inside its shadow root. Themed from outside with custom properties. */
export const styles = `
:host {
  --_accent: var(--branchline-accent, #ffb000);
  --_text: var(--branchline-text, #fff);
  --_panel: var(--branchline-panel, rgba(10, 10, 14, 0.72));
  --_radius: var(--branchline-radius, 12px);
  --_font: var(--branchline-font, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif);
  display: block;
  position: relative;
  aspect-ratio: var(--branchline-aspect, 9 / 16);
  width: min(100%, calc(100dvh * 9 / 16));
  max-height: 100dvh;
  margin: 0 auto;
  background: #000;
  color: var(--_text);
  font: 16px/1.3 var(--_font);
  overflow: hidden;
  border-radius: var(--branchline-frame-radius, 0);
  contain: content;
}
:host([hidden]) { display: none; }
video { position: absolute; inset: 0; width: 100%; height: 100%; object-fit: contain; background: #000; }
button { font: inherit; color: inherit; cursor: pointer; }
.choice {
  position: absolute; left: 0; right: 0; bottom: 12%; padding: 0 6%;
  display: flex; flex-direction: column; gap: 10px; z-index: 3;
}
.options { display: flex; flex-direction: column; gap: 8px; }
.option {
  display: flex; align-items: center; gap: 10px; width: 100%; min-height: 48px;
  padding: 10px 14px; text-align: left; border: 2px solid transparent;
  background: var(--_panel); border-radius: var(--_radius); backdrop-filter: blur(4px);
}
.option:hover, .option:focus-visible { border-color: var(--_accent); outline: none; }
.option .key {
  flex: none; width: 1.6em; height: 1.6em; display: grid; place-items: center;
  border-radius: 50%; background: var(--_accent); color: #000; font-weight: 700; font-size: 0.85em;
}
.option .label { flex: 1; }
.option .mark { font-size: 0.75em; opacity: 0.8; text-transform: uppercase; letter-spacing: 0.05em; }
.option.default { border-color: color-mix(in srgb, var(--_accent) 45%, transparent); }
.taken .option { opacity: 0.45; }
.taken .option.picked { opacity: 1; border-color: var(--_accent); background: color-mix(in srgb, var(--_accent) 35%, var(--_panel)); }
.countdown { position: relative; height: 22px; display: flex; align-items: center; justify-content: flex-end; }
.countdown .bar {
  position: absolute; left: 0; right: 2.2em; height: 4px; border-radius: 2px;
  background: var(--_accent); transform-origin: left center;
}
.countdown .seconds { font-variant-numeric: tabular-nums; font-weight: 700; text-shadow: 0 1px 3px #000; }
.taken .countdown { visibility: hidden; }
.question { display: flex; flex-direction: column; gap: 8px; background: var(--_panel); padding: 12px; border-radius: var(--_radius); }
.question .label { display: flex; flex-direction: column; gap: 8px; }
.question input { font: inherit; padding: 10px; border-radius: 8px; border: 2px solid var(--_accent); }
.question .send { justify-content: center; }
.panel {
  position: absolute; inset: 0; display: flex; flex-direction: column; align-items: center;
  justify-content: center; gap: 16px; padding: 10%; text-align: center; z-index: 4;
  background: rgba(0, 0, 0, 0.55);
}
.panel[hidden], .controls[hidden], .choice[hidden], .toast[hidden] { display: none; }
.panel .big {
  min-width: 64px; min-height: 64px; padding: 12px 22px; border-radius: 999px; border: 0;
  background: var(--_accent); color: #000; font-weight: 700;
}
.panel.loading { background: transparent; pointer-events: none; }
/* The Play pill and the end's credits and "Watch again" sit in the frame's lowest sixth, below
   where the renderer puts a title card's text (centred) and a caption (ending at 80 % of the
   height), so neither covers the poster's title or the last title card; the picture above
   stays as it is and only the strip they stand on is darkened. */
.panel.start, .panel.end {
  justify-content: flex-end; gap: 8px; padding: 0 8% 4%;
  background: linear-gradient(transparent 70%, rgba(0, 0, 0, 0.7) 88%);
}
.panel.end .big { min-height: 48px; padding: 8px 18px; }
.panel.end .credits { margin: 0; font-size: 0.85em; line-height: 1.25; text-shadow: 0 1px 3px #000; }
.spinner {
  width: 44px; height: 44px; border-radius: 50%; border: 4px solid rgba(255, 255, 255, 0.25);
  border-top-color: var(--_accent); animation: spin 0.9s linear infinite;
}
@keyframes spin { to { transform: rotate(360deg); } }
@media (prefers-reduced-motion: reduce) { .spinner { animation-duration: 3s; } }
/* The bridge over a late scene: the held last frame drifts slowly; three dots breathe. */
/* It drifts inward (at most 4 % smaller, moved less than the margin that leaves), never
   outward: the disclosure label burnt in at the top left and a caption near the bottom stay
   whole inside the frame instead of being cropped by it. */
video.bridging { animation: bridge-drift 7s ease-in-out infinite alternate; }
@keyframes bridge-drift { from { transform: scale(1); } to { transform: translate(1%, -1%) scale(0.96); } }
.bridge {
  position: absolute; left: 50%; bottom: 8%; transform: translateX(-50%); z-index: 3;
  padding: 8px 14px; border-radius: 999px; background: var(--_panel); pointer-events: none;
}
.bridge[hidden] { display: none; }
.bridge .dots { display: flex; gap: 6px; }
.bridge .dots i { width: 8px; height: 8px; border-radius: 50%; background: var(--_accent); animation: breathe 1.2s ease-in-out infinite; }
.bridge .dots i:nth-child(2) { animation-delay: 0.2s; }
.bridge .dots i:nth-child(3) { animation-delay: 0.4s; }
@keyframes breathe { 0%, 100% { opacity: 0.25; } 50% { opacity: 1; } }
@media (prefers-reduced-motion: reduce) { video.bridging { animation: none; } .bridge .dots i { animation-duration: 3s; } }
.panel.error .message { max-width: 30em; }
.panel .credits { white-space: pre-line; }
.controls {
  position: absolute; top: 0; left: 0; right: 0; display: flex; gap: 6px; justify-content: flex-end;
  padding: 8px; z-index: 5; background: linear-gradient(rgba(0, 0, 0, 0.5), transparent);
}
.controls button {
  min-width: 44px; min-height: 44px; border: 0; border-radius: 999px; background: var(--_panel);
}
.controls button[aria-pressed="true"] { color: var(--_accent); }
.toast {
  position: absolute; top: 64px; left: 50%; transform: translateX(-50%); z-index: 6;
  background: var(--_panel); padding: 8px 14px; border-radius: var(--_radius); max-width: 86%;
}
/* The "AI" badge over generated footage: top right, clear of the disclosure label the renderer
   burns in top left and of the captions and options at the bottom; under the controls when
   they show. Its panel opens below it. */
.ai-badge {
  position: absolute; top: 10px; right: 10px; z-index: 5; min-width: 40px; min-height: 32px;
  padding: 4px 10px; border: 1px solid rgba(255, 255, 255, 0.55); border-radius: 999px;
  background: var(--_panel); font-size: 13px; font-weight: 700; letter-spacing: 0.06em;
  backdrop-filter: blur(4px);
}
.ai-badge:hover, .ai-badge:focus-visible, .ai-badge[aria-expanded="true"] { border-color: var(--_accent); outline: none; color: var(--_accent); }
:host([controls]) .ai-badge { top: 64px; }
.ai-about {
  position: absolute; top: 50px; right: 10px; z-index: 6; width: min(86%, 22em); max-height: calc(100% - 70px);
  overflow: auto; padding: 10px 14px 12px; border-radius: var(--_radius); background: rgba(10, 10, 14, 0.92);
  font-size: 14px; line-height: 1.35; text-align: left;
}
:host([controls]) .ai-about { top: 104px; max-height: calc(100% - 114px); }
.ai-badge[hidden], .ai-about[hidden] { display: none; }
.ai-head { display: flex; align-items: center; justify-content: space-between; gap: 8px; }
.ai-head h2 { margin: 0; font-size: 16px; }
.ai-close { min-width: 36px; min-height: 36px; border: 0; border-radius: 999px; background: transparent; font-size: 20px; }
.ai-close:focus-visible { outline: 2px solid var(--_accent); }
.ai-about dl { margin: 8px 0; }
.ai-about dt { font-size: 12px; opacity: 0.75; text-transform: uppercase; letter-spacing: 0.05em; margin-top: 6px; }
.ai-about dd { margin: 2px 0 0; }
.ai-about ul { margin: 0; padding: 0; list-style: none; }
.ai-about .name { font-weight: 700; }
.ai-about code { display: block; font-size: 12px; word-break: break-all; opacity: 0.85; }
.ai-trust { margin: 8px 0 6px; word-break: break-word; }
.ai-trust.verified::before { content: "✓ "; color: #5fd35f; }
.ai-trust.unverified::before { content: "⚠ "; color: var(--_accent); }
.ai-cert { color: var(--_accent); font-size: 13px; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
video::cue { font-size: 0.9em; background: rgba(0, 0, 0, 0.7); }
`;
