# Shared by the bin/ scripts: where Ripple is, and its class path, building it first when needed.
RIPPLE_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RIPPLE_JAR="$RIPPLE_HOME/target/ripple.jar"
# the CLI, the sample server and their logging set-up; ripple.jar is the library alone
RIPPLE_LAUNCHER_JAR="$RIPPLE_HOME/target/ripple-launcher.jar"

ripple_build_if_needed() {
  local newest
  if [ -f "$RIPPLE_JAR" ] && [ -f "$RIPPLE_LAUNCHER_JAR" ] && [ -d "$RIPPLE_HOME/target/lib" ]; then
    newest=$(find "$RIPPLE_HOME/src/main" "$RIPPLE_HOME/pom.xml" -newer "$RIPPLE_JAR" -type f -print -quit 2>/dev/null)
    [ -z "$newest" ] && return 0
  fi
  echo "Building Ripple (mvn package, tests skipped)..." >&2
  rm -rf "$RIPPLE_HOME/target/cds"
  if ! (cd "$RIPPLE_HOME" && mvn -B -q -DskipTests package >"${TMPDIR:-/tmp}/ripple-build.log" 2>&1); then
    echo "Build failed; see ${TMPDIR:-/tmp}/ripple-build.log" >&2
    return 1
  fi
}

ripple_classpath() {
  echo "$RIPPLE_JAR:$RIPPLE_LAUNCHER_JAR:$RIPPLE_HOME/target/lib/*"
}

# Class-data sharing: a JVM maps the classes an earlier run of the same program loaded instead of loading them again,
# which roughly halves a node's start-up. The first run records the archive (under its own name, renamed when that
# JVM has exited, so that JVMs starting side by side never read a half-written one); later runs use it. The JVM
# checks the archive against the class path and ignores one that no longer fits.
ripple_cds_flags() { # NAME
  local archive="$RIPPLE_HOME/target/cds/$1.jsa"
  mkdir -p "$RIPPLE_HOME/target/cds" 2>/dev/null || return 0
  if [ -f "$archive" ] && [ "$archive" -nt "$RIPPLE_JAR" ]; then
    echo "-Xshare:auto -Xlog:cds=off,cds+dynamic=off -XX:SharedArchiveFile=$archive"
  else
    echo "-Xshare:auto -Xlog:cds=off,cds+dynamic=off -XX:ArchiveClassesAtExit=$archive.$$.tmp"
  fi
}

# Keeps an archive recorded by ripple_cds_flags once its JVM has exited.
ripple_cds_keep() { # NAME
  local archive="$RIPPLE_HOME/target/cds/$1.jsa"
  if [ -f "$archive.$$.tmp" ]; then
    mv -f "$archive.$$.tmp" "$archive" 2>/dev/null || rm -f "$archive.$$.tmp"
  fi
}
