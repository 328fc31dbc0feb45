#!/bin/sh
# Runs every test of Branchline from a fresh clone: checks the tools it needs, then builds
# and tests all modules with Maven.
set -e
cd "$(dirname "$0")"

if ! command -v java >/dev/null 2>&1 || ! command -v mvn >/dev/null 2>&1; then
  echo "test.sh: Java 17+ and Maven are needed; installing them with apt-get" >&2
  apt-get update -q && apt-get install -y -q openjdk-17-jdk-headless maven
fi

mvn -B verify "$@"
