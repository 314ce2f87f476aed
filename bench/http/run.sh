#!/usr/bin/env bash
# HTTP benchmark of the bot host on the seeds: start-up to ready, and POST /api/ask throughput and p99 latency, cold
# (every question new: cache miss) vs cached (one question), with GET /healthz as the peer that measures the HTTP stack alone.
# Usage: bench/http/run.sh [seconds per wrk run, default 10]. Needs wrk (apt-get install -y wrk) and curl.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
duration=${1:-10}
port=${BENCH_PORT:-5099}
connections=${BENCH_CONNECTIONS:-16}
threads=2
artifacts=${KB_ARTIFACTS:-/tmp/kb-bench-http}
out="$root/bench/http/results"
mkdir -p "$out"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

echo "Building the host (Release)..." >&2
KB_ARTIFACTS=$artifacts dotnet build src/KazBriefBot.Host -c Release -nologo -v quiet >&2
dll="$artifacts/bin/KazBriefBot.Host/release/KazBriefBot.Host.dll"

empty=$(mktemp -d)   # peer corpus: no articles
state=$(mktemp -d)   # database and scratch files, outside the corpus
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; rm -rf "$empty" "$state"; }
trap cleanup EXIT

port_free() { ! curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$port/healthz"; }

start_host() { # $1 = corpus folder; sets pid and prints ms from process start to the first 200 from /readyz, and CPU ms used
  local corpus=$1 t0 t1 ticks
  # Another process answering on the port would make every figure meaningless.
  port_free || { echo "port $port is already in use; set BENCH_PORT" >&2; exit 1; }
  t0=$(date +%s%N)
  KAZBRIEF_ROOT="$root" dotnet "$dll" --urls "http://127.0.0.1:$port" --Corpus:Path="$corpus" --Corpus:Watch=false --Storage:Path="$state/kazbrief.db" \
    --RateLimits:ApiPerClientPerMinute=1000000 --Logging:LogLevel:Default=Warning >/dev/null 2>&1 &
  pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$port/readyz"; do
    kill -0 "$pid" 2>/dev/null || { echo "host exited during start" >&2; exit 1; }
    sleep 0.005
  done
  t1=$(date +%s%N)
  kill -0 "$pid" 2>/dev/null || { echo "host exited during start" >&2; exit 1; }
  ticks=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  echo "$(( (t1 - t0) / 1000000 )) $(( ticks * 1000 / $(getconf CLK_TCK) ))"
}

stop_host() {
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  pid=""
  for _ in $(seq 100); do port_free && return; sleep 0.05; done
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

runs=5
seeds_wall=(); seeds_cpu=(); empty_wall=(); empty_cpu=()
timing="$state/timing"
for _ in $(seq $runs); do
  start_host "$root/seeds" > "$timing"; read -r w c < "$timing"; seeds_wall+=("$w"); seeds_cpu+=("$c"); stop_host
  start_host "$empty" > "$timing"; read -r w c < "$timing"; empty_wall+=("$w"); empty_cpu+=("$c"); stop_host
done

seeds_ready=$(printf '%s\n' "${seeds_wall[@]}" | median); empty_ready=$(printf '%s\n' "${empty_wall[@]}" | median)
seeds_cpu_ms=$(printf '%s\n' "${seeds_cpu[@]}" | median); empty_cpu_ms=$(printf '%s\n' "${empty_cpu[@]}" | median)

port_free || { echo "port $port is already in use; set BENCH_PORT" >&2; exit 1; }
KAZBRIEF_ROOT="$root" dotnet "$dll" --urls "http://127.0.0.1:$port" --Corpus:Path="$root/seeds" --Corpus:Watch=false --Storage:Path="$state/kazbrief.db" \
  --RateLimits:ApiPerClientPerMinute=1000000 --Logging:LogLevel:Default=Warning >/dev/null 2>&1 &
pid=$!
until curl -sf -o /dev/null "http://127.0.0.1:$port/readyz"; do sleep 0.05; done
base="http://127.0.0.1:$port"
# Warm up (JIT) every path measured.
wrk -t$threads -c$connections -d3s "$base/healthz" >/dev/null
wrk -t$threads -c$connections -d3s -s bench/http/ask-cold.lua "$base/api/ask" >/dev/null

measure() { # $1 name, rest: wrk arguments; prints "name rps p99"
  local name=$1; shift
  local report
  report=$(wrk -t$threads -c$connections -d"${duration}s" --latency "$@")
  echo "$report" > "$out/$name.txt"
  if grep -q "Non-2xx" <<<"$report"; then echo "warning: $name had non-2xx responses" >&2; fi
  local rps p99
  rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$report")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$report")
  echo "$name $rps $p99"
}

read -r _ health_rps health_p99 < <(measure healthz "$base/healthz")
read -r _ cold_rps cold_p99 < <(measure ask-cold -s bench/http/ask-cold.lua "$base/api/ask")
read -r _ cached_rps cached_p99 < <(measure ask-cached -s bench/http/ask-cached.lua "$base/api/ask")
stop_host

to_ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) { sub("us","",v); print v/1000 } else if (v ~ /ms$/) { sub("ms","",v); print v+0 } else if (v ~ /s$/) { sub("s","",v); print v*1000 } else print v }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / b }'; }
cold_p99_ms=$(to_ms "$cold_p99"); cached_p99_ms=$(to_ms "$cached_p99"); health_p99_ms=$(to_ms "$health_p99")

report="$out/latest.md"
{
  echo "HTTP benchmark, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "wrk: $threads threads, $connections connections, ${duration}s per run, Release build, seeds corpus (5 articles)."
  echo
  echo "| POST /api/ask | requests/s | p99 latency |"
  echo "|---|---:|---:|"
  echo "| cold (every question new) | $cold_rps | ${cold_p99_ms} ms |"
  echo "| cached (same question) | $cached_rps | ${cached_p99_ms} ms |"
  echo "| peer: GET /healthz | $health_rps | ${health_p99_ms} ms |"
  echo
  echo "Cached vs cold: $(ratio "$cached_rps" "$cold_rps")x the requests/s, p99 $(ratio "$cold_p99_ms" "$cached_p99_ms")x lower. Cold /api/ask reaches $(ratio "$cold_rps" "$health_rps")x of /healthz throughput, cached $(ratio "$cached_rps" "$health_rps")x."
  echo
  echo "Start-up to ready (process start to first 200 from /readyz, median of $runs): seeds ${seeds_ready} ms (CPU ${seeds_cpu_ms} ms);"
  echo "peer with an empty corpus folder ${empty_ready} ms (CPU ${empty_cpu_ms} ms): loading and indexing the seeds adds $(ratio "$seeds_ready" "$empty_ready")x wall time."
} > "$report"
cat "$report"
