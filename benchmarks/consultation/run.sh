#!/usr/bin/env bash
# Runs the consultation benchmark from the repository root: builds consultation-service and the
# gateway, then starts a durable PostgreSQL, Kafka, the packaged service behind the packaged gateway,
# and prints the figures. Options (system properties): see README.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q -pl consultation-service,gateway -am install -DskipTests
mkdir -p benchmarks/consultation/target
./mvnw -B -q -pl consultation-service org.apache.maven.plugins:maven-dependency-plugin:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/benchmarks/consultation/target/classpath.txt"
exec java -Xmx1g -Djava.io.tmpdir="$PWD/benchmarks/consultation/target" "$@" \
  -cp "$(cat benchmarks/consultation/target/classpath.txt)" benchmarks/consultation/ConsultationBenchmark.java
