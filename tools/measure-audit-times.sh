#!/usr/bin/env bash
# Measures the wall times docs/audit.md states in its header, on this machine, and regenerates docs/audit.md with them:
# the whole test gate (`dotnet test`), the gate-depth claims search alone, the `audit` command at its default depth,
# and the default-depth claims search alone. Takes about as long as all four together (20–30 minutes on 2 cores).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v dotnet >/dev/null || { echo "dotnet not found: install the .NET 10 SDK (https://dot.net)" >&2; exit 1; }

mkdir -p out
# Each step's output goes to out/measure-*.log; a failing step stops the script (set -e) and its log says why.
seconds() { local log=$1; shift; local start=$SECONDS; "$@" >"out/measure-$log.log" 2>&1 || { echo "$* failed; see out/measure-$log.log" >&2; exit 1; }; echo $((SECONDS - start)); }

dotnet build Verification.sln -c Release >/dev/null
test_cmd=$(awk '/<!-- test-command -->/{getline; getline; print; exit}' README.md)
gate_test=$(seconds test bash -c "$test_cmd --no-build")
gate_claims=$(seconds gate-claims dotnet run --project src/Audit -c Release --no-build -- claims --depth gate)
default_audit=$(seconds audit dotnet run --project src/Audit -c Release --no-build -- audit --out out/report-timing)
default_claims=$(seconds default-claims dotnet run --project src/Audit -c Release --no-build -- claims --depth default)
machine="$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
cat > docs/audit-timings.json <<JSON
{
 "machine": "$machine",
 "gateTestSeconds": $gate_test,
 "gateClaimsSeconds": $gate_claims,
 "defaultAuditSeconds": $default_audit,
 "defaultClaimsSeconds": $default_claims,
 "measured": "$(date -u +%Y-%m-%d)"
}
JSON
dotnet run --project src/Audit -c Release --no-build -- claims --write-docs >/dev/null
echo "gate test ${gate_test} s, gate claims ${gate_claims} s, default audit ${default_audit} s, default claims ${default_claims} s; docs/audit.md regenerated."
