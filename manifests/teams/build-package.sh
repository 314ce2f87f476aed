#!/usr/bin/env bash
# Builds the uploadable Teams app package (a zip of manifest.json, color.png and outline.png) with the bot's app id filled in.
#
#   manifests/teams/build-package.sh [--app-id GUID] [--version X.Y.Z] [--out FILE]
#
# The app id comes from, in order: --app-id, the Teams__AppId environment variable, the host's user-secrets
# (dotnet user-secrets, key Teams:AppId), then Teams:AppId in the root appsettings.json. The secret (Teams:AppPassword) is
# never read. The default output is artifacts/teams/KazBriefBot-teams.zip under the repository root.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
app_id=""
version=""
out="$root/artifacts/teams/KazBriefBot-teams.zip"

while [[ $# -gt 0 ]]; do
  case "$1" in
    --app-id) app_id="${2:-}"; shift 2 ;;
    --version) version="${2:-}"; shift 2 ;;
    --out) out="${2:-}"; shift 2 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done

if [[ -z "$app_id" && -n "${Teams__AppId:-}" ]]; then
  app_id="$Teams__AppId"
fi

if [[ -z "$app_id" ]] && command -v dotnet >/dev/null 2>&1; then
  app_id="$(dotnet user-secrets list --project "$root/src/KazBriefBot.Host" 2>/dev/null | sed -n 's/^Teams:AppId = //p' | head -n 1 || true)"
fi

if [[ -z "$app_id" && -f "$root/appsettings.json" ]]; then
  app_id="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get("Teams", {}).get("AppId", ""))' "$root/appsettings.json")"
fi

if [[ -z "$app_id" ]]; then
  echo "No app id: pass --app-id, set Teams__AppId, or set Teams:AppId with dotnet user-secrets (see README, Teams)." >&2
  exit 1
fi

mkdir -p "$(dirname "$out")"
python3 - "$here" "$app_id" "$version" "$out" <<'PY'
import json, re, sys, zipfile

here, app_id, version, out = sys.argv[1:5]
if not re.fullmatch(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}", app_id):
    sys.exit(f"The app id must be a GUID (the Microsoft App ID of the Azure Bot), got: {app_id!r}")
if version and not re.fullmatch(r"\d+\.\d+\.\d+", version):
    sys.exit(f"--version must look like 1.2.3, got: {version!r}")

with open(f"{here}/manifest.json", encoding="utf-8") as f:
    manifest = json.load(f)
manifest["id"] = app_id
for bot in manifest.get("bots", []):
    bot["botId"] = app_id
if version:
    manifest["version"] = version

with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
    # Teams wants the three files at the root of the zip.
    package.writestr("manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False))
    package.write(f"{here}/color.png", "color.png")
    package.write(f"{here}/outline.png", "outline.png")
print(f"Wrote {out} (app id {app_id}, version {manifest['version']})")
PY
