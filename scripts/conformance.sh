#!/usr/bin/env bash
# Runs the generic server scenarios of @modelcontextprotocol/conformance 0.1.13 against the built
# server over Streamable HTTP (sandbox mode): server-initialize, ping, tools-list,
# dns-rebinding-protection, and logging-set-level when the server declares logging. Exit 1 if any fails.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f dist/bin.cjs ] || npm run build

log="$(mktemp)"
data="$(mktemp -d)"
VIDEOGEN_SANDBOX=1 VIDEOGEN_DATA_DIR="$data" VIDEOGEN_LOG_LEVEL=warn \
  node dist/bin.cjs --http --port 0 2>"$log" &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$log" "$data"' EXIT

url=""
for _ in $(seq 1 100); do
  url="$(sed -n 's/^videogen-mcp: listening on \(http[^ ]*\)$/\1/p' "$log")"
  [ -n "$url" ] && break
  kill -0 "$server" 2>/dev/null || { cat "$log" >&2; exit 1; }
  sleep 0.1
done
[ -n "$url" ] || { echo "conformance: the server did not start" >&2; cat "$log" >&2; exit 1; }

scenarios=(server-initialize ping tools-list dns-rebinding-protection)
# logging-set-level applies only to a server that declares the logging capability.
if node -e '
  fetch(process.argv[1], {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "initialize",
      params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "conformance-probe", version: "1" } } }),
  }).then((r) => r.text()).then((t) => process.exit(/"logging":\{/.test(t) ? 0 : 1), () => process.exit(2));
' "$url"; then
  scenarios+=(logging-set-level)
fi

failed=()
for s in "${scenarios[@]}"; do
  echo "conformance: $s"
  npx -y @modelcontextprotocol/conformance@0.1.13 server --url "$url" --scenario "$s" || failed+=("$s")
done
if [ "${#failed[@]}" -gt 0 ]; then
  echo "conformance: FAILED ${failed[*]}" >&2
  exit 1
fi
echo "conformance: all ${#scenarios[@]} scenarios passed (${scenarios[*]})"
