#!/usr/bin/env bash
# Starts the embedded stack (real Kafka in KRaft mode, PostgreSQL, S3Proxy) and keeps it up until
# Ctrl-C, which stops everything it started. Data stays in the data folder across restarts.
#   deploy/run-stack.sh [--data DIR]        (default DIR: .colorize-data in the project root)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

if ! ls deploy/stack-servers/target/lib/*.jar >/dev/null 2>&1 || [ ! -d deploy/embedded-stack/target/classes ]; then
  echo "Building the embedded stack (first run only)..." >&2
  mvn -B -q -pl deploy/embedded-stack -am package -DskipTests
fi

exec java -Xmx256m \
  -Dlogback.configurationFile="$root/deploy/logback-stack.xml" \
  -Dcolorize.stack.lib="$root/deploy/stack-servers/target/lib" \
  -cp "$root/deploy/embedded-stack/target/classes:$root/deploy/stack-servers/target/lib/*" \
  dev.colorize.stack.StackMain "$@"
