#!/usr/bin/env bash
# Runs the notification benchmark from the repository root: builds the service, then starts
# PostgreSQL, Kafka, a GreenMail SMTP sink and the packaged service, and prints the figures.
# Options (system properties): -DimportRows=200000 -DmailingSize=100000 -Dpool=10 -Dbatch=500 -DserviceXmx=512m
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q -pl notification-service -am install -DskipTests
./mvnw -B -q -pl notification-service org.apache.maven.plugins:maven-dependency-plugin:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/benchmarks/notification/target/classpath.txt"
mkdir -p benchmarks/notification/target
exec java -Xmx3g -Djava.io.tmpdir="$PWD/benchmarks/notification/target" "$@" \
  -cp "$(cat benchmarks/notification/target/classpath.txt)" benchmarks/notification/NotificationBenchmark.java
