#!/usr/bin/env bash
# The field trial (local-stack FieldTrialIT) at full size: the packaged platform behind Debian's nginx (installed with
# apt-get when missing, as root), a gateway with the production limits trusting only that proxy, and
#   - a 200,000-tenant CSV saved as Dutch Excel saves it, imported through nginx and the gateway;
#   - a stratified LEXIMIN draw on 7 attributes of a pool of 1,700 sign-ups (bulk CSV) for 110 seats, as a job,
#     its record verified with the draw-engine CLI;
#   - 300 tenants on their own addresses at once on a token route, and one client forging X-Forwarded-For;
#   - letters with the names as written and a QR code, read back from the print batch's PDF;
#   - a population of 500,000 in recruitment: representativeness, conversion and an outreach job, with each service's
#     peak heap (-Xmx256m);
#   - a mailing to every imported tenant, paused and resumed, each message counted at an SMTP sink;
#   - an export of 100,000 responses as a job (the direct route refuses that many).
# Each trial prints one "[field-trial]" line with its timings. CI runs the same test at 20,000 tenants / 300 / 30 and a
# population of 100,000 and 25,000 responses.
# Usage: benchmarks/field-trial/run.sh [tenants] [pool] [seats] [population] [responses]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
TENANTS=${1:-200000}
POOL=${2:-1700}
SEATS=${3:-110}
POPULATION=${4:-500000}
RESPONSES=${5:-100000}
mkdir -p target
./mvnw -B -q -DskipTests install
# -Dit.service.jit= (empty): the services with full JIT, as in production (the build's end-to-end tests use C1)
./mvnw -B -pl local-stack verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=FieldTrialIT -Dit.service.jit= \
  -Dmeedoen.fieldtrial.tenants="$TENANTS" -Dmeedoen.fieldtrial.pool="$POOL" -Dmeedoen.fieldtrial.seats="$SEATS" \
  -Dmeedoen.fieldtrial.population="$POPULATION" -Dmeedoen.fieldtrial.responses="$RESPONSES" \
  | tee target/field-trial.log | grep -E '^\[field-trial\]|Tests run:|BUILD'
