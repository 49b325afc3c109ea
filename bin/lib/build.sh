# Shared by bin/stack and bin/bench (sourced, not run): find a JDK >= 21 and build the service
# jars when they are missing or older than their sources. The caller defines say and die.

java_major() { # prints the major version of the given java binary, or nothing
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}' | cut -d. -f1
}

find_java() { # sets JAVA and JDK_HOME to the first JDK >= 21 found
  local candidates=()
  [[ -n "${JAVA_HOME:-}" ]] && candidates+=("$JAVA_HOME/bin/java")
  command -v java >/dev/null 2>&1 && candidates+=("$(command -v java)")
  local dir
  for dir in /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* \
             /Library/Java/JavaVirtualMachines/*/Contents/Home /usr/local/opt/openjdk*/libexec/openjdk.jdk/Contents/Home; do
    [[ -x "$dir/bin/java" ]] && candidates+=("$dir/bin/java")
  done
  local java major
  for java in "${candidates[@]}"; do
    major=$(java_major "$java" || true)
    if [[ -n "$major" && "$major" -ge 21 ]]; then
      JAVA="$java"
      JDK_HOME=$(cd "$(dirname "$java")/.." && pwd)
      return 0
    fi
  done
  die "no JDK >= 21 found (looked at JAVA_HOME, PATH, /usr/lib/jvm, SDKMAN, /Library/Java). Install one, e.g. 'sudo apt-get install openjdk-21-jdk' or Temurin 21+ from adoptium.net, or set JAVA_HOME to it."
}

module_jar() { printf '%s/%s/target/%s.jar' "$1" "$2" "$2"; } # <repo root> <module>

jars_stale() { # <repo root> <module>...: true when a jar is missing or older than any source or pom it is built from
  local root=$1 module jar
  shift
  for module in "$@"; do
    jar=$(module_jar "$root" "$module")
    [[ -f "$jar" ]] || return 0
    if [[ -n $(find "$root/$module/src/main" "$root/server-common/src/main" "$root/core-bridge/src/main" "$root/trace-context/src/main" \
                    "$root/pom.xml" "$root/$module/pom.xml" -newer "$jar" -type f -print -quit 2>/dev/null) ]]; then
      return 0
    fi
  done
  return 1
}

build_jars() { # <repo root> <module>...: packages the whole reactor (tests skipped) when any jar is stale
  local root=$1
  if jars_stale "$@"; then
    say "Building the services (first time: a few minutes while Maven downloads dependencies)..."
    (cd "$root" && JAVA_HOME="$JDK_HOME" ./mvnw -B -q -DskipTests package) || die "build failed; see the Maven output above"
  fi
}
