# Shared helpers for the deploy scripts. Sourced, never executed.
# Everything a script needs to know about the build lives here, so paths are named once.

GROOT_DEPLOY_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
GROOT_ROOT="$(cd "$GROOT_DEPLOY_DIR/.." && pwd)"
GROOT_VERSION_DEFAULT="0.1.0-SNAPSHOT"
# What the build produces (groot-spark/pom.xml: shade 'job' classifier, dependency:build-classpath).
GROOT_JOB_JAR_DEFAULT="$GROOT_ROOT/groot-spark/target/groot-spark-${GROOT_VERSION:-$GROOT_VERSION_DEFAULT}-job.jar"
GROOT_CLASSPATH_FILE_DEFAULT="$GROOT_ROOT/groot-spark/target/launcher-classpath.txt"
GROOT_MAIN_CLASS_DEFAULT="dev.groot.spark.cli.GrootCli"
SPARK_SUBMIT_CLASS="org.apache.spark.deploy.SparkSubmit"
SPARK_MASTER_CLASS="org.apache.spark.deploy.master.Master"
SPARK_WORKER_CLASS="org.apache.spark.deploy.worker.Worker"

die() { echo "$(basename "$0"): $*" >&2; exit 1; }
log() { echo "$(basename "$0"): $*" >&2; }

# The Java 17 flags as one space-separated string (from conf/java17.opts).
java17_opts() {
  grep -v -e '^[[:space:]]*#' -e '^[[:space:]]*$' "$GROOT_DEPLOY_DIR/conf/java17.opts" | tr '\n' ' ' | sed 's/ *$//'
}

# Load deploy/conf/<env>.env. Variables already set in the caller's environment win,
# because every env file assigns with ${VAR:-default}.
load_env() {
  local env_name="$1" env_file
  [[ -n "$env_name" ]] || die "missing <env> (one of: $(ls "$GROOT_DEPLOY_DIR/conf" | sed -n 's/\.env$//p' | tr '\n' ' '))"
  if [[ -f "$env_name" ]]; then env_file="$env_name"; else env_file="$GROOT_DEPLOY_DIR/conf/$env_name.env"; fi
  [[ -f "$env_file" ]] || die "no environment file $env_file"
  bash -n "$env_file" || die "syntax error in $env_file"
  # shellcheck disable=SC1090
  source "$env_file"
  GROOT_ENV_FILE="$env_file"
}

# Path segments of jars that belong to the application, not to the Spark runtime.
# They reach the driver and executors only inside the shaded job jar, as on a real cluster.
APP_JAR_PATTERN='/(org/deeplearning4j|org/nd4j|org/datavec|org/bytedeco|info/picocli|org/knowm)/'

# Build (or reuse) a SPARK_HOME made of symlinks to the Spark runtime jars of the
# launcher classpath: what a Spark distribution's jars/ holds. Prints the folder.
make_spark_home() {
  local cp_file="$1" home="$2" stamp jar
  [[ -f "$cp_file" ]] || die "no launcher classpath $cp_file: build it with 'mvn -pl groot-spark -am package -DskipTests'"
  stamp="$(cksum < "$cp_file" | cut -d' ' -f1)"
  if [[ -f "$home/.stamp" && "$(cat "$home/.stamp")" == "$stamp" ]]; then echo "$home"; return; fi
  rm -rf "$home/jars"
  mkdir -p "$home/jars" "$home/conf"
  tr ':' '\n' < "$cp_file" | while IFS= read -r jar; do
    [[ "$jar" == *.jar && -f "$jar" ]] || continue
    [[ "$jar" == */.m2/* || "$jar" == */repository/* ]] || continue   # project modules are app code
    [[ "$jar" =~ $APP_JAR_PATTERN ]] && continue
    ln -sf "$jar" "$home/jars/$(basename "$jar")"
  done
  compgen -G "$home/jars/spark-core_2.12-*.jar" > /dev/null || die "no spark-core_2.12 jar on $cp_file"
  if [[ ! -f "$home/conf/log4j2.properties" ]]; then
    cp "$GROOT_DEPLOY_DIR/conf/log4j2.properties.template" "$home/conf/log4j2.properties"
  fi
  echo "$stamp" > "$home/.stamp"
  echo "$home"
}

# Java launcher on PATH or in JAVA_HOME.
java_bin() {
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then echo "$JAVA_HOME/bin/java"; else command -v java || die "no java on PATH and no JAVA_HOME"; fi
}

# spark-submit of an installed Spark, if any.
find_spark_submit() {
  if [[ -n "${SPARK_HOME:-}" && -x "$SPARK_HOME/bin/spark-submit" ]]; then echo "$SPARK_HOME/bin/spark-submit"; return; fi
  command -v spark-submit 2>/dev/null || true
}
