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
  NotoSansArabic-Regular NotoSansArabic-Bold NotoSansHebrew-Regular NotoSansHebrew-Bold \
  NotoSansThai-Regular NotoSansThai-Bold NotoSansBengali-Regular NotoSansBengali-Bold \
  NotoSansTamil-Regular NotoSansTamil-Bold NotoColorEmoji; do
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
codepoints_kr="$(mktemp)"
codepoints_tc="$(mktemp)"
trap 'rm -f "${codepoints}" "${codepoints_kr}" "${codepoints_tc}"' EXIT
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

# Korean and Traditional Chinese, from their own faces of the same collection so the glyph shapes follow
# each locale's conventions, again limited by national standards:
#   - KR (face 1): the 2,350 Hangul syllables of KS X 1001 (rows 16-40), which cover nearly all modern
#     Korean text, plus the Hangul Compatibility Jamo block and Korean punctuation; no hanja.
#   - TC (face 3): Big5 level-1 hanzi (0xA440-0xC67E, 5,401 frequently used characters) and Big5's symbol
#     rows (0xA140-0xA3BF): punctuation, full-width forms and Bopomofo.
"${python}" - "${codepoints_kr}" "${codepoints_tc}" <<'PY'
import sys

def double_byte(codec, leads, trails):
    chars = set()
    for lead in leads:
        for trail in trails:
            try:
                chars.add(bytes([lead, trail]).decode(codec))
            except UnicodeDecodeError:
                pass  # unassigned cell
    return chars

def write(path, chars, label):
    with open(path, 'w') as out:
        out.write('\n'.join(f'U+{ord(c):04X}' for c in sorted(chars)))
    print(f'{label} subset: {len(chars)} code points', file=sys.stderr)

korean = double_byte('euc_kr', range(0xB0, 0xC9), range(0xA1, 0xFF))  # KS X 1001 Hangul syllables
korean |= {chr(cp) for cp in range(0x3130, 0x3190)}  # Hangul Compatibility Jamo
korean |= {chr(cp) for cp in range(0x3000, 0x3040)}  # CJK Symbols and Punctuation
write(sys.argv[1], korean, 'Korean')

big5_trails = list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF))
traditional = double_byte('big5', range(0xA4, 0xC6), big5_trails)
traditional |= {c for c in double_byte('big5', [0xC6], range(0x40, 0x7F))}  # level 1 ends at 0xC67E
traditional |= double_byte('big5', range(0xA1, 0xA4), big5_trails)  # symbols, Bopomofo
write(sys.argv[2], traditional, 'Traditional Chinese')
PY

"${python}" -m fontTools.subset "${noto_otf}/NotoSansCJK-Regular.ttc" --font-number=1 \
  --unicodes-file="${codepoints_kr}" --layout-features='*' --name-IDs='*' --name-languages='*' \
  --output-file="${out}/NotoSansCJKkr-Regular-subset.otf"
"${python}" -m fontTools.subset "${noto_otf}/NotoSansCJK-Regular.ttc" --font-number=3 \
  --unicodes-file="${codepoints_tc}" --layout-features='*' --name-IDs='*' --name-languages='*' \
  --output-file="${out}/NotoSansCJKtc-Regular-subset.otf"

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
