"""Rule R and rule P: a generous letter mapping between Latin and Hangul, shared by the evaluation
scripts (eval-matching) and the fitting scripts (fit-name-model: which training pairs are spelling
variants). It never consults irum."""
import collections
import functools
import re
import unicodedata

# ---- Rule R and rule P: a generous letter mapping between Latin and Hangul. ----
#
# Written for this script from the romanizations Korean names are written in (RR, McCune-
# Reischauer and its ASCII forms, the DPRK system, and ad-hoc English spellings such as Lee, Park,
# Choi, Young, Soo). It never consults irum.

INITIALS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
MEDIALS = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
FINALS = ["", "ㄱ", "ㄲ", "ㄳ", "ㄴ", "ㄵ", "ㄶ", "ㄷ", "ㄹ", "ㄺ", "ㄻ", "ㄼ", "ㄽ", "ㄾ", "ㄿ",
          "ㅀ", "ㅁ", "ㅂ", "ㅄ", "ㅅ", "ㅆ", "ㅇ", "ㅈ", "ㅊ", "ㅋ", "ㅌ", "ㅍ", "ㅎ"]

# Latin onset -> the initial consonants it may write. "" is the silent ㅇ. r/l/rh may write ㅇ
# (Lee, Rhee, Rim, Ryu: the initial-sound rule, written or not) and ㄴ (Roh); n may write ㄹ
# (Jongno, Kŭng-nyŏl); doubled letters may write a plain consonant (written tensing).
ONSETS = collections.OrderedDict([
    ("", "ㅇ"),
    ("g", "ㄱㄲ"), ("gh", "ㄱ"), ("k", "ㄱㅋㄲ"), ("kk", "ㄲㄱ"), ("gg", "ㄲㄱ"), ("kh", "ㅋ"), ("k'", "ㅋ"),
    ("n", "ㄴㄹ"),
    ("d", "ㄷㄸ"), ("t", "ㄷㅌㄸ"), ("tt", "ㄸㄷ"), ("dd", "ㄸ"), ("th", "ㅌ"), ("t'", "ㅌ"),
    ("r", "ㄹㄴㅇ"), ("l", "ㄹㄴㅇ"), ("rh", "ㄹㅇ"),
    ("m", "ㅁ"),
    ("b", "ㅂㅃ"), ("p", "ㅂㅍㅃ"), ("pp", "ㅃㅂ"), ("bb", "ㅃ"), ("ph", "ㅍ"), ("p'", "ㅍ"),
    ("s", "ㅅㅆ"), ("ss", "ㅆㅅ"), ("sh", "ㅅ"),
    ("j", "ㅈㅉ"), ("ch", "ㅈㅊㅉ"), ("jj", "ㅉㅈ"), ("tch", "ㅉ"), ("ch'", "ㅊ"), ("chh", "ㅊ"),
    ("h", "ㅎ"),
])

# Latin vowel -> the vowels it may write. An "h" after a vowel and before anything but a e i o u
# may be silent (Ahn, Oh, Suh, Uhm, Ahyoung).
VOWELS = collections.OrderedDict([
    ("a", "ㅏ"), ("aa", "ㅏ"), ("ae", "ㅐㅔ"), ("ai", "ㅐ"), ("ya", "ㅑ"), ("yae", "ㅒㅖ"),
    ("eo", "ㅓ"), ("eou", "ㅓ"), ("o'", "ㅓ"), ("o", "ㅗㅓ"), ("u", "ㅜㅡㅓ"), ("ur", "ㅓ"),
    ("e", "ㅔㅐㅓ"), ("eu", "ㅡㅓ"), ("u'", "ㅡ"),
    ("yeo", "ㅕ"), ("yo'", "ㅕ"), ("y'o", "ㅕ"), ("yo", "ㅛㅕ"), ("you", "ㅕㅠ"), ("yu", "ㅠㅕ"),
    ("yea", "ㅕ"), ("ye", "ㅖㅒ"),
    ("wa", "ㅘ"), ("oa", "ㅘ"), ("wae", "ㅙㅚㅞ"), ("oe", "ㅚ"), ("oi", "ㅚ"), ("we", "ㅞㅚ"),
    ("weo", "ㅝ"), ("wo", "ㅝ"), ("wo'", "ㅝ"), ("woo", "ㅜ"), ("wu", "ㅜ"),
    ("oo", "ㅜ"), ("ou", "ㅜ"), ("yoo", "ㅠ"),
    ("wi", "ㅟ"), ("wee", "ㅟ"), ("ui", "ㅢㅟ"), ("u'i", "ㅢ"), ("eui", "ㅢ"),
    ("i", "ㅣㅢ"), ("ee", "ㅣㅢ"), ("yi", "ㅣㅢ"), ("ie", "ㅣ"),
])

# Latin coda -> the final sounds it may write (k n t l m p ng; "" = no final). With the sound
# changes of Latin -> Hangul checks (rule R) a coda may also write the final it assimilated from:
# ng for k (Dongnimmun), n for t, m for p (Wangsimni), l for n (Silla).
CODAS = collections.OrderedDict([
    ("", ""), ("k", "k"), ("g", "k"), ("kk", "k"), ("gg", "k"), ("c", "k"), ("ck", "k"),
    ("rk", "k"),
    ("n", "n"), ("nn", "n"),
    ("t", "t"), ("d", "t"), ("s", "t"), ("tt", "t"), ("ss", "t"),
    ("l", "l"), ("ll", "l"), ("r", "l"),
    ("m", "m"), ("mm", "m"),
    ("p", "p"), ("b", "p"), ("pp", "p"),
    ("ng", "ng"),
])
ASSIMILATED = {"ng": "k", "n": "t", "m": "p", "l": "n"}
# The final sounds of each Hangul final (its "class"); ㅎ may be silent.
FINAL_SOUNDS = {
    "": {""}, "ㄱ": {"k"}, "ㄲ": {"k"}, "ㄳ": {"k"}, "ㄴ": {"n"}, "ㄵ": {"n"}, "ㄶ": {"n"},
    "ㄷ": {"t"}, "ㄹ": {"l"}, "ㄺ": {"l", "k"}, "ㄻ": {"l", "m"}, "ㄼ": {"l", "p"}, "ㄽ": {"l"},
    "ㄾ": {"l"}, "ㄿ": {"l", "p"}, "ㅀ": {"l"}, "ㅁ": {"m"}, "ㅂ": {"p"}, "ㅄ": {"p"},
    "ㅅ": {"t"}, "ㅆ": {"t"}, "ㅇ": {"ng"}, "ㅈ": {"t"}, "ㅊ": {"t"}, "ㅋ": {"k"}, "ㅌ": {"t"},
    "ㅍ": {"p"}, "ㅎ": {"t", ""},
}
# A final carried over to the next syllable's silent ㅇ (Seogam for 석암): the onset letters that
# may write it.
LINKED = {"g": "k", "k": "k", "n": "n", "d": "t", "t": "t", "s": "t", "j": "t", "ch": "t",
          "r": "l", "l": "l", "m": "m", "b": "p", "p": "p"}
ASPIRATES = {"k", "t", "p", "ch", "kh", "th", "ph", "k'", "t'", "p'", "ch'"}  # ㄱ/ㄷ/ㅂ + ㅎ
Y_OR_I_VOWELS = set("ㅑㅒㅕㅖㅛㅠㅣ")  # n-insertion before these (Hangnyeoul for 학여울)

SEPARATORS = " -_,.'·/"
DIGIT_RUN = re.compile(r"(\d+(?:·\d+)*)")

RULE_R = """\
Rule R (is this row a romanized Korean name? reads the row's Latin and Hangul, never irum):
  1. The Hangul (spaces removed) is Hangul syllables only, with digits and "·" allowed for
     places ("도화1동"); persons: 2 to 4 syllables and no space (a Hangul name with a space is a
     foreign name in Korean script: "잭슨 왕"). A trailing "?" (the source's own doubt) is
     dropped from the Hangul first.
  2. The Latin, lowercased, ŏ/ŭ written o'/u', other diacritics removed, a reading in
     parentheses after a number removed ("1(il)" -> "1"), can be cut into exactly as many
     pieces as the Hangul has syllables, in order (persons: or with the first syllable, the
     surname, written last), each piece an onset + a vowel + a coda of the letter tables below
     whose sets contain that syllable's initial, vowel and final sound; cuts fall at every space,
     hyphen, comma, period, underscore and may fall at an apostrophe; digits must be the Hangul's
     digits. At syllable junctions the written sound changes are accepted: assimilated codas
     (ng for a k final, n for t, m for p, l for n), a final carried to a following silent ㅇ
     (Seogam for 석암), ㄱ/ㄷ/ㅂ + ㅎ written as one aspirate, an n before a y-vowel or i after a
     final (n-insertion). Anywhere: a silent ㄹ or ㄴ before i or a y-vowel (the initial-sound
     rule: Yoo for 류, Imto for 림토), a silent "h" after a vowel and before anything but
     a e i o u (Ahn, Oh, Ahyoung).
  A row failing 1 or 2 is reported under "not romanized Korean" with the reason (Chinese,
  Japanese and Western names, stage names, truncated or shortened labels: "Daegu" for
  대구광역시, spellings in other languages' orthographies: Czech "Čche", Polish "sz"). Every row
  is counted in exactly one of the two groups, whatever irum answers."""

RULE_P = """\
Rule P (two aliases of one sanctioned individual are spelling variants of one name):
  both aliases can be cut, as in rule R step 2 but without the junction sound changes (names on
  these lists are written syllable by syllable), into the same number of pieces such that the
  sets of each pair of corresponding pieces intersect in their initial, vowel and final sound:
  some Hangul name could be written by both. "CHA, Sung Jun" / "CH'A, Su'ng-chun" and
  "CHO, Yongwon" / "JO, Yong-Won" are variants; "CHO, Il-U" / "CHO, Ch'o'l" (another given
  name), "RI, Song-hyok" / "LI, Cheng He" (a Chinese reading), "MIN, Byong Chol" / "MIN, Byong
  Chun" (l/n final) and "KIM Young-Chol" / "Young-Chul" (a part missing) are not.
  (Stricter than "same token count and same surname initial modulo L/Y/R/N, P/B, K/G, T/D,
  J/CH": that rule accepts the Chinese reading and the other given name above and rejects
  "Yongwon" / "Yong-Won".)"""

def describe_tables():
    def fmt(table):
        return ", ".join("%s=%s" % (latin or "∅", jamo or "∅") for latin, jamo in table.items())
    return "\n".join([
        "Letter tables (Latin=Hangul it may write; ∅ empty):",
        "  onsets: " + fmt(ONSETS),
        "  vowels: " + fmt(VOWELS),
        "  codas (final sounds k n t l m p ng): " + fmt(CODAS),
        "  codas, assimilated (rule R only): " + fmt(ASSIMILATED),
        "  Hangul finals -> sounds: ㄱㄲㄳㅋ k, ㄴㄵㄶ n, ㄷㅅㅆㅈㅊㅌ t, ㅎ t or none, ㄹㄽㄾㅀ l, "
        "ㄺ l/k, ㄻ l/m, ㄼㄿ l/p, ㅁ m, ㅂㅄㅍ p, ㅇ ng"])


def decompose(ch):
    """(initial, vowel, final) compatibility jamo of a Hangul syllable, or None."""
    code = ord(ch) - 0xAC00
    if not 0 <= code < 11172:
        return None
    return INITIALS[code // 588], MEDIALS[(code % 588) // 28], FINALS[code % 28]


def fold_latin(text):
    """Lowercase Latin for the rules: apostrophes unified, ŏ ŭ -> o' u', other marks dropped."""
    text = unicodedata.normalize("NFC", text).lower().strip()
    for a in "’ʼ‘`´":
        text = text.replace(a, "'")
    for marked, plain in (("ŏ", "o'"), ("ǒ", "o'"), ("ŭ", "u'"), ("ǔ", "u'")):
        text = text.replace(marked, plain)
    text = unicodedata.normalize("NFD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"'\s+(?=[a-z])", "'", text)  # "Myo' ng" -> "myo'ng"
    return re.sub(r"(\d)\s*\([a-z'·\s]*\)", r"\1", text)  # "1(il)" -> "1"


def letters_key(text):
    """Lowercase a-z only: the form compared for homonyms and near misses."""
    return re.sub("[^a-z]", "", fold_latin(text))


def _starting(table, text, pos):
    return [(latin, jamo) for latin, jamo in table.items() if text.startswith(latin, pos)]


class Spelling:
    """A folded Latin string with the table entries that start at each position."""

    def __init__(self, text):
        self.text = text
        n = len(text)
        self.onsets = [_starting(ONSETS, text, p) for p in range(n + 1)]
        self.vowels = [_starting(VOWELS, text, p) for p in range(n + 1)]
        self.codas = [_starting(CODAS, text, p) for p in range(n + 1)]

    def after_separators(self, pos):
        while pos < len(self.text) and self.text[pos] in SEPARATORS:
            pos += 1
        return pos

    def vowel_ends(self, pos):
        """(end, vowels) of every vowel at pos, with an optional silent h after it (before
        anything but a, e, i, o, u)."""
        out = []
        for latin, jamo in self.vowels[pos]:
            end = pos + len(latin)
            out.append((end, jamo))
            t = self.text
            if end < len(t) and t[end] == "h" and (end + 1 == len(t) or
                                                   t[end + 1] not in "aeiou"):
                out.append((end + 1, jamo))
        return out


def spells(latin, syllables):
    """Rule R step 2 for one run of letters: can `latin` (folded) write `syllables` (decomposed),
    in order, with the junction sound changes?"""
    s = Spelling(latin)
    n = len(latin)
    count = len(syllables)

    @functools.lru_cache(maxsize=None)
    def go(pos, j, owed):
        # owed: the final sound of syllable j-1 left unwritten, to be written by j's onset.
        p = s.after_separators(pos)
        if j == count:
            return owed is None and p == n
        initial, vowel, final = syllables[j]
        prev_final = syllables[j - 1][2] if j else ""
        for onset, initials in s.onsets[p]:
            if owed is not None:
                if not onset:
                    continue
                linked = initial == "ㅇ" and LINKED.get(onset) == owed
                aspirated = initial == "ㅎ" and owed in ("k", "t", "p") and onset in ASPIRATES
                if not (linked or aspirated):
                    continue
            elif initial not in initials:
                inserted = (onset in ("n", "l") and initial == "ㅇ" and prev_final
                            and vowel in Y_OR_I_VOWELS)
                dropped = not onset and initial in "ㄹㄴ" and vowel in Y_OR_I_VOWELS
                if not (inserted or dropped):
                    continue
            q = p + len(onset)
            for r, vowels in s.vowel_ends(q):
                if vowel not in vowels:
                    continue
                sounds = FINAL_SOUNDS[final]
                for coda, sound in s.codas[r]:
                    written = {sound} | ({ASSIMILATED[coda]} if coda in ASSIMILATED else set())
                    if not coda:
                        if "" in sounds and go(r, j + 1, None):
                            return True
                        if j + 1 < count:
                            for owed_sound in sounds - {""}:
                                if go(r, j + 1, owed_sound):
                                    return True
                    elif sounds & written and go(r + len(coda), j + 1, None):
                        return True
        return False

    return go(0, 0, None)


@functools.lru_cache(maxsize=None)
def piece_lattice(text):
    """Rule P: every syllable-sized piece of folded `text`, by start: (end, initials, vowels,
    final sounds), without sound changes."""
    s = Spelling(text)
    n = len(text)
    lattice = {}
    for start in range(n + 1):
        p = s.after_separators(start)
        pieces = []
        for onset, initials in s.onsets[p]:
            q = p + len(onset)
            for r, vowels in s.vowel_ends(q):
                written = set(initials)
                if not onset and set(vowels) <= Y_OR_I_VOWELS:
                    written |= {"ㄹ", "ㄴ"}  # the initial-sound rule (Yoo for 류)
                for coda, sound in s.codas[r]:
                    pieces.append((r + len(coda), frozenset(written), frozenset(vowels),
                                   frozenset([sound])))
        lattice[start] = pieces
    return lattice


def variants(a, b):
    """Rule P: can the aliases a and b write one Hangul name (piece sets pairwise intersect)?"""
    fa, fb = fold_latin(a), fold_latin(b)
    if not fa or not fb:
        return False
    la, lb = piece_lattice(fa), piece_lattice(fb)

    def at_end(text, pos):
        return all(ch in SEPARATORS for ch in text[pos:])

    @functools.lru_cache(maxsize=None)
    def go(pa, pb):
        if at_end(fa, pa) or at_end(fb, pb):
            return at_end(fa, pa) and at_end(fb, pb)
        for ea, ia, va, fa_ in la[pa]:
            for eb, ib, vb, fb_ in lb[pb]:
                if ia & ib and va & vb and fa_ & fb_ and go(ea, eb):
                    return True
        return False

    return go(0, 0)


def romanized_korean(latin, hangul, person):
    """Rule R. Returns None when the row is a romanized Korean name, else the reason."""
    h = re.sub(r"\s", "", hangul)
    if not person:  # "불로·봉무동": a dot between names (not between numbers) is a word break
        h = re.sub(r"(?<!\d)·|·(?!\d)", "", h)
    if person and re.search(r"\s", hangul.strip()):
        return "Hangul with a space (a foreign name in Korean script)"
    allowed = "[\uac00-\ud7a3]" if person else "[\uac00-\ud7a3\\d·]"
    if not h or not re.fullmatch(allowed + "+", h):
        return "Hangul has characters other than syllables" + ("" if person else
                                                               ", digits and ·")
    if person and not 2 <= len(h) <= 4:
        return "Hangul is not 2-4 syllables"
    folded = fold_latin(latin)
    if not re.fullmatch(r"[a-z0-9%s()]*" % re.escape(SEPARATORS), folded) or not folded:
        return "Latin has characters other than a-z, digits and separators"
    hangul_runs = DIGIT_RUN.split(h)
    latin_runs = DIGIT_RUN.split(folded)
    if len(hangul_runs) != len(latin_runs):
        return "digits differ"
    for i, (hr, lr) in enumerate(zip(hangul_runs, latin_runs)):
        if i % 2:
            if hr != lr:
                return "digits differ"
            continue
        if "(" in lr or ")" in lr:
            return "Latin does not write the Hangul (parentheses)"
        syllables = [decompose(ch) for ch in hr]
        if None in syllables:
            return "Hangul has characters other than syllables, digits and ·"
        if not syllables:
            if lr.strip(SEPARATORS):
                return "Latin does not write the Hangul"
            continue
        ok = spells(lr, tuple(syllables))
        if not ok and person and len(hangul_runs) == 1 and len(syllables) >= 2:
            # Surname last ("Yo-jong Kim"): the first syllable written after a word break.
            rotated = tuple(syllables[1:] + syllables[:1])
            for m in re.finditer(r"[\s,]+", lr):
                if spells(lr[:m.start()], rotated[:-1]) and spells(lr[m.end():], rotated[-1:]):
                    ok = True
                    break
        if not ok:
            return "Latin does not write the Hangul"
    return None
