#!/usr/bin/env bash
# Regenerates the API client in tests/Audit.Client from the service's own OpenAPI document, in two steps:
#  1. writes the live /openapi/v1.json to tests/Audit.Client/openapi.json (OpenApiSnapshotTests, told to update);
#  2. generates tests/Audit.Client/Generated from that snapshot with Kiota, the version in .config/dotnet-tools.json.
# Commit both. OpenApiSnapshotTests fails whenever the live document and the snapshot differ.
set -euo pipefail
cd "$(dirname "$0")/.."

dotnet tool restore
dotnet build tests/Audit.Api.Tests -v q
AUDIT_UPDATE_OPENAPI_SNAPSHOT=1 dotnet test tests/Audit.Api.Tests --no-build --filter "FullyQualifiedName~OpenApiSnapshotTests"

# No update check, and no other call out.
export KIOTA_UPDATE_DISABLED=true KIOTA_OFFLINE_ENABLED=true
dotnet kiota generate --language CSharp --openapi tests/Audit.Client/openapi.json \
  --class-name AuditApiClient --namespace-name Audit.Client --output tests/Audit.Client/Generated \
  --exclude-backward-compatible --clean-output --log-level Warning
echo "Regenerated tests/Audit.Client (snapshot and client); build and run GeneratedClientTests, then commit both."
