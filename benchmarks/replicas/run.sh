#!/usr/bin/env bash
# consultation-service (or, with -Dservice=notification, notification-service) with one and two replicas behind
# the gateway, and one replica killed mid-load (README.md).
# Needs the services and local-stack packaged: ./mvnw -B -DskipTests package
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
[ -d local-stack/target/lib ] || { echo "build first: ./mvnw -B -DskipTests package" >&2; exit 1; }
exec java -Xmx512m -Djava.util.logging.manager=org.jboss.logmanager.LogManager "$@" \
  -cp "local-stack/target/classes:local-stack/target/lib/*" benchmarks/replicas/ReplicaBenchmark.java
