#!/usr/bin/env bash
# Smoke test of the frozen build (make package runs it): the built programs, not the
# sources, on a scratch cache and data folder. The command line searches the bundled
# sample (English, Bengali, Banglish) and exports the FAQ site; the window's indexing
# child (`gyan -m kb_app index`) builds an index; the window itself starts offscreen,
# indexes the sample, searches through its box and quits (`gyan --smoke-test`).
# Exits non-zero at the first failure. Usage: packaging/smoke.sh [DIST_FOLDER]
set -euo pipefail
dist="$(cd "${1:-dist/gyan}" && pwd)"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
export GYAN_CACHE_DIR="$scratch/cache" GYAN_DATA_DIR="$scratch/data"
export XDG_CONFIG_HOME="$scratch/config"
cd "$scratch"  # nothing of the checkout is at hand

step() { printf '== %s\n' "$*"; }
fail() { printf 'smoke test FAILED: %s\n' "$*" >&2; exit 1; }

step "kb --version"
"$dist/kb" --version | grep -E '^kb [0-9]' || fail "kb --version"

for query in "refund" "টাকা ফেরত" "taka ferot"; do
  step "kb search \"$query\""
  "$dist/kb" search "$query" --json > "$scratch/found.json" || fail "kb search $query"
  grep -Eq '"total": [1-9]' "$scratch/found.json" || fail "no result for $query"
  grep -m1 '"title"' "$scratch/found.json"
done

step "kb index --meaning (the sentence model and its tokeniser in the frozen build)"
"$dist/kb" index --meaning > "$scratch/meaning.txt" || fail "kb index --meaning"
grep -Eq 'read the meaning of [1-9]' "$scratch/meaning.txt" || fail "no article read for meaning"
cat "$scratch/meaning.txt" | tail -1
"$dist/kb" search "the water machine is dripping on the floor" --json > "$scratch/found.json" \
  || fail "kb search by meaning"
grep -m1 '"id":' "$scratch/found.json" | grep -q '"prabaho-leaking"' \
  || fail "search by meaning did not put the leaking purifier first"

step "kb runs without Qt (the window's run-time hook is not in its start)"
if LD_DEBUG=files "$dist/kb" --version 2>&1 | grep -q 'libQt6Core'; then
  fail "kb loads Qt at its start"
fi

step "kb report --html (matplotlib's SVG charts, in a kb without Qt)"
first="$(grep -m1 '"id":' "$scratch/found.json" | sed 's/.*"id": "\([^"]*\)".*/\1/')"
now="$(date -u +%Y-%m-%dT%H:%M:%S+00:00)"
for n in 1 2 3; do
  printf '{"id": "smoke:search:%s", "kind": "search", "at": "%s", "desk": "smoke", "query": "refund", "results": 1, "article": "%s"}\n' "$n" "$now" "$first"
  printf '{"id": "smoke:view:%s", "kind": "view", "at": "%s", "desk": "smoke", "article": "%s"}\n' "$n" "$now" "$first"
done > "$scratch/signals.jsonl"
"$dist/kb" report --import "$scratch/signals.jsonl" --html "$scratch/health.html" \
  || fail "kb report --html"
grep -q '<svg' "$scratch/health.html" || fail "the health report has no chart"

step "kb export site"
"$dist/kb" export site --out "$scratch/site" || fail "kb export site"
for page in index.html sitemap.xml 404.html; do
  [ -s "$scratch/site/$page" ] || fail "the exported site has no $page"
done
echo "$(find "$scratch/site" -name '*.html' | wc -l) pages"

step "gyan -m kb_app index (the window's indexing child)"
"$dist/gyan" -m kb_app index --articles "$dist/_internal/kb_app/sample_articles" \
  --index "$scratch/child-index" --progress > "$scratch/progress.jsonl" \
  || fail "the indexing child"
grep -q '"done"' "$scratch/progress.jsonl" || fail "the indexing child said no progress"

if [ -x "$dist/gyan-askpass" ]; then
  step "gyan-askpass declines what is not a passphrase prompt"
  if "$dist/gyan-askpass" "Are you sure you want to continue connecting?"; then
    fail "gyan-askpass answered a question that is not a passphrase prompt"
  fi
fi

step "gyan --smoke-test (offscreen)"
QT_QPA_PLATFORM=offscreen timeout 180 "$dist/gyan" --smoke-test || fail "gyan --smoke-test"

if command -v xvfb-run >/dev/null; then
  step "gyan --smoke-test (X11, under Xvfb)"
  QT_QPA_PLATFORM=xcb timeout 180 xvfb-run -a "$dist/gyan" --smoke-test \
    || fail "gyan --smoke-test under Xvfb"
fi

step "smoke test passed: $dist ($(du -sh "$dist" | cut -f1))"
