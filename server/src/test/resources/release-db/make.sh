#!/usr/bin/env bash
# Makes voxbox-0.1.0.db, next to this script: a real SQLite database written by the released Voxbox (commit
# 267bcf4, schema V4, the last release before the STRICT tables of V5), for ReleaseDatabaseMigrationTest, which
# migrates a copy and checks that nothing was lost or changed; and voxbox-0.1.0.properties, the secrets that
# open it (the administrator's and the people's API tokens, the PIN pepper, the PINs), which the test reads.
#
# What it does:
#   1. builds the release in a temporary git worktree (git worktree add --detach <tmp> 267bcf4; mvnw package);
#   2. starts its jar on a temporary data directory and free ports, with the administrator token
#      VOXBOX_BOOTSTRAP_ADMIN_TOKEN=release-fixture-admin-token-0123456789 and the fixed PIN pepper below (the
#      test configures the same two values: PIN verifiers are HMACs under the pepper, so without it no PIN of
#      the fixture would ever match again);
#   3. fills it through the HTTP API: Jan Jansen (Dutch, +31201234567), Emma Wilson (English, extension 4721)
#      and Priya Shah (English, extension 4722), voicemail on for all three, Emma's transfer number, an API token
#      each, PINs set by their owners (Jan 730519; Emma 840627, then 592064, so she has two in her history) and
#      Priya's by the administrator (so she must change it); then the organisation's PIN policy changed in every
#      column that can differ from its default: government, history depth 12, 5 failed attempts, at least 4
#      distinct digits, and an organisation default PIN (its verifier is stored);
#   4. leaves two messages by phone with sipp and the project's own scenarios (server/src/test/resources/sipp):
#      deposit-full.xml to extension 4721 (urgent, caller "Caller" 0612345678) and deposit-private.xml to
#      31201234567 (caller withheld). Both send /usr/share/sip-tester/g711a.pcap in PCMA, so the messages are
#      stored as 'audio/x-wav;codec=alaw' (22 characters, more than the VARCHAR(16) the column declared).
#      deposit.xml itself hangs up 2 s after the answer, during the greeting, so it leaves no message. Then
#      Emma's mailbox is called on the pilot with a wrong PIN (retrieve-hangup.xml, keys as RFC 4733 packets
#      in keys.pcap), so her failed_attempts is 1; Priya's five times, so her mailbox is locked;
#   5. stops the server with SIGTERM and waits for it, then writes what only a longer DTMF conversation could,
#      as the released code writes it: with Greetings#record, Emma's BUSY greeting (mailbox.busy_greeting =
#      'CUSTOM'), Jan's NAME and his NO_ANSWER greeting (no_answer_greeting = 'CUSTOM'), each a µ-law WAV with
#      Voxbox's 58-byte header spoken by espeak-ng, 'audio/x-wav;codec=ulaw'; with VoiceMessages#markHeard,
#      Jan's message heard (1). Every column with a default or NULL then holds another value somewhere, except
#      person.password_hash (set only in the portal; the administrator has a token), so a migration that left a
#      column out of its copy would change a value the test compares (the columns without a default would fail
#      it: pin_policy.expiry_enabled stays 0, as an expiring PIN would make the fixture a time bomb);
#   6. checkpoints the WAL (PRAGMA wal_checkpoint(TRUNCATE)), prints the rows per table and copies the single
#      database file (no -wal or -shm) here, with the properties file.
# The worktree, the data directory and the server are gone afterwards, also when a step fails.
#
# Re-run it (from anywhere; it overwrites both files, with new ids, times, tokens and audio timing):
#     server/src/test/resources/release-db/make.sh
# Needs: git (a clone holding commit 267bcf4), Java 17, python3, curl, sipp (Debian sip-tester), espeak-ng, sox,
# and the Maven dependencies of the release (the wrapper downloads what is missing). Takes about 1.5 minutes.
set -euo pipefail

RELEASE=267bcf4
ADMIN_TOKEN=release-fixture-admin-token-0123456789
PIN_PEPPER=72656c656173652d666978747572652d70696e2d7065707065722d3031323334
JAN_PIN=730519
EMMA_EARLIER_PIN=840627
EMMA_PIN=592064
PRIYA_PIN=618307
DEFAULT_PIN=613940

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(git -C "$here" rev-parse --show-toplevel)
scenarios=$repo/server/src/test/resources/sipp
out=$here/voxbox-0.1.0.db
secrets=$here/voxbox-0.1.0.properties
work=$(mktemp -d "${TMPDIR:-/tmp}/voxbox-release-db.XXXXXX")
tree=$work/release
data=$work/data
server_pid=

log() { printf '== %s\n' "$*" >&2; }

cleanup() {
	if [[ -n $server_pid ]] && kill -0 "$server_pid" 2>/dev/null; then
		kill -TERM "$server_pid" 2>/dev/null || true
		wait "$server_pid" 2>/dev/null || true
	fi
	if [[ -d $tree ]]; then
		git -C "$repo" worktree remove --force "$tree" || true
	fi
	rm -rf "$work"
}
trap cleanup EXIT

# A port free on 127.0.0.1 for TCP and UDP both (HTTP takes TCP, SIP listens on both).
free_port() {
	python3 - <<'EOF'
import socket
while True:
    tcp = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    tcp.bind(("127.0.0.1", 0))
    port = tcp.getsockname()[1]
    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        udp.bind(("127.0.0.1", port))
    except OSError:
        continue
    finally:
        tcp.close()
        udp.close()
    print(port)
    break
EOF
}

# The first of ten free UDP ports for sipp's media, below the kernel's ephemeral range (as Sipp.java does).
free_media_ports() {
	python3 - <<'EOF'
import random, socket
while True:
    base = 22000 + 10 * random.randrange(500)
    sockets = []
    try:
        for port in range(base, base + 10):
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            sockets.append(s)
            s.bind(("127.0.0.1", port))
    except OSError:
        continue
    finally:
        for s in sockets:
            s.close()
    print(base)
    break
EOF
}

# api METHOD PATH TOKEN BODY STATUS: one request; prints the response body, fails unless the status is STATUS.
api() {
	local method=$1 path=$2 token=$3 body=$4 expected=$5 status
	status=$(curl -s -o "$work/response" -w '%{http_code}' -X "$method" -H "Authorization: Bearer $token" \
		-H 'Content-Type: application/json' ${body:+--data "$body"} "http://127.0.0.1:$http_port$path")
	if [[ $status != "$expected" ]]; then
		echo "$method $path: expected $expected, got $status: $(cat "$work/response")" >&2
		return 1
	fi
	cat "$work/response"
}

# field NAME: that top-level field of the JSON on standard input.
field() { python3 -c 'import json, sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }

log "building the release $RELEASE in $tree"
git -C "$repo" worktree add -q --detach "$tree" "$RELEASE"
(cd "$tree" && ./mvnw -B -ntp -q -DskipTests package)

http_port=$(free_port)
sip_port=$(free_port)
mkdir -p "$data" "$work/sipp"
log "starting it on HTTP $http_port, SIP $sip_port, data $data"
VOXBOX_BOOTSTRAP_ADMIN_TOKEN=$ADMIN_TOKEN VOXBOX_PIN_PEPPER=$PIN_PEPPER \
	java -jar "$tree/server/target/voxbox.jar" --voxbox.storage.data-dir="$data" --server.port="$http_port" \
	--voxbox.sip.port="$sip_port" --voxbox.sip.rtp-port-min=29000 --voxbox.sip.rtp-port-max=29199 \
	>"$work/server.log" 2>&1 &
server_pid=$!
deadline=$((SECONDS + 120))
until curl -sf "http://127.0.0.1:$http_port/actuator/health" >/dev/null; do
	if ! kill -0 "$server_pid" 2>/dev/null || ((SECONDS > deadline)); then
		echo "the release did not come up:" >&2
		tail -50 "$work/server.log" >&2
		exit 1
	fi
	sleep 0.2
done

log "filling it through the API"
jan=$(api POST /v1/people "$ADMIN_TOKEN" '{"emails": ["jan.jansen@example.com"], "firstName": "Jan",
	"lastName": "Jansen", "phoneNumbers": [{"type": "work", "value": "+31201234567"}], "language": "nl"}' 200 | field id)
emma=$(api POST /v1/people "$ADMIN_TOKEN" '{"emails": ["emma.wilson@example.com"], "firstName": "Emma",
	"lastName": "Wilson", "extension": "4721", "language": "en"}' 200 | field id)
priya=$(api POST /v1/people "$ADMIN_TOKEN" '{"emails": ["priya.shah@example.com"], "firstName": "Priya",
	"lastName": "Shah", "extension": "4722", "language": "en"}' 200 | field id)
api PUT "/v1/people/$jan/features/voicemail" "$ADMIN_TOKEN" '{"enabled": true}' 204 >/dev/null
api PUT "/v1/people/$emma/features/voicemail" "$ADMIN_TOKEN" '{"enabled": true,
	"transferToNumber": {"enabled": true, "destination": "+31207654321"}}' 204 >/dev/null
api PUT "/v1/people/$priya/features/voicemail" "$ADMIN_TOKEN" '{"enabled": true}' 204 >/dev/null
jan_token=$(api POST "/v1/people/$jan/tokens" "$ADMIN_TOKEN" '{"name": "jan-laptop"}' 200 | field token)
emma_token=$(api POST "/v1/people/$emma/tokens" "$ADMIN_TOKEN" '{"name": "emma-phone"}' 200 | field token)
priya_token=$(api POST "/v1/people/$priya/tokens" "$ADMIN_TOKEN" '{"name": "priya-desk"}' 200 | field token)
api GET /v1/people/me "$jan_token" '' 200 >/dev/null
api PUT /v1/telephony/config/people/me/voicemail/pin "$jan_token" \
	"{\"passcode\": \"$JAN_PIN\", \"confirmPasscode\": \"$JAN_PIN\"}" 204 >/dev/null
api PUT /v1/telephony/config/people/me/voicemail/pin "$emma_token" \
	"{\"passcode\": \"$EMMA_EARLIER_PIN\", \"confirmPasscode\": \"$EMMA_EARLIER_PIN\"}" 204 >/dev/null
api PUT /v1/telephony/config/people/me/voicemail/pin "$emma_token" \
	"{\"passcode\": \"$EMMA_PIN\", \"confirmPasscode\": \"$EMMA_PIN\"}" 204 >/dev/null
api PUT "/v1/telephony/config/people/$priya/voicemail/passcode" "$ADMIN_TOKEN" \
	"{\"passcode\": \"$PRIYA_PIN\", \"confirmPasscode\": \"$PRIYA_PIN\"}" 204 >/dev/null
api PUT /v1/telephony/config/voicemail/rules "$ADMIN_TOKEN" "{
	\"government\": true,
	\"blockPreviousPasscodes\": {\"enabled\": true, \"numberOfPasscodes\": 12, \"useSystemDefault\": false},
	\"failedAttempts\": {\"enabled\": true, \"attempts\": 5},
	\"blockFewDistinctDigits\": {\"enabled\": true, \"min\": 4},
	\"blockReversedUserNumberEnabled\": true,
	\"defaultVoicemailPinEnabled\": true, \"defaultVoicemailPin\": \"$DEFAULT_PIN\"}" 204 >/dev/null

log "leaving two messages by phone"
call() {
	local scenario=$1 user=$2
	if ! (cd "$work/sipp" && sipp -sf "$scenarios/$scenario" -m 1 -s "$user" -i 127.0.0.1 -p "$(free_port)" \
		-mp "$(free_media_ports)" -timeout 60s -timeout_error -nostdin -trace_err "127.0.0.1:$sip_port" \
		>"$work/sipp/$scenario.out" 2>&1); then
		echo "sipp $scenario to $user failed:" >&2
		cat "$work/sipp/$scenario.out" "$work/sipp/"*errors.log >&2 || true
		exit 1
	fi
}
call deposit-full.xml 4721
call deposit-private.xml 31201234567
# await SQL: polls the running server's database until SQL (one number) is not 0.
await() {
	python3 - "$data/voxbox.db" "$1" <<'EOF'
import sqlite3, sys, time
deadline = time.monotonic() + 30
while True:
    db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
    try:
        done = db.execute(sys.argv[2]).fetchone()[0]
    finally:
        db.close()
    if done:
        break
    if time.monotonic() > deadline:
        sys.exit(f"gave up waiting for: {sys.argv[2]}")
    time.sleep(0.1)
EOF
}
# A message is stored when its call ends, on the server's call thread: wait until both rows are visible.
await "SELECT count(*) >= 2 FROM voice_message"

# keys KEYS: writes sipp's keys.pcap, which retrieve-hangup.xml plays: the RFC 4733 key presses of KEYS as
# DtmfPcap.keys(KEYS, 101) writes them (100 ms a key, 200 ms apart, payload type 101).
keys() {
	python3 - "$work/sipp/keys.pcap" "$1" <<'EOF'
import struct, sys
def record(out, rtp, micros):
    ip = struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + 8 + len(rtp), 0, 0, 64, 17, 0, bytes([127, 0, 0, 1]), bytes([127, 0, 0, 1]))
    frame = bytes(12) + b"\x08\x00" + ip + struct.pack(">HHHH", 40000, 40002, 8 + len(rtp), 0) + rtp
    out.append(struct.pack("<IIII", micros // 1_000_000, micros % 1_000_000, len(frame), len(frame)) + frame)
events = {**{str(d): d for d in range(10)}, "*": 10, "#": 11}
out = [struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1)]
sequence, timestamp, micros, held = 1000, 160_000, 0, 5  # 100 ms a key, volume 10, as DtmfSender(101, 100, 10)
for key in sys.argv[2]:
    count = held + 2
    for i in range(count):
        end = i >= held - 1
        payload = struct.pack(">BBH", events[key], (0x80 if end else 0) | 10, min(i + 1, held) * 160)
        rtp = struct.pack(">BBHII", 0x80, (0x80 if i == 0 else 0) | 101, (sequence + i) & 0xFFFF, timestamp, 0x5eed1234) + payload
        record(out, rtp, micros)
        micros += 20_000
    sequence += count
    timestamp += 160 * (count + 10)
    micros += 200_000
open(sys.argv[1], "wb").write(b"".join(out))
EOF
}

log "wrong PINs by phone: one for Emma's mailbox, five (the policy's limit) for Priya's, which locks it"
keys '4721#000000#'
call retrieve-hangup.xml voicemail
await "SELECT count(*) FROM pin_credential c JOIN person p ON p.id = c.person_id
        WHERE p.email = 'emma.wilson@example.com' AND c.failed_attempts = 1"
keys '4722#000001#'
for attempt in 1 2 3 4 5; do
	call retrieve-hangup.xml voicemail
	await "SELECT count(*) FROM pin_credential c JOIN person p ON p.id = c.person_id
	        WHERE p.email = 'priya.shah@example.com' AND c.failed_attempts = $attempt"
done
await "SELECT count(*) FROM pin_credential c JOIN person p ON p.id = c.person_id
        WHERE p.email = 'priya.shah@example.com' AND c.locked = 1"

log "stopping the server"
kill -TERM "$server_pid"
wait "$server_pid" || true
server_pid=

log "adding the greetings and a heard message as the released code writes them"
espeak-ng -v en -s 150 -w "$work/busy.wav" "Emma Wilson is on another call. Please leave a message."
espeak-ng -v nl -s 150 -w "$work/name.wav" "Jan Jansen"
espeak-ng -v nl -s 150 -w "$work/no-answer.wav" "Jan neemt niet op. Spreek een bericht in."
for recording in busy name no-answer; do
	sox "$work/$recording.wav" -r 8000 -c 1 -t raw -e u-law "$work/$recording.ulaw"
done
python3 - "$data/voxbox.db" "$work" <<'EOF'
import sqlite3, struct, sys, time

def wav(audio):
    """org.voxbox.media.Wav.of(MULAW, audio).toBytes(): RIFF, an 18-byte fmt chunk, fact, data, a pad byte if odd."""
    header = b"RIFF" + struct.pack("<I", 58 - 8 + len(audio) + (len(audio) & 1)) + b"WAVE"
    header += b"fmt " + struct.pack("<IHHIIHHH", 18, 7, 1, 8000, 8000, 1, 8, 0)
    header += b"fact" + struct.pack("<II", 4, len(audio))
    header += b"data" + struct.pack("<I", len(audio))
    assert len(header) == 58
    return header + audio + b"\0" * (len(audio) & 1)

db = sqlite3.connect(sys.argv[1])
with db:
    for email, kind, file in (("emma.wilson@example.com", "BUSY", "busy.ulaw"), ("jan.jansen@example.com", "NAME", "name.ulaw"),
                              ("jan.jansen@example.com", "NO_ANSWER", "no-answer.ulaw")):
        audio = open(f"{sys.argv[2]}/{file}", "rb").read()
        mailbox, = db.execute("SELECT b.id FROM mailbox b JOIN person p ON p.id = b.person_id WHERE p.email = ?",
                              (email,)).fetchone()
        db.execute("""INSERT INTO greeting (mailbox_id, kind, recorded_at, duration_ms, audio_format, audio)
                      VALUES (?, ?, ?, ?, ?, ?)""",
                   (mailbox, kind, int(time.time() * 1000), len(audio) // 8, "audio/x-wav;codec=ulaw", wav(audio)))
        if kind != "NAME":
            db.execute(f"UPDATE mailbox SET {kind.lower()}_greeting = 'CUSTOM' WHERE id = ?", (mailbox,))
    # VoiceMessages#markHeard: heard = true, bound with setBoolean, which sqlite-jdbc stores as the integer 1.
    db.execute("""UPDATE voice_message SET heard = 1
                   WHERE mailbox_id = (SELECT b.id FROM mailbox b JOIN person p ON p.id = b.person_id
                                        WHERE p.email = 'jan.jansen@example.com')""")
db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
db.close()
EOF
python3 - "$data/voxbox.db" <<'EOF'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
for name, in db.execute("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY name"):
    print(f"   {name}: {db.execute(f'SELECT count(*) FROM {name}').fetchone()[0]} rows")
db.close()
EOF
if [[ -e $data/voxbox.db-wal || -e $data/voxbox.db-shm ]]; then
	echo "the WAL and its index were not cleared away" >&2
	exit 1
fi
cp "$data/voxbox.db" "$out"
cat >"$secrets" <<EOF
# Written by make.sh with voxbox-0.1.0.db (release $RELEASE): what opens that database. Test data only.
admin-token=$ADMIN_TOKEN
pin-pepper=$PIN_PEPPER
jan.email=jan.jansen@example.com
jan.token=$jan_token
jan.pin=$JAN_PIN
emma.email=emma.wilson@example.com
emma.token=$emma_token
emma.pin=$EMMA_PIN
emma.earlier-pin=$EMMA_EARLIER_PIN
priya.email=priya.shah@example.com
priya.token=$priya_token
priya.pin=$PRIYA_PIN
default-pin=$DEFAULT_PIN
EOF
log "wrote $out ($(stat -c %s "$out") bytes) and $secrets"
