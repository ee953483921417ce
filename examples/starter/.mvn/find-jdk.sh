# Sourced by ./mvnw, ./demo and .ci/run: makes JAVA_HOME point at a JDK 21 or newer.
# Keeps JAVA_HOME when it is new enough; otherwise takes the newest JDK under /usr/lib/jvm.
squall_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p'
}
squall_find_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    v=$(squall_java_major "$JAVA_HOME")
    if [ "${v:-0}" -ge 21 ]; then return 0; fi
  fi
  best=""; best_v=0
  for d in /usr/lib/jvm/*/ /opt/java/*/ "$HOME"/.sdkman/candidates/java/*/; do
    d=${d%/}
    [ -x "$d/bin/javac" ] || continue
    v=$(squall_java_major "$d")
    if [ "${v:-0}" -gt "$best_v" ]; then best=$d; best_v=$v; fi
  done
  if [ "$best_v" -ge 21 ]; then
    export JAVA_HOME="$best"
    return 0
  fi
  echo "Squall needs a JDK 21 or newer, and none was found (JAVA_HOME=${JAVA_HOME:-unset}, /usr/lib/jvm)." >&2
  echo "Install one, e.g. 'apt-get install openjdk-21-jdk' or a Temurin 21+ build, or set JAVA_HOME to it." >&2
  return 1
}
squall_find_jdk || exit 1
if [ "$(squall_java_major "$JAVA_HOME")" -ge 24 ] 2>/dev/null; then
  # Maven's own Guice calls sun.misc.Unsafe; JDK 24+ warns about it on every build.
  case " ${MAVEN_OPTS:-} " in *sun-misc-unsafe*) ;; *) export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" ;; esac
fi
