# Shared by the bin/ scripts: where Ripple is, and its class path, building it first when needed.
RIPPLE_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RIPPLE_JAR="$RIPPLE_HOME/target/ripple.jar"

ripple_build_if_needed() {
  local newest
  if [ -f "$RIPPLE_JAR" ] && [ -d "$RIPPLE_HOME/target/lib" ]; then
    newest=$(find "$RIPPLE_HOME/src/main" "$RIPPLE_HOME/pom.xml" -newer "$RIPPLE_JAR" -type f -print -quit 2>/dev/null)
    [ -z "$newest" ] && return 0
  fi
  echo "Building Ripple (mvn package, tests skipped)..." >&2
  if ! (cd "$RIPPLE_HOME" && mvn -B -q -DskipTests package >"${TMPDIR:-/tmp}/ripple-build.log" 2>&1); then
    echo "Build failed; see ${TMPDIR:-/tmp}/ripple-build.log" >&2
    return 1
  fi
}

ripple_classpath() {
  echo "$RIPPLE_JAR:$RIPPLE_HOME/target/lib/*"
}
