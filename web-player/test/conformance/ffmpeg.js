// Debian's ffmpeg as a player: `ffmpeg -i PLAYLIST`, its HLS demuxer in its default
// configuration (no -live_start_index), decoding every frame to a 9x16 RGB picture on stdout;
// the showinfo filter prints each frame's timestamp on stderr in the same order. -copyts keeps
// the stream's own timestamps (ffmpeg would otherwise move the first frame it read to 0, and
// a late start could not be seen); -fps_mode passthrough keeps one picture per decoded frame.
import { spawn } from 'node:child_process';

const W = 9;
const H = 16;
const FRAME = W * H * 3;

/** Starts ffmpeg on `url`; resolves to the player adapter conformance.js expects. */
export async function openFfmpeg(url, { bin = process.env.FFMPEG || 'ffmpeg' } = {}) {
  const args = ['-hide_banner', '-nostdin', '-nostats', '-loglevel', 'info', '-copyts', '-i', url,
    '-map', '0:v:0', '-vf', `scale=${W}:${H},showinfo`, '-fps_mode', 'passthrough', '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'];
  const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const frames = [];
  const times = [];
  let pixels = Buffer.alloc(0);
  let err = '';
  let errLines = '';
  const take = () => {
    while (pixels.length >= FRAME && times.length > frames.length) {
      const p = pixels.subarray(0, FRAME);
      const at = (W * 4 + 4) * 3; // the same pixel the browsers read: (4, 4), clear of captions
      frames.push({ t: times[frames.length], rgb: [p[at], p[at + 1], p[at + 2]], wall: Date.now() });
      pixels = pixels.subarray(FRAME);
    }
  };
  child.stdout.on('data', (d) => {
    pixels = Buffer.concat([pixels, d]);
    take();
  });
  child.stderr.on('data', (d) => {
    err += d;
    errLines += d;
    const lines = errLines.split('\n');
    errLines = lines.pop();
    for (const line of lines) {
      const m = /\bn:\s*\d+\s+pts:\s*-?\d+\s+pts_time:(-?[\d.e+-]+)/.exec(line);
      if (m) times.push(Number(m[1]));
    }
    take();
  });
  /** ffmpeg's last words, without the per-frame lines. */
  const tail = () => err.split('\n').filter((l) => l.trim() && !/showinfo|^\s*(Metadata|major_brand|minor_version|compatible_brands|encoder|variant_bitrate)/.test(l)).slice(-4).join(' | ');
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  let exit = null;
  exited.then((e) => { exit = e; });
  return {
    /** The media time a viewer of ffmpeg's output sees: the first frame's time plus the wall time since it came. */
    clock: async () => {
      if (exit && exit.code !== 0 && !frames.length) throw new Error(`ffmpeg exited with ${exit.code ?? exit.signal} before a frame: ${tail()}`);
      return frames.length ? frames[0].t + (Date.now() - frames[0].wall) / 1000 : null;
    },
    /** Waits until ffmpeg read the whole playlist (it exits at EXT-X-ENDLIST) and exited 0. */
    async finished(end, ms = 30000) {
      let timer;
      const timeout = new Promise((resolve) => { timer = setTimeout(resolve, ms, 'timeout'); });
      const got = await Promise.race([exited, timeout]);
      clearTimeout(timer);
      if (got === 'timeout') throw new Error(`ffmpeg was still running ${ms / 1000} s after the story ended; its last frame is at ${frames.at(-1)?.t ?? 'none'} s`);
      if (got.code !== 0) throw new Error(`ffmpeg exited with ${got.code ?? got.signal}: ${tail()}`);
    },
    async result() {
      const errors = err.split('\n').filter((l) => /\[(hls|http|mov,mp4[^\]]*|h264)[^\]]*\].*(error|invalid|failed)/i.test(l))
        .map((l) => ({ fatal: false, source: 'ffmpeg', details: l.trim() }));
      if (exit && exit.code !== 0) errors.push({ fatal: true, source: 'ffmpeg', details: `exited with ${exit.code ?? exit.signal}: ${tail()}` });
      return { frames, waiting: [], errors, cues: null, latency: false, log: err };
    },
    async close() {
      if (exit === null) {
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}
