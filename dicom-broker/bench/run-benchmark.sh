#!/usr/bin/env bash
# Throughput of the broker's de-identification and provisioning, against the tools and limits
# it should be compared with, on one generated corpus of CT-like instances (512 x 512, 16-bit).
#
#   (a) dicom-broker deidentify          (b) gdcmanon -e (PS3.15 basic profile, throwaway cert)
#   (c) cp -r (the I/O limit)            (d) raw WADO-RS retrieval from Orthanc with curl
#   (e) dicom-broker provision from the same Orthanc over DICOMweb (index, fetch, de-identify)
#   (c') openssl dgst -sha256 over the corpus: the hashing the manifest needs, alone (one core)
#
# Every timing is the median of RUNS runs with fresh output folders, each started on a settled file
# system (see settle), with its inputs read again after the rest, so every tool reads from the page cache. Peak
# RSS comes from /usr/bin/time. The warm JVM's rounds are interleaved with the other commands' runs
# (one of each per iteration), so each comparison is between runs minutes apart, not a run now
# against one a quarter of an hour later: this machine's speed drifts more than that.
#
# Usage: dicom-broker/bench/run-benchmark.sh        (from the repository root or anywhere)
#   env: PATIENTS (20) x STUDIES (2) x IMAGES (50) instances, RUNS (5), ROWS/COLUMNS (512),
#        KEEP=1 keeps the work folder, RESULTS=file (default dicom-broker/target/benchmark-results.md),
#        PROVISIONING=0 skips Orthanc and rows (d) and (e)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JAR="$ROOT/dicom-broker/target/dicom-broker.jar"
PATIENTS=${PATIENTS:-20}
STUDIES=${STUDIES:-2}
IMAGES=${IMAGES:-50}
ROWS=${ROWS:-512}
COLUMNS=${COLUMNS:-512}
RUNS=${RUNS:-5}
RESULTS=${RESULTS:-$ROOT/dicom-broker/target/benchmark-results.md}
export ROWS COLUMNS

for tool in java gdcmanon storescu curl openssl python3 /usr/bin/time /usr/sbin/Orthanc; do
  command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 2; }
done
if [ ! -f "$JAR" ]; then
  (cd "$ROOT" && ./mvnw -q -pl dicom-broker package -DskipTests)
fi

W=$(mktemp -d)  # a fresh work folder under $TMPDIR
ORTHANC_PID=
cleanup() {
  if [ -n "$ORTHANC_PID" ]; then kill "$ORTHANC_PID" 2>/dev/null || true; wait "$ORTHANC_PID" 2>/dev/null || true; fi
  if [ "${KEEP:-0}" != 1 ]; then rm -rf "$W"; else echo "work folder kept: $W" >&2; fi
}
trap cleanup EXIT

log() { echo "[$(date +%H:%M:%S)] $*" >&2; }

# Every timed command starts on a settled file system: written pages are flushed about 30 s later
# (vm.dirty_expire_centisecs), which would otherwise land on whichever command runs next (seen: the
# same cp -r took 0.98 s to 3.25 s). ext4 without a journal, as on these machines, also checks and
# skips each inode freed in the last 60 s when it creates a file (RECENTCY_MIN in fs/ext4/ialloc.c),
# which the default rest does not cover; SETTLE=63 does, at twice the run time (docs/benchmarks.md).
# The inputs are read again after the rest: these machines page out file pages left idle for 60 s
# (DAMON's pageout scheme, see docs/benchmarks.md), so after a long rest a tool would read from disk.
SETTLE=${SETTLE:-$(( $(cat /proc/sys/vm/dirty_expire_centisecs) / 100 + 3 ))}
INPUTS=()
settle() {
  sync; sleep "$SETTLE"
  if [ ${#INPUTS[@]} -gt 0 ]; then find "${INPUTS[@]}" -type f -exec cat {} + > /dev/null; fi
}
TIMES="$W/times.tsv"
: > "$TIMES"
: > "$W/orthanc.tsv"

# measure NAME RUN COMMAND... : one timed run, appended as name, run, wall s, cpu s, peak RSS KiB
measure() {
  local name=$1 run=$2; shift 2
  settle
  /usr/bin/time -f "%e %U %S %M" -o "$W/time.out" "$@" > "$W/last.stdout" 2> "$W/last.stderr" || {
    echo "failed: $*" >&2; cat "$W/last.stderr" >&2; exit 1; }
  read -r wall user sys rss < <(tail -1 "$W/time.out")
  echo -e "$name\t$run\t$wall\t$(python3 -c "print(round($user+$sys,2))")\t$rss" >> "$TIMES"
  log "$name run $run: ${wall}s wall, rss ${rss} KiB"
}

# warm_start NAME ARGS... / warm_round / warm_stop: WarmRuns.java does the work in one JVM as the worker
# does, one round each time warm_round asks; rounds after the first are the warm speed. Appends name,
# round, wall s, CPU s of the round, peak RSS KiB of the process (known at warm_stop, filled in then).
# The JVM gets the options the broker's own commands start their work with (WorkJvm.OPTIONS).
WORK_JVM_OPTIONS="-XX:+UseSerialGC -Xmn64m"
warm_start() {
  WARM_NAME=$1; shift
  # shellcheck disable=SC2086
  coproc WARM { /usr/bin/time -f "%M" -o "$W/warm-time.out" java $WORK_JVM_OPTIONS -Dstepped=true \
    -cp "$JAR:/usr/share/java/pixelmed.jar" "$ROOT/dicom-broker/bench/WarmRuns.java" "$@" 2> "$W/warm.stderr"; }
  WARM_IN=${WARM[1]}; WARM_OUT=${WARM[0]}; WARM_JOB=$WARM_PID
  : > "$W/warm-rounds.tsv"
}
warm_round() {
  local round ms written cpu_ms
  settle
  echo go >&"$WARM_IN"
  read -r round ms written cpu_ms <&"$WARM_OUT" || { cat "$W/warm.stderr" >&2; exit 1; }
  [ "$written" = "$FILES" ] || { echo "$WARM_NAME round $round wrote $written of $FILES" >&2; exit 1; }
  echo -e "$WARM_NAME\t$round\t$(python3 -c "print($ms / 1000)")\t$(python3 -c "print($cpu_ms / 1000)")" >> "$W/warm-rounds.tsv"
  log "$WARM_NAME round $round: ${ms} ms"
}
warm_stop() {
  exec {WARM_IN}>&-
  wait "$WARM_JOB" || { cat "$W/warm.stderr" >&2; exit 1; }
  local rss; rss=$(tail -1 "$W/warm-time.out")
  sed "s/\$/\t$rss/" "$W/warm-rounds.tsv" >> "$W/warm.tsv"
}

# measure_with_orthanc NAME RUN COMMAND... : measure, and append Orthanc's own CPU seconds for the run
orthanc_cpu() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$ORTHANC_PID/stat"; }
measure_with_orthanc() {
  local before; before=$(orthanc_cpu)
  measure "$@"
  echo -e "$1\t$2\t$(python3 -c "print(round($(orthanc_cpu) - $before, 2))")" >> "$W/orthanc.tsv"
}

count_dicom() { find "$1" -type f -name '*.dcm' | wc -l; }

free_port() {
  python3 - <<'PY'
import socket
while True:
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close()
    if p not in (8080, 8180, 9990):
        print(p); break
PY
}

log "generating ${PATIENTS}x${STUDIES}x${IMAGES} instances of ${ROWS}x${COLUMNS}"
CORPUS="$W/archive/DS-BENCH"
java -jar "$JAR" generate-demo --out "$CORPUS" --patients "$PATIENTS" --studies-per-patient "$STUDIES" \
  --images-per-series "$IMAGES" --rows "$ROWS" --columns "$COLUMNS" --collection DS-BENCH --seed 7 > /dev/null
FILES=$(count_dicom "$CORPUS")
BYTES=$(du -sb "$CORPUS" | cut -f1)
INPUTS=("$CORPUS")
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$W/key.pem" -out "$W/cert.pem" -days 1 -subj "/CN=broker-bench" 2>/dev/null
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

: > "$W/warm.tsv"
warm_start "broker deidentify, warm JVM" deidentify "$CORPUS" "$W/warm-out" "$W/warm-store" $((RUNS + 1))
warm_round  # round 1 compiles; not counted
for run in $(seq 1 "$RUNS"); do
  warm_round
  rm -rf "$W/out" "$W/store"
  measure "broker deidentify" "$run" env BROKER_STORE_DIR="$W/store" java -jar "$JAR" deidentify --project BENCH \
    --in "$CORPUS" --out "$W/out"
  [ "$(count_dicom "$W/out")" = "$FILES" ] || { echo "broker wrote $(count_dicom "$W/out") of $FILES" >&2; exit 1; }
  cp "$W/last.stdout" "$W/broker-summary.json"
  rm -rf "$W/out"
  measure "gdcmanon -e" "$run" gdcmanon -e -c "$W/cert.pem" -r -i "$CORPUS" -o "$W/out"
  [ "$(find "$W/out" -type f | wc -l)" = "$FILES" ] || { echo "gdcmanon output incomplete" >&2; exit 1; }
  rm -rf "$W/out"
  measure "cp -r" "$run" cp -r "$CORPUS" "$W/out"
  rm -rf "$W/out"
  measure "openssl dgst -sha256" "$run" find "$CORPUS" -type f -name '*.dcm' -exec openssl dgst -sha256 {} +
done
warm_stop
rm -rf "$W/store" "$W/warm-out" "$W/warm-store"

RAW_BYTES=0; STORE_SECONDS=0
# PROVISIONING=0 stops here: the de-identification rows alone, for a corpus too large to load into Orthanc in a run
if [ "${PROVISIONING:-1}" = 1 ]; then
  HTTP=$(free_port); DICOM=$(free_port)
  PLUGIN=$(dpkg -L orthanc-dicomweb | grep '/plugins/.*\.so$' | head -1)
  mkdir -p "$W/orthanc/storage"
  cat > "$W/orthanc/orthanc.json" <<JSON
{ "Name": "broker-bench", "StorageDirectory": "$W/orthanc/storage", "IndexDirectory": "$W/orthanc/storage",
  "HttpPort": $HTTP, "DicomPort": $DICOM, "DicomAet": "ORTHANC", "RemoteAccessAllowed": false,
  "AuthenticationEnabled": false, "HttpCompressionEnabled": false, "SaveJobs": false,
  "Plugins": ["$PLUGIN"], "DicomWeb": { "Enable": true, "Root": "/dicom-web/", "EnableWado": false, "Host": "127.0.0.1:$HTTP" } }
JSON
  /usr/sbin/Orthanc "$W/orthanc/orthanc.json" > "$W/orthanc/orthanc.log" 2>&1 &
  ORTHANC_PID=$!
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$HTTP/system" > /dev/null && break; sleep 0.2; done
  log "loading Orthanc with storescu"
  STORE_START=$(date +%s.%N)
  storescu -aec ORTHANC +sd +r 127.0.0.1 "$DICOM" "$CORPUS"
  STORE_SECONDS=$(python3 -c "import time; print(round(time.time() - $STORE_START, 1))")
  WEB="http://127.0.0.1:$HTTP/dicom-web"
  curl -sf "$WEB/series?limit=100000" | python3 -c '
import json, sys
for s in json.load(sys.stdin):
    print(s["0020000D"]["Value"][0] + "/series/" + s["0020000E"]["Value"][0])' > "$W/series.txt"
  cat > "$W/raw-retrieve.sh" <<SH
#!/bin/sh
# every series, one at a time, as multipart/related bodies written to disk unparsed
n=0
while read -r s; do
  n=\$((n+1))
  curl -sf -H 'Accept: multipart/related; type="application/dicom"; transfer-syntax=*' -o "$W/raw/\$n.bin" "$WEB/studies/\$s"
done < "$W/series.txt"
SH
  chmod +x "$W/raw-retrieve.sh"
  INPUTS=("$W/orthanc/storage")

  # (e') once: the first provisioning, which also builds the archive index the later runs keep
  rm -rf "$W/provisioned" "$W/pstore"
  measure_with_orthanc "broker provision, first run" 1 env BROKER_STORE_DIR="$W/pstore" java -jar "$JAR" provision \
    --project BENCH --dataset DS-BENCH --archive-url "$WEB" --out "$W/provisioned"
  [ "$(count_dicom "$W/provisioned/BENCH/DS-BENCH")" = "$FILES" ] || { echo "provisioned $(count_dicom "$W/provisioned/BENCH/DS-BENCH") of $FILES" >&2; exit 1; }
  rm -rf "$W/provisioned"
  warm_start "broker provision, warm JVM" provision "$WEB" DS-BENCH "$W/warm-provisioned" "$W/warm-pstore" $((RUNS + 1))
  warm_round  # round 1 compiles and builds its own store's index; not counted
  for run in $(seq 1 "$RUNS"); do
    warm_round
    rm -rf "$W/raw"; mkdir -p "$W/raw"
    measure_with_orthanc "raw WADO-RS (curl)" "$run" "$W/raw-retrieve.sh"
    RAW_BYTES=$(du -sb "$W/raw" | cut -f1)
    rm -rf "$W/raw"
    # the index built above is kept, the journal is not: a fresh provisioning
    rm -rf "$W/provisioned" "$W/pstore/projects"
    measure_with_orthanc "broker provision (DICOMweb)" "$run" env BROKER_STORE_DIR="$W/pstore" java -jar "$JAR" provision \
      --project BENCH --dataset DS-BENCH --archive-url "$WEB" --out "$W/provisioned"
    [ "$(count_dicom "$W/provisioned/BENCH/DS-BENCH")" = "$FILES" ] || { echo "provisioned $(count_dicom "$W/provisioned/BENCH/DS-BENCH") of $FILES" >&2; exit 1; }
    rm -rf "$W/provisioned"
  done
  warm_stop
  rm -rf "$W/warm-provisioned" "$W/pstore/projects"
fi
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

python3 - "$TIMES" "$W/warm.tsv" "$W/orthanc.tsv" "$FILES" "$BYTES" "$RAW_BYTES" "$RUNS" "$STORE_SECONDS" "$LOAD_BEFORE" "$LOAD_AFTER" > "$RESULTS" <<'PY'
import statistics, sys, collections, platform, subprocess, datetime, os
times, warm_times, orthanc_times, files, size, raw_bytes, runs, store_s, load_before, load_after = sys.argv[1:]
files, size, raw_bytes = int(files), int(size), int(raw_bytes)
rows = collections.OrderedDict()
for line in open(times):
    name, run, wall, cpu, rss = line.rstrip("\n").split("\t")
    rows.setdefault(name, []).append((int(run), max(float(wall), 0.01), float(cpu), int(rss)))
warm = collections.OrderedDict()
for line in open(warm_times):
    name, rnd, wall, cpu, rss = line.rstrip("\n").split("\t")
    warm.setdefault(name, []).append((int(rnd), float(wall), float(cpu), int(rss)))
orthanc = collections.defaultdict(list)
for line in open(orthanc_times):
    name, run, cpu = line.rstrip("\n").split("\t")
    orthanc[name].append(float(cpu))
def warm_med(name):
    rounds = warm[name]
    later = [r for r in rounds if r[0] > 1]
    return (statistics.median([r[1] for r in later]), statistics.median([r[2] for r in later]),
            rounds[0][1], rounds[0][3])
def med(name, i):
    return statistics.median([r[i] for r in rows[name]])
def per_run(name):
    return {r[0]: r[1] for r in rows[name]}
def per_warm_round(name):
    # warm round k + 1 ran in the same iteration as run k of the other commands
    return {r[0] - 1: r[1] for r in warm[name] if r[0] > 1}
def pairs(numerator, denominator, limit, name_of_test):
    # iteration by iteration, one time over the other, against the target's limit
    ratios = [numerator[k] / denominator[k] for k in sorted(numerator) if k in denominator]
    met = sum(1 for r in ratios if limit(r))
    return f"{name_of_test}: " + ", ".join(f"{r:.2f}" for r in ratios) + f" (met in {met} of {len(ratios)})"
def line(name, wall, cpu, rss, ratio):
    return f"| {name} | {wall:.2f} | {files / wall:.0f} | {size / wall / 1e6:.0f} | {cpu:.1f} | {rss / 1024:.0f} | {ratio} |"
deid, gdcm, cp = med("broker deidentify", 1), med("gdcmanon -e", 1), med("cp -r", 1)
provisioning = "raw WADO-RS (curl)" in rows  # not with PROVISIONING=0
sha_ni = any(" sha_ni " in l + " " for l in open("/proc/cpuinfo") if l.startswith("flags"))
cpu_model = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
mem_gb = int(next(l.split()[1] for l in open("/proc/meminfo") if l.startswith("MemTotal"))) / 1024 / 1024
java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
out = []
out.append(f"Run {datetime.date.today().isoformat()} on {os.cpu_count()} cores ({cpu_model}), {mem_gb:.0f} GiB RAM, "
           f"{'with' if sha_ni else 'without'} the SHA extensions (sha_ni), {java}; "
           f"load average {load_before} before, {load_after} after. Corpus: {files} generated CT-like instances, "
           f"{os.environ.get('ROWS', '512')} x {os.environ.get('COLUMNS', '512')} x 16 bit, {size / 1e6:.0f} MB, explicit VR little endian; page cache warm. "
           f"Median of {runs} runs; CPU = user + sys seconds; RSS = peak resident set.")
out.append("")
out.append("| what | wall s | files/s | MB/s | CPU s | peak RSS MiB | ratio |")
out.append("| --- | ---: | ---: | ---: | ---: | ---: | --- |")
out.append(line("(a) broker `deidentify`", deid, med("broker deidentify", 2), med("broker deidentify", 3),
                f"{gdcm / deid:.2f}x gdcmanon's speed; {deid / cp:.1f}x cp's time"))
wd, wd_cpu, wd_first, wd_rss = warm_med("broker deidentify, warm JVM")
out.append(line("(a) the same in a warm JVM (the worker's case)", wd, wd_cpu, wd_rss,
                     f"{gdcm / wd:.2f}x gdcmanon's speed; {wd / cp:.1f}x cp's time"))
out.append(line("(b) `gdcmanon -e` (basic profile)", gdcm, med("gdcmanon -e", 2), med("gdcmanon -e", 3), "reference"))
out.append(line("(c) `cp -r`", cp, med("cp -r", 2), med("cp -r", 3), "I/O limit"))
sha = med("openssl dgst -sha256", 1)
out.append(line("(c') `openssl dgst -sha256`, every file", sha, med("openssl dgst -sha256", 2), med("openssl dgst -sha256", 3),
                f"hashing alone: {med('openssl dgst -sha256', 2) / wd_cpu:.0%} of the warm worker's CPU"))
if provisioning:
    raw = med("raw WADO-RS (curl)", 1)
    prov_first = rows["broker provision, first run"][0]
    prov = med("broker provision (DICOMweb)", 1)
    out.append(line("(d) raw WADO-RS retrieval, curl", raw, med("raw WADO-RS (curl)", 2), med("raw WADO-RS (curl)", 3),
                    f"reference ({raw_bytes / 1e6:.0f} MB multipart)"))
    out.append(line("(e) broker `provision` from Orthanc, index built", prov, med("broker provision (DICOMweb)", 2),
                    med("broker provision (DICOMweb)", 3), f"{raw / prov:.2f}x raw retrieval speed"))
    out.append(line("(e') the same, first run (builds the index)", prov_first[1], prov_first[2], prov_first[3],
                    f"{raw / prov_first[1]:.2f}x raw retrieval speed"))
    wp, wp_cpu, wp_first, wp_rss = warm_med("broker provision, warm JVM")
    out.append(line("(e) the same in a warm JVM (the worker's case)", wp, wp_cpu, wp_rss, f"{raw / wp:.2f}x raw retrieval speed"))
out.append("")
out.append(f"Warm rows: median of rounds 2 to {int(runs) + 1} of {int(runs) + 1} in one process; its first round took "
           f"{wd_first:.2f} s (de-identify)" + (f" and {wp_first:.2f} s (provision)" if provisioning else "") + ".")
if provisioning:
    out.append(f"CPU s for curl counts curl only, and for provisioning the broker only; Orthanc's own CPU (median) was "
               f"{statistics.median(orthanc['raw WADO-RS (curl)']):.1f} s while curl retrieved and "
               f"{statistics.median(orthanc['broker provision (DICOMweb)']):.1f} s while the broker provisioned.")
    out.append(f"Loading Orthanc with storescu took {store_s} s (not part of any row).")
out.append("")
out.append("Iteration by iteration (each warm round ran between the other commands' runs of the same iteration):")
out.append("")
wd_rounds = per_warm_round("broker deidentify, warm JVM")
gd, cpr = per_run("gdcmanon -e"), per_run("cp -r")
out.append("- " + pairs(gd, wd_rounds, lambda r: r > 1, "gdcmanon's time / warm worker's (target above 1)"))
out.append("- " + pairs(wd_rounds, cpr, lambda r: r <= 2, "warm worker's time / cp's (target 2 or less)"))
if provisioning:
    rawr = per_run("raw WADO-RS (curl)")
    out.append("- " + pairs(rawr, per_warm_round("broker provision, warm JVM"), lambda r: r >= 0.7,
                            "raw retrieval's time / warm provisioning's (target 0.70 or more)"))
out.append("- " + pairs(gd, per_run("broker deidentify"), lambda r: r > 1, "gdcmanon's time / the command's (target above 1)"))
out.append("- " + pairs(per_run("broker deidentify"), cpr, lambda r: r <= 2, "the command's time / cp's (target 2 or less)"))
if provisioning:
    out.append("- " + pairs(rawr, per_run("broker provision (DICOMweb)"), lambda r: r >= 0.7,
                            "raw retrieval's time / the provision command's (target 0.70 or more)"))
out.append("")
out.append("Times in run order: " + "; ".join(f"{name} " + ", ".join(f"{r[1]:.2f}" for r in rs) for name, rs in rows.items())
           + "; " + "; ".join(f"{name} rounds 2 on " + ", ".join(f"{r[1]:.2f}" for r in rs if r[0] > 1) for name, rs in warm.items()) + " s.")
print("\n".join(out))
PY
cat "$RESULTS"
