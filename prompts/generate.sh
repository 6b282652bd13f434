#!/usr/bin/env bash
# Regenerates the phone prompts in English and Dutch with espeak-ng and sox, as 8 kHz mono µ-law WAV files
# (what Voxbox plays without transcoding) into server/src/main/resources/prompts/<language>/<name>.wav.
# The texts are in prompts/<language>.txt as "name|text" lines. To use recorded prompts instead, drop WAV
# files with the same names there (8 kHz mono µ-law, A-law or 16-bit PCM).
# Needs: apt-get install espeak-ng sox
set -euo pipefail
cd "$(dirname "$0")"
out=../server/src/main/resources/prompts
for language in en nl; do
  mkdir -p "$out/$language"
  while IFS='|' read -r name text; do
    [ -z "$name" ] && continue
    case "$name" in \#*) continue ;; esac
    tmp=$(mktemp --suffix=.wav)
    espeak-ng -v "$language" -s 150 -w "$tmp" "$text"
    # Trim leading/trailing silence, bring to telephone level, resample to 8 kHz µ-law.
    sox "$tmp" -r 8000 -c 1 -e u-law -b 8 "$out/$language/$name.wav" silence 1 0.02 0.5% reverse silence 1 0.02 0.5% reverse norm -6
    rm -f "$tmp"
  done < "$language.txt"
done
echo "prompts written to $out"
