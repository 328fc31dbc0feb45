#!/bin/sh
# Runs every test of Branchline from a fresh clone: checks the tools it needs, then builds
# and tests all modules with Maven.
set -e
cd "$(dirname "$0")"

if ! command -v java >/dev/null 2>&1 || ! command -v mvn >/dev/null 2>&1; then
  echo "test.sh: Java 17+ and Maven are needed; installing them with apt-get" >&2
  apt-get update -q && apt-get install -y -q openjdk-17-jdk-headless maven
fi

# The ffmpeg and ffprobe programs inside the FFmpeg natives jar, which the renderer's tests run
# to check what it writes, link against PulseAudio's client library.
if ! ldconfig -p 2>/dev/null | grep -q 'libpulse.so.0'; then
  echo "test.sh: installing libpulse0 (needed by the bundled ffprobe) with apt-get" >&2
  apt-get update -q && apt-get install -y -q libpulse0
fi

# From clean, so every module compiles and every compiler warning shows in the log.
build_log="${TMPDIR:-/tmp}/branchline-verify.log"
# Maven's exit status, through the pipe into tee: in a file of this run's own (set -e would end
# the group at a failing mvn before it wrote a status, and a shared file would still hold an
# earlier run's 0).
build_status=$(mktemp)
{ status=0; mvn -B clean verify "$@" 2>&1 || status=$?; echo "$status" >"$build_status"; } | tee "$build_log"
build_ok=$(cat "$build_status")
rm -f "$build_status"
[ "$build_ok" = 0 ] || exit 1

# No [WARNING] of ours in the build: javac's lint (-Xlint:all), deprecations and plugins are fixed
# where they arise. Left, and allowed by name: javac's mandatory note on sun.misc.Signal in
# StopSignals (the JDK's only way to take SIGTERM without exiting; jdk.unsupported) and surefire's
# count of skipped tests.
if ! grep -q 'Compiling [0-9]* source files' "$build_log"; then
  echo "test.sh: the build log shows no compilation, so it cannot tell about warnings" >&2
  exit 1
fi
# Only warnings we own count: those naming our sources or our modules (io.branchline), not what
# a fresh machine's Maven may say about its downloads or the JVM it runs on.
here=$(pwd)
warnings=$(sed 's/\x1b\[[0-9;]*m//g' "$build_log" | grep '^\[WARNING\]' \
  | grep -F -e "$here/" -e 'io.branchline' \
  | grep -v 'StopSignals.java.*sun.misc.Signal is internal proprietary API' \
  | grep -v 'Tests run:.*Skipped' || true)
if [ -n "$warnings" ]; then
  echo "test.sh: the build printed warnings; fix them where they arise:" >&2
  echo "$warnings" >&2
  exit 1
fi

# The web player: its unit tests under Node, then end to end in Debian's Chromium against the
# engine jar just built. playwright-core is pinned in web-player/package-lock.json (1.61, the
# last that runs on Debian 12's Node 18) and never downloads a browser of its own.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "test.sh: Node.js and npm are needed for the web player's tests; installing them with apt-get" >&2
  apt-get update -q && apt-get install -y -q nodejs npm
fi
if [ ! -x /usr/bin/chromium ]; then
  echo "test.sh: Chromium is needed for the web player's end-to-end tests; installing it with apt-get" >&2
  apt-get update -q && apt-get install -y -q chromium
fi
if ! command -v ffmpeg >/dev/null 2>&1; then
  echo "test.sh: ffmpeg is needed for the third-party player conformance tests; installing it with apt-get" >&2
  apt-get update -q && apt-get install -y -q ffmpeg
fi
(
  cd web-player
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
  node --test test/unit/
  node --test test/e2e/
  # Software nobody here wrote plays real sessions: hls.js and shaka-player (pinned in
  # package-lock.json) in Chromium, and Debian's ffmpeg. One file at a time: they measure time.
  # (A loop, not --test-concurrency=1: Debian 12's Node 18 has no such option.)
  for f in test/conformance/*.test.js; do node --test "$f"; done
)
