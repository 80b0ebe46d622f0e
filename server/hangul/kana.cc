#include "server/hangul/kana.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "server/hangul/jamo.h"
#include "server/hangul/pronounce.h"
#include "server/text/utf8.h"

namespace irum::hangul {
namespace {

// A consonant's row of the kana table, and a vowel's column.
enum class Row : uint8_t { kNone, kK, kG, kS, kT, kD, kN, kH, kM, kR, kP, kB, kCh, kJ };
enum class Column : uint8_t { kA, kI, kU, kE, kO, kYa, kYu, kYe, kYo, kWa, kWi, kWe, kWo, kUi };

// The five plain columns (a i u e o) of each row.
constexpr std::array<std::array<const char32_t*, 5>, 14> kPlain = {{
    {U"ア", U"イ", U"ウ", U"エ", U"オ"},
    {U"カ", U"キ", U"ク", U"ケ", U"コ"},
    {U"ガ", U"ギ", U"グ", U"ゲ", U"ゴ"},
    {U"サ", U"シ", U"ス", U"セ", U"ソ"},
    {U"タ", U"ティ", U"トゥ", U"テ", U"ト"},
    {U"ダ", U"ディ", U"ドゥ", U"デ", U"ド"},
    {U"ナ", U"ニ", U"ヌ", U"ネ", U"ノ"},
    {U"ハ", U"ヒ", U"フ", U"ヘ", U"ホ"},
    {U"マ", U"ミ", U"ム", U"メ", U"モ"},
    {U"ラ", U"リ", U"ル", U"レ", U"ロ"},
    {U"パ", U"ピ", U"プ", U"ペ", U"ポ"},
    {U"バ", U"ビ", U"ブ", U"ベ", U"ボ"},
    {U"チャ", U"チ", U"チュ", U"チェ", U"チョ"},
    {U"ジャ", U"ジ", U"ジュ", U"ジェ", U"ジョ"},
}};

std::u32string Mora(Row row, Column column) {
  const auto& plain = kPlain[static_cast<size_t>(row)];
  switch (column) {
    case Column::kA: return plain[0];
    case Column::kI: return plain[1];
    case Column::kU: return plain[2];
    case Column::kE: return plain[3];
    case Column::kO: return plain[4];
    case Column::kUi:  // 의 ウィ; after a consonant the i alone: 희 ヒ.
      return row == Row::kNone ? std::u32string(U"ウィ") : std::u32string(plain[1]);
    default:
      break;
  }
  const bool y = column == Column::kYa || column == Column::kYu || column == Column::kYe ||
                 column == Column::kYo;
  if (y) {
    if (row == Row::kNone) {
      switch (column) {
        case Column::kYa: return U"ヤ";
        case Column::kYu: return U"ユ";
        case Column::kYe: return U"イェ";
        default: return U"ヨ";
      }
    }
    // ㅈ ㅊ are palatal already (자 and 쟈 alike); ㅅ takes シ; the others the i column and a
    // small ャ ュ ェ ョ.
    const size_t plain_column = column == Column::kYa ? 0 : column == Column::kYu ? 2
                                : column == Column::kYe ? 3 : 4;
    if (row == Row::kCh || row == Row::kJ) return plain[plain_column];
    static constexpr std::array<const char32_t*, 4> kSmall = {U"ャ", U"ュ", U"ェ", U"ョ"};
    const size_t small = column == Column::kYa ? 0 : column == Column::kYu ? 1
                         : column == Column::kYe ? 2 : 3;
    std::u32string out = row == Row::kS ? U"シ" : plain[1];
    return out + kSmall[small];
  }
  // w vowels: ワ ウィ ウェ ウォ alone, ファ after ㅎ, else the u column and a small vowel.
  static constexpr std::array<const char32_t*, 4> kSmallVowel = {U"ァ", U"ィ", U"ェ", U"ォ"};
  const size_t w = column == Column::kWa ? 0 : column == Column::kWi ? 1
                   : column == Column::kWe ? 2 : 3;
  if (row == Row::kNone) {
    static constexpr std::array<const char32_t*, 4> kAlone = {U"ワ", U"ウィ", U"ウェ", U"ウォ"};
    return kAlone[w];
  }
  std::u32string out = row == Row::kH ? U"フ" : plain[2];
  if (row == Row::kT || row == Row::kD) out = row == Row::kT ? U"ト" : U"ド";
  return out + kSmallVowel[w];
}

// A lead consonant's row where a name begins (voiceless) and inside it (voiced).
std::array<Row, 2> Rows(Lead lead) {
  switch (lead) {
    case Lead::kG: return {Row::kK, Row::kG};
    case Lead::kKK: case Lead::kK: return {Row::kK, Row::kK};
    case Lead::kN: return {Row::kN, Row::kN};
    case Lead::kD: return {Row::kT, Row::kD};
    case Lead::kTT: case Lead::kT: return {Row::kT, Row::kT};
    case Lead::kR: return {Row::kR, Row::kR};
    case Lead::kM: return {Row::kM, Row::kM};
    case Lead::kB: return {Row::kP, Row::kB};
    case Lead::kPP: case Lead::kP: return {Row::kP, Row::kP};
    case Lead::kS: case Lead::kSS: return {Row::kS, Row::kS};
    case Lead::kNone: return {Row::kNone, Row::kNone};
    case Lead::kJ: return {Row::kCh, Row::kJ};
    case Lead::kJJ: case Lead::kCh: return {Row::kCh, Row::kCh};
    case Lead::kH: return {Row::kH, Row::kH};
  }
  return {Row::kNone, Row::kNone};
}

// A vowel's columns after `lead`: the press's usual one first (최 チェ, also チュェ; 계 ケ and 혜
// ヘ, also キェ and ヒェ, as in パク・クネ; 예 イェ alone).
std::vector<Column> Columns(Vowel vowel, Lead lead) {
  switch (vowel) {
    case Vowel::kA: return {Column::kA};
    case Vowel::kAe: case Vowel::kE: return {Column::kE};
    case Vowel::kYa: return {Column::kYa};
    case Vowel::kYae: case Vowel::kYe:
      return lead == Lead::kNone ? std::vector<Column>{Column::kYe, Column::kE}
                                 : std::vector<Column>{Column::kE, Column::kYe};
    case Vowel::kEo: case Vowel::kO: return {Column::kO};
    case Vowel::kYeo: case Vowel::kYo: return {Column::kYo};
    case Vowel::kWa: return {Column::kWa};
    case Vowel::kWae: case Vowel::kWe: return {Column::kWe};
    case Vowel::kOe: return {Column::kE, Column::kWe};  // 최 チェ.
    case Vowel::kU: case Vowel::kEu: return {Column::kU};
    case Vowel::kWo: return {Column::kWo};
    case Vowel::kWi: return {Column::kWi};
    case Vowel::kYu: return {Column::kYu};
    case Vowel::kUi: return {Column::kUi, Column::kI};
    case Vowel::kI: return {Column::kI};
  }
  return {Column::kA};
}

const char32_t* TailKana(Tail tail) {
  switch (tail) {
    case Tail::kNone: return U"";
    case Tail::kG: case Tail::kKK: case Tail::kGS: case Tail::kLG: case Tail::kK: return U"ク";
    case Tail::kN: case Tail::kNJ: case Tail::kNH: case Tail::kNG: return U"ン";
    case Tail::kL: case Tail::kLB: case Tail::kLS: case Tail::kLT: case Tail::kLH: return U"ル";
    case Tail::kM: case Tail::kLM: return U"ム";
    case Tail::kB: case Tail::kBS: case Tail::kLP: case Tail::kP: return U"プ";
    default: return U"ッ";
  }
}

// The katakana of one syllable: voiced (inside a name) or not, in the vowel's usual column.
std::u32string Spell(char32_t syllable, bool voiced) {
  const Syllable s = Decompose(syllable);
  return Mora(Rows(s.lead)[voiced ? 1 : 0], Columns(s.vowel, s.lead).front()) + TailKana(s.tail);
}

}  // namespace

bool IsKana(char32_t c) {
  return (c >= 0x3041 && c <= 0x3096) || (c >= 0x30A1 && c <= 0x30FA) || c == 0x30FC ||
         c == 0x30FB;
}

bool IsKatakana(char32_t c) {
  return (c >= 0x30A1 && c <= 0x30FA) || c == 0x30FC || (c >= 0xFF66 && c <= 0xFF9F);
}

bool HasKana(absl::string_view text) {
  for (size_t i = 0; i < text.size();) {
    const char32_t c = text::NextCodePoint(text, &i);
    if (IsKana(c) && c != 0x30FB && c != 0x30FC) return true;
  }
  return false;
}

std::u32string ToKatakana(std::u32string_view kana) {
  std::u32string out;
  for (char32_t c : kana) {
    if (c == 0x30FC) continue;                          // ー
    if (c >= 0x3041 && c <= 0x3096) c += 0x30A1 - 0x3041;  // Hiragana.
    out.push_back(c);
  }
  return out;
}

SpelledSyllables KanaSpellings(const KanaSpellingShares& shares) {
  SpelledSyllables out;
  for (char32_t c = kFirstSyllable; c <= kLastSyllable; ++c) {
    const Syllable s = Decompose(c);
    if (!IsPlainNameSyllable(s)) continue;
    const std::array<Row, 2> rows = Rows(s.lead);
    const std::vector<Column> columns = Columns(s.vowel, s.lead);
    for (size_t k = 0; k < columns.size(); ++k) {
      const double column_p =
          columns.size() == 1 ? 1.0
          : k == 0            ? 1 - shares.other_column
                              : shares.other_column / static_cast<double>(columns.size() - 1);
      for (int voiced = 0; voiced < 2; ++voiced) {
        // A lead whose two rows are one (ㄴ ㅁ ㅅ ㅎ...) is spelled so at every place.
        if (rows[0] == rows[1] && voiced == 1) continue;
        std::array<float, kSpellingPlaces> cost;
        for (size_t p = 0; p < cost.size(); ++p) {
          const double row_p = rows[0] == rows[1] ? 1.0
                               : voiced == 1      ? shares.voiced[p]
                                                  : 1 - shares.voiced[p];
          cost[p] = static_cast<float>(-std::log(row_p * column_p));  // +inf for a share of 0.
        }
        out.Add(Mora(rows[static_cast<size_t>(voiced)], columns[k]) + TailKana(s.tail), c, cost);
      }
    }
  }
  return out;
}

std::string SpellKatakana(std::u32string_view hangul, StringKind kind, size_t surname_length) {
  const bool person = kind == StringKind::kPerson;
  // The press writes names as they sound (김연아 キム・ヨナ, 종로 チョンノ): each word, and a
  // person's surname and given name apart, as pronounced (an ㅎ kept, as in names and nouns).
  std::u32string sounded(hangul);
  SoundRules rules;
  rules.aspirate_before_h = AspirateBeforeH::kNever;
  std::vector<Syllable> word;
  size_t word_begin = 0;
  auto pronounce_word = [&] {
    if (word.empty()) return;
    const std::u32string heard = ToHangul(Pronounce(word, rules));
    sounded.replace(word_begin, word.size(), heard);
    word.clear();
  };
  WalkSyllables(
      hangul, kind, surname_length,
      [&](size_t i, const SyllablePlace& place) {
        if (place.word_start) pronounce_word();
        if (word.empty()) word_begin = i;
        word.push_back(Decompose(hangul[i]));
      },
      [&](char32_t) { pronounce_word(); });
  pronounce_word();

  std::u32string out;
  auto dot = [&out] {
    if (!out.empty() && out.back() != U'・') out.push_back(U'・');
  };
  WalkSyllables(
      sounded, kind, surname_length,
      [&](size_t i, const SyllablePlace& place) {
        if (place.given_start) dot();
        // Voiceless where a name (not its given name: キム・ジョンウン) or a word begins.
        out += Spell(sounded[i], person ? place.index > 0 : !place.word_start);
      },
      [&](char32_t c) {
        if (c == U' ' && person) {
          dot();
        } else {
          out.push_back(c);
        }
      });
  return ToUtf8(out);
}

}  // namespace irum::hangul
