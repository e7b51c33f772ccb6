# Sourced by the scripts that run the project's tools from its main code (scripts/lint, scripts/schema-docs,
# scripts/benchmark, scripts/catalog-ledger). `main_classpath <tool>` prints target/classes and the main code's runtime
# dependencies. The first run (and any run after pom.xml or src/main changed) compiles src/main with Maven and caches
# the dependency list in target/main-classpath/classpath; later runs start Java directly. PLATFORMDB_CLASSPATH, when set, is
# printed as it is (the test suite passes its own, so no Maven runs inside the suite).

main_classpath() {
  local tool=$1 root cache list
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
  if [ -n "${PLATFORMDB_CLASSPATH:-}" ]; then
    echo "$PLATFORMDB_CLASSPATH"
    return
  fi
  cache=$root/target/main-classpath
  list=$cache/classpath
  if [ ! -f "$list" ] || [ ! -d "$root/target/classes/platformdb" ] || [ "$root/pom.xml" -nt "$list" ] \
      || [ -n "$(find "$root/src/main" -newer "$list" -type f 2>/dev/null | head -1)" ]; then
    mkdir -p "$cache"
    echo "$tool: compiling the project's main code (src/main) with Maven" >&2
    if ! (cd "$root" && ./mvnw -q -B process-classes dependency:build-classpath -DincludeScope=runtime \
        -Dmdep.outputFile="$list.$$" >&2); then
      rm -f "$list.$$"
      echo "$tool: Maven could not compile the main code (see above)" >&2
      return 1
    fi
    mv "$list.$$" "$list"
  fi
  echo "$root/target/classes:$(cat "$list")"
}
