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

mvn -B verify "$@"
