// Hangul syllables and their jamo: decomposition, composition, predicates.
//
// A precomposed syllable (U+AC00..U+D7A3) is lead consonant x vowel x optional tail consonant:
//   code = 0xAC00 + (lead * 21 + vowel) * 28 + tail
// The enums below name the jamo by their index in that formula, so they convert to and from
// syllables arithmetically. Conjoining jamo sequences are composed to syllables by NFC (see
// text::Normalizer::Fold at Level::kNone or above) before any of this code sees them.
//
//   Syllable s = Decompose(U'각');  // {Lead::kG, Vowel::kA, Tail::kG}
//   Compose(s) == U'각'
#ifndef IRUM_SERVER_HANGUL_JAMO_H_
#define IRUM_SERVER_HANGUL_JAMO_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace irum::hangul {

enum class Lead : uint8_t {
  kG, kKK, kN, kD, kTT, kR, kM, kB, kPP, kS, kSS, kNone /* ㅇ */, kJ, kJJ, kCh, kK, kT, kP, kH
};
inline constexpr int kLeadCount = 19;

enum class Vowel : uint8_t {
  kA, kAe, kYa, kYae, kEo, kE, kYeo, kYe, kO, kWa, kWae, kOe, kYo, kU, kWo, kWe, kWi, kYu, kEu,
  kUi, kI
};
inline constexpr int kVowelCount = 21;

enum class Tail : uint8_t {
  kNone, kG, kKK, kGS, kN, kNJ, kNH, kD, kL, kLG, kLM, kLB, kLS, kLT, kLP, kLH, kM, kB, kBS, kS,
  kSS, kNG, kJ, kCh, kK, kT, kP, kH
};
inline constexpr int kTailCount = 28;

struct Syllable {
  Lead lead = Lead::kNone;
  Vowel vowel = Vowel::kA;
  Tail tail = Tail::kNone;

  bool operator==(const Syllable& o) const {
    return lead == o.lead && vowel == o.vowel && tail == o.tail;
  }
};

inline constexpr char32_t kFirstSyllable = 0xAC00;
inline constexpr char32_t kLastSyllable = 0xD7A3;

inline bool IsSyllable(char32_t c) { return c >= kFirstSyllable && c <= kLastSyllable; }

// REQUIRES: IsSyllable(c).
inline Syllable Decompose(char32_t c) {
  const int index = static_cast<int>(c - kFirstSyllable);
  return Syllable{static_cast<Lead>(index / (kVowelCount * kTailCount)),
                  static_cast<Vowel>((index / kTailCount) % kVowelCount),
                  static_cast<Tail>(index % kTailCount)};
}

inline char32_t Compose(const Syllable& s) {
  return kFirstSyllable +
         (static_cast<int>(s.lead) * kVowelCount + static_cast<int>(s.vowel)) * kTailCount +
         static_cast<int>(s.tail);
}

// The lead consonant that sounds like `tail` at the start of a syllable (for liaison: 각이 -> 가기).
// kNone for tails that have no single lead (clusters) and for kNone/kNG.
Lead TailAsLead(Tail tail);

// The vowels that begin with a y- or i-glide or are ㅣ: where ㄷ/ㅌ palatalize and ㄴ is inserted.
bool IsIotated(Vowel v);

// The South Korean initial-sound rule (두음법칙) for a syllable that begins a word: ㄹ is ㄴ, and ㄴ
// (so also a former ㄹ) is silent before ㅣ and the y-vowels. 리 -> 이, 림 -> 임, 류 -> 유, 로 -> 노,
// 라 -> 나, 룡 -> 용, 녀 -> 여. North Korean orthography does not apply it: the same name is 리 in
// the North and 이 in the South.
inline Syllable WithInitialSoundRule(Syllable s) {
  if (s.lead == Lead::kR) s.lead = Lead::kN;
  if (s.lead == Lead::kN && IsIotated(s.vowel)) s.lead = Lead::kNone;
  return s;
}

// A piece of text: a run of Hangul syllables, or a run of anything else, in order.
struct Segment {
  bool hangul = false;
  std::u32string text;
};

// Splits UTF-8 `text` into alternating Hangul and non-Hangul segments. REQUIRES: well-formed UTF-8.
std::vector<Segment> SplitScript(absl::string_view text);

// `s` as UTF-8.
std::string ToUtf8(std::u32string_view s);

}  // namespace irum::hangul

#endif  // IRUM_SERVER_HANGUL_JAMO_H_
