#!/usr/bin/env bash
# Rebuilds assets/fonts/ from Debian 12 (bookworm) packages, so the committed fonts can be reproduced
# and upgraded. Needs root (apt) once:
#   apt-get update && apt-get install -y --no-install-recommends \
#     fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji fonttools
# Then: bash scripts/fonts/build-fonts.sh
# See assets/fonts/README.md for what each file is and why the CJK face is a subset.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="${repo_root}/assets/fonts"
noto_ttf=/usr/share/fonts/truetype/noto
noto_otf=/usr/share/fonts/opentype/noto
# pyftsubset's Python; a pyenv shim earlier on PATH would not see Debian's python3-fonttools.
python=/usr/bin/python3

mkdir -p "${out}/licenses"

for face in NotoSans-Regular NotoSans-Bold NotoSansDevanagari-Regular NotoSansDevanagari-Bold \
  NotoSansArabic-Regular NotoSansArabic-Bold NotoColorEmoji; do
  install -m 0644 "${noto_ttf}/${face}.ttf" "${out}/${face}.ttf"
done

# The full Noto Sans CJK collection is ~19 MB per weight. We keep the Simplified Chinese face (index 2 of
# the .ttc) limited to characters that are defined by national standards, so the list is reproducible
# without a downloaded frequency list:
#   - GB 2312 level-1 hanzi (rows 16-55): the 3,755 most common Simplified Chinese characters;
#   - JIS X 0208 level-1 kanji (rows 16-47): 2,965 common Japanese kanji (covers nearly all Joyo kanji);
#   - every other non-hanzi character of GB 2312 and JIS X 0208 (punctuation, Greek, Cyrillic, box drawing...);
#   - whole blocks: CJK Symbols and Punctuation, Hiragana, Katakana (+ Phonetic Extensions),
#     Halfwidth and Fullwidth Forms, CJK Compatibility Forms, Vertical Forms.
# Hangul and rarer hanzi/kanji are not kept: they are reported as missing glyphs.
codepoints="$(mktemp)"
trap 'rm -f "${codepoints}"' EXIT
"${python}" - "${codepoints}" <<'PY'
import sys

def euc_rows(codec, first_row, last_row):
    """Characters of a 94x94 EUC table (GB 2312 or JIS X 0208) in rows first_row..last_row (1-based)."""
    chars = set()
    for row in range(first_row, last_row + 1):
        for cell in range(1, 95):
            try:
                chars.add(bytes([row + 0xA0, cell + 0xA0]).decode(codec))
            except UnicodeDecodeError:
                pass  # unassigned cell
    return chars

chars = set()
chars |= euc_rows('gb2312', 16, 55)   # level-1 hanzi
chars |= euc_rows('gb2312', 1, 9)     # symbols, kana, Greek, Cyrillic, pinyin, box drawing
chars |= euc_rows('euc_jp', 16, 47)   # level-1 kanji
chars |= euc_rows('euc_jp', 1, 8)     # symbols, digits, kana, Greek, Cyrillic, box drawing
for first, last in [(0x3000, 0x303F), (0x3040, 0x309F), (0x30A0, 0x30FF), (0x31F0, 0x31FF),
                    (0xFF00, 0xFFEF), (0xFE30, 0xFE4F), (0xFE10, 0xFE1F)]:
    chars |= {chr(cp) for cp in range(first, last + 1)}
with open(sys.argv[1], 'w') as out:
    out.write('\n'.join(f'U+{ord(c):04X}' for c in sorted(chars)))
print(f'CJK subset: {len(chars)} code points', file=sys.stderr)
PY

# Regular only: each weight costs ~2.8 MB, and Skia emboldens the Regular outlines when bold is asked for
# (see README). --layout-features='*' keeps vertical forms, proportional kana (palt) and locl, which the
# subsetter drops by default.
"${python}" -m fontTools.subset "${noto_otf}/NotoSansCJK-Regular.ttc" --font-number=2 \
  --unicodes-file="${codepoints}" --layout-features='*' --name-IDs='*' --name-languages='*' \
  --output-file="${out}/NotoSansCJKsc-Regular-subset.otf"

install -m 0644 /usr/share/doc/fonts-noto-core/copyright "${out}/licenses/fonts-noto-core.copyright"
install -m 0644 /usr/share/doc/fonts-noto-cjk/copyright "${out}/licenses/fonts-noto-cjk.copyright"
install -m 0644 /usr/share/doc/fonts-noto-color-emoji/copyright "${out}/licenses/fonts-noto-color-emoji.copyright"

ls -l "${out}"
du -sh "${out}"
