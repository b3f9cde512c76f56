#!/usr/bin/env bash
# app benchmark: `attnplanes analyze` throughput vs a Python + GUDHI peer pipeline on the same attention planes,
# plus the wall time of a one-sentence `analyze` including JVM start.
#
#   ./mvnw -q -DskipTests install     (or: ./mvnw -q -o package -DskipTests; the launcher needs app/target)
#   benchmarks/scripts/analyze-vs-gudhi.sh [SENTENCES=200]
#
# Corpus (benchmarks/scripts/corpus.py): the first N sentences (5..40 words) of /usr/share/common-licenses/{GPL-3,Apache-2.0,GPL-2,MPL-2.0}
# (present on every Debian: base-files).
# Ours:   ./attnplanes analyze on MiniLM, all 72 head planes (--heads per-head), H0-H1 barcodes, Betti numbers,
#         clique counts and the Kushnareva features, writing planes.csv/barcodes.json; whole process, JVM start
#         and model load included.
# Peer:   the same 72 normalized planes per sentence exported by `analyze --save-matrices` (so both sides see
#         identical matrices), then /usr/bin/python3 + GUDHI computing H0-H1 persistence of the clique complex
#         of d = 1 - w per head. The peer's timing covers persistence only (not the export, not Python start):
#         a lower bound of its cost, so the ratio is conservative.
# The script checks that both sides found the same number of H1 bars for every plane.
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-200}
PY=${ATTNPLANES_PYTHON:-/usr/bin/python3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$PY" benchmarks/scripts/corpus.py "$N" > "$work/corpus.txt"

echo "== machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg) (shared; numbers are noisy)"
now() { date +%s.%N; }

# warm the model cache so neither side pays the one-time extraction
./attnplanes analyze --text "Warm up." --out "$work/warm" --no-features > /dev/null

t0=$(now)
./attnplanes analyze --input "$work/corpus.txt" --heads per-head --max-dim 1 --out "$work/ours" > "$work/ours.log"
t1=$(now)
ours=$(echo "$t1 - $t0" | bc -l)
head -1 "$work/ours.log"
ours_steady=$(sed -nE 's/.*then ([0-9.]+) inputs\/s.*/\1/p' "$work/ours.log")

# persistence-only configuration (what the peer computes: barcodes, plus Betti numbers and edge counts),
# which also exports the identical planes for the peer (the npz writing is included in our time)
t2=$(now)
./attnplanes analyze --input "$work/corpus.txt" --heads per-head --max-dim 1 --max-clique 2 --no-features \
    --out "$work/export" --save-matrices "$work/planes.npz" > "$work/export.log"
t3=$(now)
head -1 "$work/export.log"
ours_ph_steady=$(sed -nE 's/.*then ([0-9.]+) inputs\/s.*/\1/p' "$work/export.log")
ours_ph=$(echo "$t3 - $t2" | bc -l)
peer_line=$("$PY" benchmarks/scripts/gudhi_peer.py "$work/planes.npz" --json "$work/gudhi.json")
echo "$peer_line"
peer=$(echo "$peer_line" | sed -E 's/.* in ([0-9.]+) s.*/\1/')

"$PY" - "$work/gudhi.json" "$work/ours/barcodes.json" <<'PYEOF'
import json, sys
g = json.load(open(sys.argv[1]))
o = json.load(open(sys.argv[2]))["planes"]
ours = {}
for p in o:
    ours.setdefault(p["input"], []).append(len([b for b in p["dims"][1] if b[1] is None or b[1] > b[0] + 1e-6]))
bad = 0
planes = 0
for k, per_plane in g.items():
    i = int(k.split("_")[1])
    for j, dims in enumerate(per_plane):
        planes += 1
        h1 = [b for b in dims[1] if b[1] > b[0] + 1e-6]
        if len(h1) != ours[i][j]:
            bad += 1
print(f"check: {planes} planes, H1 bar counts (bars longer than 1e-6) differ on {bad}"
      " (float32 vs float64 filtration values can split ties)")
sys.exit(1 if bad > planes // 100 else 0)
PYEOF

ours_rate=$(echo "$N / $ours" | bc -l)
peer_rate=$(echo "$N / $peer" | bc -l)
printf "ours: %d sentences in %.2f s wall = %.2f sentences/s (whole process)\n" "$N" "$ours" "$ours_rate"
ours_ph_rate=$(echo "$N / $ours_ph" | bc -l)
printf "ours, persistence only (--max-clique 2 --no-features): %.2f s wall = %.2f sentences/s\n" "$ours_ph" "$ours_ph_rate"
printf "peer: %.2f sentences/s (GUDHI persistence only)\n" "$peer_rate"
printf "ratio ours/peer, full analyze: %.2fx\n" "$(echo "$ours_rate / $peer_rate" | bc -l)"
printf "ratio ours/peer, persistence only: %.2fx\n" "$(echo "$ours_ph_rate / $peer_rate" | bc -l)"
# like for like: our graph + topology stage (summed over workers, from provenance.json) against GUDHI on the
# same planes (one Python thread): per-core planes/s of the persistence-only configuration
ours_topo=$("$PY" -c "import json,sys; w=json.load(open(sys.argv[1]))['run']['worker_seconds']; print(w['graph']+w['topology'])" \
    "$work/export/provenance.json")
ours_capture=$("$PY" -c "import json,sys; print(json.load(open(sys.argv[1]))['run']['worker_seconds']['capture'])" \
    "$work/export/provenance.json")
printf "ours, persistence-only stages summed over workers: capture %.2f s, graph + topology %.2f s\n" "$ours_capture" "$ours_topo"
printf "ratio per core, graph + topology stage vs GUDHI on the same %d sentences: %.1fx\n" "$N" \
    "$(echo "$peer / $ours_topo" | bc -l)"
printf "ours, in-run throughput after the one-time model load: full %.2f, persistence only %.2f sentences/s\n" \
    "$ours_steady" "$ours_ph_steady"
printf "ratio ours/peer, in-run throughput: full %.2fx, persistence only %.2fx\n" \
    "$(echo "$ours_steady / $peer_rate" | bc -l)" "$(echo "$ours_ph_steady / $peer_rate" | bc -l)"

echo "user+sys CPU of the timed runs is printed by /usr/bin/time below for the one-sentence case"
for i in 1 2 3; do
  s=$(now)
  /usr/bin/time -f "  cpu: %U s user, %S s sys" ./attnplanes analyze --text "The cat sat on the mat." --out "$work/one$i" > /dev/null
  e=$(now)
  printf "one-sentence analyze, run %d: %.2f s wall (JVM start, model load, 72 planes, outputs)\n" "$i" \
      "$(echo "$e - $s" | bc -l)"
done
