#include "server/hangul/spelled_syllables.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "server/hangul/pronounce.h"

namespace irum::hangul {

void SpelledSyllables::Add(const std::u32string& spelling, char32_t syllable,
                           const std::array<float, kSpellingPlaces>& cost) {
  std::vector<SpelledSyllable>& list = syllables_[spelling];
  auto it = std::find_if(list.begin(), list.end(),
                         [syllable](const SpelledSyllable& s) { return s.syllable == syllable; });
  if (it == list.end()) {
    SpelledSyllable s;
    s.syllable = syllable;
    s.cost.fill(std::numeric_limits<float>::infinity());
    list.push_back(s);
    it = list.end() - 1;
  }
  for (size_t p = 0; p < cost.size(); ++p) it->cost[p] = std::min(it->cost[p], cost[p]);
  longest_ = std::max(longest_, spelling.size());
}

void SpelledSyllables::Add(const std::u32string& spelling, char32_t syllable, float cost) {
  std::array<float, kSpellingPlaces> every;
  every.fill(cost);
  Add(spelling, syllable, every);
}

const std::vector<SpelledSyllable>& SpelledSyllables::Of(std::u32string_view spelling) const {
  static const auto* const kNone = new std::vector<SpelledSyllable>();
  auto it = syllables_.find(std::u32string(spelling));
  return it == syllables_.end() ? *kNone : it->second;
}

bool IsPlainNameSyllable(const Syllable& s) {
  switch (s.lead) {
    case Lead::kKK: case Lead::kTT: case Lead::kPP: case Lead::kSS: case Lead::kJJ: return false;
    default: break;
  }
  switch (s.tail) {
    case Tail::kNone: case Tail::kG: case Tail::kN: case Tail::kL: case Tail::kM: case Tail::kB:
    case Tail::kS: case Tail::kNG:
      return true;
    default:
      return false;
  }
}

namespace {

constexpr std::array<Tail, 8> kPlainTails = {Tail::kNone, Tail::kG,  Tail::kN, Tail::kL,
                                             Tail::kM,    Tail::kB, Tail::kS, Tail::kNG};

bool IsYVowel(Vowel v) {
  return v == Vowel::kI || v == Vowel::kYa || v == Vowel::kYae || v == Vowel::kYeo ||
         v == Vowel::kYe || v == Vowel::kYo || v == Vowel::kYu;
}

// The lead a tail ㄴ ㄹ ㅁ becomes when it moves to a following syllable; kNone for the others.
Lead MovedLead(Tail tail) {
  switch (tail) {
    case Tail::kN: return Lead::kN;
    case Tail::kL: return Lead::kR;
    case Tail::kM: return Lead::kM;
    default: return Lead::kNone;
  }
}

// Junctions by how they sound: [tail][lead][vowel].
class JunctionTable {
 public:
  JunctionTable() {
    const float optional = static_cast<float>(std::log(2.0));
    SoundRules rules;
    rules.assimilate = true;
    rules.aspirate_before_h = AspirateBeforeH::kAlways;
    for (int v = 0; v < kVowelCount; ++v) {
      const Vowel vowel = static_cast<Vowel>(v);
      for (const Tail tail : kPlainTails) {
        for (int l = 0; l < kLeadCount; ++l) {
          const Lead lead = static_cast<Lead>(l);
          if (!IsPlainNameSyllable(Syllable{lead, vowel, Tail::kNone})) continue;
          Add(tail, lead, vowel, Sounded(tail, lead, vowel, rules), 0);
          if (tail != Tail::kNone && lead == Lead::kNone && IsYVowel(vowel)) {
            // ㄴ inserted: 석열 -> 성녈, 솔잎 -> 솔립.
            Add(tail, lead, vowel, Sounded(tail, Lead::kN, vowel, rules), optional);
          }
          if (lead == Lead::kH && MovedLead(tail) != Lead::kNone) {
            // ㅎ silent after ㄴ ㄹ ㅁ, the tail moving over: 근혜 -> 그녜, 은하 -> 으나.
            Add(tail, lead, vowel, Junction{Tail::kNone, MovedLead(tail), 0}, optional);
          }
        }
      }
    }
  }

  const std::vector<Junction>& Of(Tail tail, Lead lead, Vowel vowel) const {
    return at_[static_cast<int>(tail)][static_cast<int>(lead)][static_cast<int>(vowel)];
  }

 private:
  // How the junction of `tail` and `lead` sounds before `vowel`, as written (ㄷ as ㅅ).
  static Junction Sounded(Tail tail, Lead lead, Vowel vowel, const SoundRules& rules) {
    Tail coda = Tail::kNone;
    Sound sound;
    PronounceJunction(tail, Syllable{lead, vowel, Tail::kNone}, rules, &coda, &sound);
    return Junction{coda == Tail::kD ? Tail::kS : coda, sound.lead, 0};
  }

  // Files the junction `tail` + `lead` under the way it sounds, at `cost`, unless it is there.
  void Add(Tail tail, Lead lead, Vowel vowel, const Junction& sounds, float cost) {
    if (!IsPlainNameSyllable(Syllable{sounds.lead, vowel, sounds.tail})) return;
    std::vector<Junction>& list =
        at_[static_cast<int>(sounds.tail)][static_cast<int>(sounds.lead)][static_cast<int>(vowel)];
    for (Junction& j : list) {
      if (j.tail == tail && j.lead == lead) {
        j.cost = std::min(j.cost, cost);
        return;
      }
    }
    list.push_back(Junction{tail, lead, cost});
  }

  std::vector<Junction> at_[kTailCount][kLeadCount][kVowelCount];
};

}  // namespace

const std::vector<Junction>& JunctionsSoundingAs(Tail tail, Lead lead, Vowel vowel) {
  static const JunctionTable* const kTable = new JunctionTable();
  return kTable->Of(tail, lead, vowel);
}

}  // namespace irum::hangul
