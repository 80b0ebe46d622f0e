// The sound-change rules of standard Korean pronunciation, as a pass over the syllables of a word.
// Every transcription system (RR, McCune–Reischauer, DPRK) spells the result of this pass; they
// differ only in letters and in which rules the kind of string allows.
//
// The pass decides, at each junction between two syllables, what the tail of the first and the lead
// of the second sound like:
//   liaison            각이 -> 가기, 닭이 -> 달기 (the second consonant of a cluster moves), 좋아 -> 조아
//   neutralization     ㅅㅆㅈㅊㅌㅎ -> ㄷ, ㄲㅋ -> ㄱ, ㅍ -> ㅂ before a consonant or at the end (빛나 -> 빈나)
//   clusters           ㄳ ㄺ -> ㄱ, ㄵ ㄶ -> ㄴ, ㄻ -> ㅁ, ㄼ ㄽ ㄾ ㅀ -> ㄹ, ㄿ ㅄ -> ㅂ
//   nasalization       ㄱㄷㅂ + ㄴㅁ -> ㅇㄴㅁ (백마 -> 뱅마, 독립 -> 동닙)
//   ㄹ after ㅁㅇㄱㅂ  -> ㄴ (종로 -> 종노, 왕십리 -> 왕심니)
//   lateralization     ㄴㄹ, ㄹㄴ -> ㄹㄹ (신라 -> 실라, 별내 -> 별래)
//   palatalization     ㄷㅌ + 이 -> 지 치 (해돋이 -> 해도지, 같이 -> 가치, 굳히다 -> 구치다)
//   aspiration         ㅎ + ㄱㄷㅈ -> ㅋㅌㅊ (좋고 -> 조코); ㄱㄷㅂㅈ + ㅎ -> ㅋㅌㅍㅊ (잡혀 -> 자펴),
//                      except in nouns, where RR keeps the h (묵호 Mukho, 집현전 Jiphyeonjeon)
//   tensing            marked, not applied: RR does not write it; McCune–Reischauer writes a tensed
//                      ㄱㄷㅂㅈ voiceless (독도 Tokto, 글자 kŭlcha)
// What needs a dictionary (ㄴ insertion in compounds: 학여울 -> 항녀울; ㄴㄴ in 신문로) is not
// decided here: the romanizer rewrites such words from its exception list before this pass.
#ifndef IRUM_SERVER_HANGUL_PRONOUNCE_H_
#define IRUM_SERVER_HANGUL_PRONOUNCE_H_

#include <cstdint>
#include <vector>

#include "server/hangul/jamo.h"

namespace irum::hangul {

// When ㄱㄷㅂㅈ + ㅎ become ㅋㅌㅍㅊ (잡혀 -> 자펴). RR keeps the h in nouns (묵호 Mukho, 북한
// Bukhan), where it is written.
enum class AspirateBeforeH : uint8_t {
  kAlways,
  kNever,  // Names of places and people; McCune–Reischauer writes kh th ph throughout.
  // Only before the verb endings that carry ㅎ: 히 and its forms (ㅎ + ㅣ with any tail), 혀, 혔
  // (잡히다, 굳히다, 잡혀, 막혔다). Elsewhere the ㅎ begins a noun's syllable and is kept (북한,
  // 국회, 집현전). A heuristic for running text, where nouns and verbs are not marked.
  kVerbEndings,
};

struct SoundRules {
  // Assimilation, palatalization and aspiration across syllables. Off: only liaison,
  // neutralization and clusters apply (RR personal names: Han Boknam, Hong Bitna).
  bool assimilate = true;
  AspirateBeforeH aspirate_before_h = AspirateBeforeH::kAlways;
};

// One syllable as pronounced.
struct Sound {
  Lead lead = Lead::kNone;  // kNone: the syllable starts with its vowel.
  Vowel vowel = Vowel::kA;
  // kNone or one of the seven final sounds: kG kN kD kL kM kB kNG.
  Tail coda = Tail::kNone;
  bool tense = false;  // The lead is tensed (after ㄱㄷㅂ, or ㄹ + ㄷㅅㅈ).
  bool moved = false;  // The lead came from the previous syllable's tail (liaison).
};

// Applies the rules to one word (a run of syllables with no break between them).
std::vector<Sound> Pronounce(const std::vector<Syllable>& word, const SoundRules& rules);

// The same, into `*sounds` (resized to `size`), for callers that reuse their buffers.
void Pronounce(const Syllable* word, size_t size, const SoundRules& rules,
               std::vector<Sound>* sounds);

// One step of Pronounce, for callers that spell as they go: the junction between a syllable whose
// tail is `tail` and the syllable `next`. Sets `*coda` to the first syllable's pronounced coda and
// the lead, tense and moved fields of `*next_sound` (not its vowel or coda).
void PronounceJunction(Tail tail, const Syllable& next, const SoundRules& rules, Tail* coda,
                       Sound* next_sound);

// The coda of a word's last syllable: its tail as it sounds at the end (값 -> ㅂ, 빛 -> ㄷ).
Tail FinalCoda(Tail tail);

// True for the stop codas ㄱ ㄷ ㅂ (as pronounced): they nasalize, tense what follows, and make a
// following plain consonant voiceless in McCune–Reischauer.
inline bool IsObstruentCoda(Tail coda) {
  return coda == Tail::kG || coda == Tail::kD || coda == Tail::kB;
}

// The pronounced word as Hangul syllables (tensing not shown): for tests and for checking the pass
// against pronunciation dictionaries.
std::u32string ToHangul(const std::vector<Sound>& sounds);

}  // namespace irum::hangul

#endif  // IRUM_SERVER_HANGUL_PRONOUNCE_H_
