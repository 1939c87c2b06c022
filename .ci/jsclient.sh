#!/usr/bin/env bash
# Runs Workfront's official JS client (npm workfront-api), unchanged, against
# `wfconnect sim`: search, count, search by POST, error handling, and the
# shapes wfsim plays (get, bulk get, report, myWork, metadata, OR groups,
# between, numbered sorts, $$TODAY, the unversioned path, error bodies).
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'kill $sim_pid 2>/dev/null || true; rm -rf "$work"' EXIT
(cd "$work" && npm init -y >/dev/null && npm install --silent workfront-api@6 >/dev/null)
./bin/wfconnect sim --redirect-uri https://example.com/cb >"$work/sim.env" &
sim_pid=$!
for _ in $(seq 50); do grep -q WFSIM_REDIRECT_URI "$work/sim.env" 2>/dev/null && break; sleep 0.1; done
. "$work/sim.env"
# Consent as a person would (Allow on the consent form), then exchange the code.
page=$(curl -fsS "$WFSIM_URL/integrations/oauth2/authorize?client_id=$WFSIM_CLIENT_ID&redirect_uri=https%3A%2F%2Fexample.com%2Fcb&response_type=code")
args=$(printf '%s' "$page" | grep -o '<input type="hidden" name="[^"]*" value="[^"]*">' | sed -E 's/.*name="([^"]*)" value="([^"]*)".*/--data-urlencode \1=\2/')
location=$(curl -fsS -o /dev/null -w '%{redirect_url}' $args --data-urlencode decision=allow "$WFSIM_URL/integrations/oauth2/consent")
code=$(printf '%s' "$location" | sed -E 's/.*[?&]code=([^&]*).*/\1/')
sid=$(curl -fsS --data-urlencode grant_type=authorization_code --data-urlencode redirect_uri=https://example.com/cb \
  --data-urlencode "code=$code" --data-urlencode "client_id=$WFSIM_CLIENT_ID" --data-urlencode "client_secret=$WFSIM_CLIENT_SECRET" \
  "$WFSIM_URL/integrations/oauth2/api/v1/token" | sed -E 's/.*"access_token":"([^"]*)".*/\1/')
WFAPI_DIR=$work node .ci/jsclient.js "$WFSIM_URL" "$sid"
