#!/usr/bin/env bash
# Regenerates the phone prompts in English and Dutch with espeak-ng and sox, as 8 kHz mono µ-law WAV files
# (what Voxbox plays without transcoding) into server/src/main/resources/prompts/<language>/<name>.wav.
# The texts are in prompts/<language>.txt as "name|text" lines. To use recorded prompts instead, drop WAV
# files with the same names there (8 kHz mono µ-law, A-law or 16-bit PCM).
# Needs: apt-get install espeak-ng sox
set -euo pipefail
cd "$(dirname "$0")"
out=../server/src/main/resources/prompts
say() { # language name text
  local tmp
  tmp=$(mktemp --suffix=.wav)
  espeak-ng -v "$1" -s 150 -w "$tmp" "$3"
  # Trim leading/trailing silence, bring to telephone level, resample to 8 kHz µ-law.
  sox -D "$tmp" -r 8000 -c 1 -e u-law -b 8 "$out/$1/$2.wav" silence 1 0.02 0.5% reverse silence 1 0.02 0.5% reverse norm -6
  rm -f "$tmp"
}
for language in en nl; do
  mkdir -p "$out/$language"
  while IFS='|' read -r name text; do
    [ -z "$name" ] && continue
    case "$name" in \#*) continue ;; esac
    say "$language" "$name" "$text"
  done < "$language.txt"
  # Numbers as words (n0 … n99; larger ones are composed with "hundred" and "thousand") and the ordinals of
  # the days of a month (ord1 … ord31), which espeak-ng reads from digits in each language.
  for n in $(seq 0 99); do say "$language" "n$n" "$n"; done
  for n in $(seq 1 31); do
    if [ "$language" = en ]; then
      case "$n" in 1|21|31) s=st ;; 2|22) s=nd ;; 3|23) s=rd ;; *) s=th ;; esac
      say en "ord$n" "the $n$s"
    else
      say nl "ord$n" "${n}e"
    fi
  done
done
echo "prompts written to $out"
