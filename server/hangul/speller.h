// SpellName: the spelling model run forwards -- the ways people actually write a Korean person's
// name in Latin letters, likeliest first, with their shares (the `common` romanization).
//
// Where the romanizers apply one system's rules (김여정 -> RR "Gim Yeojeong"), SpellName weighs
// the styles the spelling model learned from real names: for South Korean names the passport and
// Revised Romanization styles, with their surnames as passports write them (이재명 -> Lee
// Jae-myoung, Lee Jae-myung, Lee Jae-myeong: the training names are few enough that the order of
// such close spellings is the data's, not a rule's), for North Korean names the DPRK press style
// (김여정 -> Kim Yo Jong).
// Spellings that several styles or cuts produce alike are counted once, their weights added.
//
//   SpelledNameOptions options;
//   options.north = true;
//   SpellName(U"김여정", decoder.priors(), decoder.spelling(), options);  // {"Kim Yo Jong", 1.0}
//
// Thread safety: a free function of its arguments.
#ifndef IRUM_SERVER_HANGUL_SPELLER_H_
#define IRUM_SERVER_HANGUL_SPELLER_H_

#include <string>
#include <string_view>
#include <vector>

#include "server/hangul/spelling_model.h"
#include "server/hangul/name_priors.h"

namespace irum::hangul {

struct SpelledName {
  std::string latin;  // Lee Jae-myung; North Korean names: Kim Yo Jong.
  // The share of this spelling among the spellings found, in (0, 1]; the shares sum to at most 1.
  double share = 0;
};

// The longest name SpellName spells, in syllables: Korean names have two to five (남궁민수,
// a four-syllable given name); longer text is no name.
inline constexpr size_t kMaxNameSyllables = 8;

struct SpelledNameOptions {
  bool north = false;   // A North Korean name: the DPRK press style, given syllables apart.
  int max_results = 5;  // REQUIRES: > 0.
};

// The likeliest spellings of the person's name `hangul` (Hangul syllables, surname first; a space
// may separate a surname of one or two syllables from the given name; a surname alone is spelled
// as a surname; at most kMaxNameSyllables), best first, each with a share of at least 0.001;
// empty when it holds anything else, or when the model has no spelling for one of its jamo.
std::vector<SpelledName> SpellName(std::u32string_view hangul, const PriorModel& priors,
                                   const SpellingModel& model, const SpelledNameOptions& options);

}  // namespace irum::hangul

#endif  // IRUM_SERVER_HANGUL_SPELLER_H_
