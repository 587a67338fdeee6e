#!/usr/bin/env bash
# Refreshes the vendored layout library of the viz page from npm (run by hand, at build time of a
# release, never at run time): npm pack @dagrejs/dagre@VERSION, copy its minified bundle and licence.
# The page loads only files under src/main/resources/io/sluice/viz/app: no CDN, no download at run time.
set -euo pipefail
version=${1:-3.1.4}
app="$(cd "$(dirname "$0")" && pwd)/src/main/resources/io/sluice/viz/app"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "@dagrejs/dagre@$version" >/dev/null && tar xzf dagrejs-dagre-"$version".tgz)
sed 's#^//\# sourceMappingURL=dagre.min.js.map$##' "$tmp/package/dist/dagre.min.js" >"$app/dagre.min.js"
cp "$tmp/package/LICENSE" "$app/dagre.LICENSE.txt"
echo "dagre $version copied; update THIRD-PARTY.txt (version, sha256: $(sha256sum "$tmp"/dagrejs-dagre-"$version".tgz | cut -d' ' -f1))"
