#!/usr/bin/env bash
# Makes the held-out scans the accuracy figures in the closing notes are measured
# on, into out/ (git-ignored, never committed), so that a new machine can
# measure again. Deterministic: make-scans draws every random choice from its
# seed, the file name, the resolution and the page.
#
#   bash scripts/make-heldout.sh            every set below
#   bash scripts/make-heldout.sh s15 p052   only the named sets
#   bash scripts/make-heldout.sh --list     the sets and their folders
#
# Measure a set with
#   POA_SCANNED_DIR=out/heldout-s15 POA_OCR_CACHE=out/cache-s15 npx tsx scripts/dev-scan-accuracy.ts --brief
#
# Sets:
#   heldout   obras2025_t2, seed000, seguridad2024, sindicatura2023 at 300 dpi,
#             four digital fixtures at 200 dpi (seed "heldout")
#   stress    the 14 stress fixtures at 300 dpi, three at 200 (seed "heldout-stress")
#   s14 … s19 the 20 files (every digital and stress fixture but seed000, whose
#             1,866 fields would outweigh the rest) at 300 dpi, one seed each
#   dvc p052 gothic bookman narrow c059 mono dsc carlito
#             the same 20 files drawn in a font the fixtures do not use
#             (make-fixtures --font; a file the font makes too wide is left
#             out), scanned at 300 dpi with a seed of their own
# Fonts come from Debian's fonts-dejavu-core, fonts-urw-base35 and
# fonts-crosextra-carlito.
set -euo pipefail
cd "$(dirname "$0")/.."

DIGITAL20="dif2025_t3 obras2024 obras2025_t2 seed004 seguridad2024 sindicatura2023"
STRESS14="stress-avance stress-estimacion stress-identificacion stress-tmm stress2-avance stress2-estimacion stress2-filas stress2-identificacion stress2-tmm stress3-avance stress3-estimacion stress3-identificacion stress3-mixto stress3-tmm"
URW=/usr/share/fonts/opentype/urw-base35
DEJAVU=/usr/share/fonts/truetype/dejavu
CARLITO=/usr/share/fonts/truetype/crosextra

# name → "seed|regular,bold" for the font sets
declare -A FONT=(
  [dvc]="f19|$DEJAVU/DejaVuSansCondensed.ttf,$DEJAVU/DejaVuSansCondensed-Bold.ttf"
  [p052]="f20|$URW/P052-Roman.otf,$URW/P052-Bold.otf"
  [gothic]="f21|$URW/URWGothic-Book.otf,$URW/URWGothic-Demi.otf"
  [bookman]="f22|$URW/URWBookman-Light.otf,$URW/URWBookman-Demi.otf"
  [narrow]="f23|$URW/NimbusSansNarrow-Regular.otf,$URW/NimbusSansNarrow-Bold.otf"
  [c059]="f24|$URW/C059-Roman.otf,$URW/C059-Bold.otf"
  [mono]="f25|$URW/NimbusMonoPS-Regular.otf,$URW/NimbusMonoPS-Bold.otf"
  [dsc]="f26|$DEJAVU/DejaVuSerifCondensed.ttf,$DEJAVU/DejaVuSerifCondensed-Bold.ttf"
  [carlito]="f27|$CARLITO/Carlito-Regular.ttf,$CARLITO/Carlito-Bold.ttf"
)
SEEDS="s14 s14b s15 s16 s17 s18 s19"
ALL="heldout stress $SEEDS dvc p052 gothic bookman narrow c059 mono dsc carlito"

scans() { npx tsx scripts/make-scans.ts "$@"; }

make_set() {
  local set=$1 args=()
  case "$set" in
    heldout)
      scans --out out/heldout --seed heldout obras2025_t2@300 seed000@300 seguridad2024@300 sindicatura2023@300 \
        obras2024@200 sindicatura2023@200 dif2025_t3@200 obras2025_t2@200 ;;
    stress)
      for n in $STRESS14; do args+=("stress/$n@300"); done
      scans --out out/heldout-stress --seed heldout-stress "${args[@]}" stress/stress-avance@200 stress/stress-estimacion@200 stress/stress-tmm@200 ;;
    s1[0-9]*)
      for n in $DIGITAL20; do args+=("$n@300"); done
      for n in $STRESS14; do args+=("stress/$n@300"); done
      scans --out "out/heldout-$set" --seed "$set" "${args[@]}" ;;
    *)
      [[ -n "${FONT[$set]:-}" ]] || { echo "make-heldout: no set named $set (see --list)" >&2; exit 2; }
      local seed=${FONT[$set]%%|*} font=${FONT[$set]#*|}
      [[ -f ${font%%,*} ]] || { echo "make-heldout: $set needs ${font%%,*} (install its Debian font package)" >&2; exit 2; }
      # One file at a time: make-fixtures stops at a file the font makes too wide.
      for n in $DIGITAL20 $STRESS14; do
        npx tsx scripts/make-fixtures.ts --font "$font" --out "out/font-$set" "$n" 2>&1 | grep -v '^$' | tail -1 || true
      done
      for f in out/font-"$set"/*.pdf; do args+=("../out/font-$set/$(basename "$f" .pdf)@300"); done
      scans --out "out/heldout-$set" --seed "$seed" "${args[@]}" ;;
  esac
}

if [[ ${1:-} == --list ]]; then
  for s in $ALL; do
    case "$s" in heldout) echo "heldout  out/heldout" ;; *) echo "$s  out/heldout-$s" ;; esac
  done
  exit 0
fi
sets=("$@")
[[ ${#sets[@]} -eq 0 ]] && read -ra sets <<<"$ALL"
for s in "${sets[@]}"; do make_set "$s"; done
