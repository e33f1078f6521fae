# Sourced by ./mvnw, ./strata and .ci/run: selects a JDK >= 21 for the build.
# Order: $JAVA_HOME if it is new enough, then known install locations, then `java` on the PATH.
# Stops with a message saying what to install when none is found.
strata_java_major() { # $1 = path to a java binary; prints its feature version or nothing
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -n 1
}
strata_select_jdk() {
  local candidate major
  for candidate in ${JAVA_HOME:+"$JAVA_HOME"} \
      /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64 \
      /usr/lib/jvm/java-25-openjdk-amd64 /usr/lib/jvm/java-21-openjdk-amd64 \
      /usr/lib/jvm/temurin-25-jdk-arm64 /usr/lib/jvm/temurin-21-jdk-arm64 \
      /usr/lib/jvm/java-25-openjdk-arm64 /usr/lib/jvm/java-21-openjdk-arm64 \
      /usr/lib/jvm/* /opt/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(strata_java_major "$candidate/bin/java")
    if [ -n "$major" ] && [ "${major%%.*}" -ge 21 ] 2>/dev/null; then
      export JAVA_HOME="$candidate"; return 0
    fi
  done
  if command -v javac >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    major=$(strata_java_major "$candidate/bin/java")
    if [ -n "$major" ] && [ "${major%%.*}" -ge 21 ] 2>/dev/null; then
      export JAVA_HOME="$candidate"; return 0
    fi
  fi
  echo "SIP Strata needs a JDK 21 or newer, and none was found (looked at JAVA_HOME, /usr/lib/jvm, /opt/java, the PATH)." >&2
  echo "Install one, e.g. 'apt-get install openjdk-21-jdk' or Temurin 21/25, or set JAVA_HOME to it." >&2
  return 1
}
strata_select_jdk
# JDK 24+ warns that Maven's Guice uses sun.misc.Unsafe; the option that silences it is unknown to 21.
if [ -n "${JAVA_HOME:-}" ] && [ "$(strata_java_major "$JAVA_HOME/bin/java" | cut -d. -f1)" -ge 24 ] 2>/dev/null; then
  case " ${MAVEN_OPTS:-} " in *sun-misc-unsafe*) ;; *) export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" ;; esac
fi
