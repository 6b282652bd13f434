#!/usr/bin/env bash
# N concurrent 30-second deposit calls against a fresh Voxbox (embedded SQLite, temporary directory), spread
# over 10 mailboxes, started at N/10 calls per second (so that all N are in their greeting at once, as in the
# Asterisk comparison), with the JVM options bin/run ships (bin/java-options; VOXBOX_BENCH_JVM overrides):
# sipp's success count, the server's CPU seconds and peak RSS (per call: above the idle server's), the RTP
# send lateness of Voxbox's own pacer (p50/p99/max against the 20 ms schedule, from /actuator/prometheus), the
# send-interval jitter of Voxbox's RTP as captured on the loopback interface (tcpdump, then
# bench/rtp-jitter.py), and the messages stored.
# Usage: bench/sip-deposit-load.sh N [calls per second, default N/10]
#   (VOXBOX_BENCH_TIMELINE=1 adds the capture jitter second by second)
#   (build first: ./mvnw -B -DskipTests package; needs sip-tester, tcpdump, root for the capture — without
#   tcpdump the capture figures are skipped)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-50}
rate=${2:-$(( n / 10 > 0 ? n / 10 : 1 ))}
jvm=${VOXBOX_BENCH_JVM:-$(cat bin/java-options)}
jar=server/target/voxbox.jar
[ -f "$jar" ] || { echo "build first: ./mvnw -B -DskipTests package" >&2; exit 1; }
data=$(mktemp -d)
http=18090; sip=25060
token="bench-admin-token-$(date +%s%N)"
VOXBOX_DATA_DIR="$data" VOXBOX_BOOTSTRAP_ADMIN_TOKEN="$token" VOXBOX_HTTP_PORT=$http \
  java $jvm -jar "$jar" --voxbox.sip.port=$sip --voxbox.sip.rtp-port-min=40000 --voxbox.sip.rtp-port-max=42999 \
  > "$data/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$data"' EXIT
for i in $(seq 1 180); do
  kill -0 $server 2>/dev/null || { cat "$data/server.log" >&2; exit 1; }
  curl -fs "http://localhost:$http/actuator/health" >/dev/null 2>&1 && break
  [ "$i" -lt 180 ] || { echo "the server did not become healthy in 180 s" >&2; tail -n 20 "$data/server.log" >&2; exit 1; }
  sleep 1
done
echo "SEQUENTIAL" > "$data/mailboxes.csv"
for i in $(seq 0 9); do
  ext=$((6000 + i))
  id=$(curl -fs -H "Authorization: Bearer $token" -H 'Content-Type: application/json' "http://localhost:$http/v1/people" \
    -d "{\"emails\":[\"load$i@example.com\"],\"firstName\":\"Load\",\"lastName\":\"Box$i\",\"extension\":\"$ext\"}" \
    | sed 's/.*"id":"\([^"]*\)".*/\1/')
  curl -fs -X PUT -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    "http://localhost:$http/v1/people/$id/features/voicemail" -d '{"enabled":true}'
  echo "$ext;" >> "$data/mailboxes.csv"
done
capture=""
if command -v tcpdump >/dev/null 2>&1; then
  # Voxbox's own RTP only (its source ports), headers only: enough for timestamps and the RTP header.
  tcpdump -i lo -s 64 -B 65536 -w "$data/rtp.pcap" "udp and src portrange 40000-42999" >"$data/tcpdump.log" 2>&1 &
  capture=$!
  sleep 1
fi
ticks=$(getconf CLK_TCK)
rss() { awk -v f="$1" '$1 == f":" {print $2}' "/proc/$server/status"; }   # kB
idle_rss=$(rss VmRSS)
cpu() { awk '{print $14 + $15}' "/proc/$server/stat"; }
before=$(cpu)
start=$(date +%s.%N)
set +e
(cd "$data" && sipp -sf "$OLDPWD/bench/sipp/deposit-30s.xml" -inf mailboxes.csv -i 127.0.0.1 -p 26060 \
  -mp 30000 -r "$rate" -rp 1000 -l "$n" -m "$n" -timeout 180s -timeout_error -nostdin -trace_stat -stf stats.csv \
  127.0.0.1:$sip > sipp.out 2>&1)
status=$?
set -e
end=$(date +%s.%N)
after=$(cpu)
peak_rss=$(rss VmHWM)
if [ -n "$capture" ]; then
  kill -INT "$capture"; wait "$capture" 2>/dev/null || true
fi
last=$(tail -n 1 "$data/stats.csv")
header=$(head -n 1 "$data/stats.csv")
col() { echo "$header" | tr ';' '\n' | grep -nx "$1" | cut -d: -f1; }
ok=$(echo "$last" | cut -d';' -f"$(col 'SuccessfulCall(C)')")
failed=$(echo "$last" | cut -d';' -f"$(col 'FailedCall(C)')")
metrics=$(curl -fs "http://localhost:$http/actuator/prometheus")
metric() { echo "$metrics" | grep -E "^$1(\{[^}]*\})? " | awk '{print $2}' | head -n 1; }
printf 'JVM options: %s\n' "$jvm"
printf 'calls %s at %s/s: successful %s, failed %s (sipp exit %s), wall %.0f s\n' "$n" "$rate" "$ok" "$failed" "$status" \
  "$(echo "$end - $start" | bc)"
printf 'server RSS: idle %.0f MiB, peak %.0f MiB (%.2f MiB per call above idle)\n' "$(echo "$idle_rss / 1024" | bc -l)" \
  "$(echo "$peak_rss / 1024" | bc -l)" "$(echo "($peak_rss - $idle_rss) / 1024 / $n" | bc -l)"
printf 'server CPU %.1f s (%.3f s per call)\n' "$(echo "($after - $before) / $ticks" | bc -l)" \
  "$(echo "($after - $before) / $ticks / $n" | bc -l)"
printf 'RTP send lateness: p50 %s ms, p99 %s ms, max %s ms over %s frames\n' \
  "$(metric voxbox_rtp_send_lateness_p50_milliseconds)" "$(metric voxbox_rtp_send_lateness_p99_milliseconds)" \
  "$(metric voxbox_rtp_send_lateness_max_milliseconds)" "$(metric voxbox_rtp_send_frames)"
if [ -n "$capture" ]; then
  python3 bench/rtp-jitter.py "$data/rtp.pcap" ${VOXBOX_BENCH_TIMELINE:+--timeline}
  grep -E "packets (captured|dropped by kernel)" "$data/tcpdump.log" || true
fi
