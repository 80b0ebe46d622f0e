// Decoder: romanized Korean (any system, or an ad-hoc spelling) -> ranked Hangul candidates.
//
// The inverse of the romanizers, as a noisy channel: the readings are ranked by
// P(Hangul) * P(spelling | Hangul). A spelling is parsed into syllables by dynamic programming over
// a lattice: at each position every way to spell a lead consonant, a vowel and a tail consonant is
// tried with its probability under the spelling model (SpellingModel, tables/spelling_model.tsv:
// learned from aligned names, four styles summed over per name, the sound changes at syllable
// junctions part of the model: Jongno -> 종로, Silla -> 신라, Baegam -> 백암). Priors rank what the
// spelling leaves open: how common a surname is (tables/surnames.tsv), how often a syllable occurs
// in given names or place names (tables/syllable_priors.tsv), and how common a whole given name is
// (tables/given_names.tsv): a given name's prior is a mixture over populations (modern births,
// older public figures, North Koreans) of its whole-name frequency and its syllables' frequencies
// by position, weighted as tables/name_model.tsv says, and in each spelling style by how often
// that style's names are North Korean (P(population | style)), which also weighs a surname's
// North and South forms (Ri Son Gwon 리선권, RHEE In-je 이인제). Only the best hypotheses per
// position are kept (a beam), so the work is linear in the length of the query. A reading's score
// is its share of the probability of all readings found.
//
//   Decoder decoder(surnames, priors);
//   decoder.Decode("Chung Sung-Jun", {StringKind::kPerson});  // 정성준 first
//   decoder.Decode("Ri Son Gwon", {StringKind::kPerson});     // 리선권 (a North Korean spelling)
//
// Persons: the surname is the word before a comma ("KIM, Yo Jong"), else the one word in
// capitals among words in lowercase ("SHIN Dong-bin", "Dong-bin SHIN"), else the first word, or
// the last ("Yo-jong Kim") at a cost; a query written as one word is split after a known surname
// spelling. The Hangul comes back surname first, without spaces. Places: each word decoded on its
// own, English generic words (tables/place_generics.tsv) become the Hangul that ends the name
// (Kaesong City -> 개성시, Mount Paektu and Paektu Mountain -> 백두산). Text: each word decoded on
// its own.
//
// Thread safety: a Decoder is immutable; Decode may be called from any thread.
#ifndef IRUM_SERVER_HANGUL_DECODE_H_
#define IRUM_SERVER_HANGUL_DECODE_H_

#include <array>
#include <optional>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/string_view.h"
#include "server/hangul/cyrillic.h"
#include "server/hangul/hanja.h"
#include "server/hangul/jamo.h"
#include "server/hangul/kana.h"
#include "server/hangul/korea.h"
#include "server/hangul/latin_words.h"
#include "server/hangul/lattice.h"
#include "server/hangul/name_priors.h"
#include "server/hangul/spelling_model.h"
#include "server/hangul/string_kind.h"

namespace irum::hangul {

// tables/name_model.tsv: how the priors are mixed (fitted by scripts/gen-priors).
struct NameModel {
  // The weight of each population in a given name's prior; they sum to 1.
  std::array<double, kPopulations> mix = {1.0 / 3, 1.0 / 3, 1.0 / 3};
  // The share of a given name's prior that comes from its whole-name count rather than from the
  // product of its syllables' counts, in [0, 1].
  double whole_name = 0;
  // The weight, in names, of the older population's syllable frequencies in the North Korean
  // population's (see PriorModel); 0: add-half smoothing.
  double dprk_backoff = 0;
  // Per population, the weight, in names, of its jamo model in its syllables' probabilities
  // (syllable_backoff.<population>; see PriorModel); 0: add-half smoothing.
  std::array<double, kPopulations> syllable_backoff{};
  // P(n syllables | population) of given names (given_length.<population>.<n>); all 1 (no
  // length prior) without the rows.
  GivenNameLengths given_length;
  // P(a person's name is written with the surname last: "Yo-jong Kim") (order.surname_last,
  // counted by scripts/fit-name-model in the spellings the catalog's editors collected). Without
  // the row, odds of e^-1.2: the cost irum set by hand before it was counted.
  double surname_last = 0.2315;
  // P(style) of a romanized person name and place name (kStyleNames order); all equal when none
  // is given.
  std::array<double, kStyles> style{};
  std::array<double, kStyles> place_style{};
  // P(population | style) of person names (population.<style>.<population>; kPopulations order):
  // a name spelled in the North's press style is likelier a North Korean's. A style without rows
  // takes `mix`.
  std::array<std::array<double, kPopulations>, kStyles> population{};
  // How Korean a romanized person name looks: the quantiles of -ln P(spelling) per Latin letter
  // over real Korean names (korean.q.LEVEL = VALUE: a share LEVEL of them cost at most VALUE),
  // sorted by level. Empty: no name is judged (Decoder::KoreanShare is 1).
  std::vector<std::pair<double, double>> korean_quantiles;
  // Compare's verdict: two spellings are the same name when their score reaches this. Fitted by
  // scripts/fit-name-model on training pairs (tables/name_model.tsv, compare.same).
  double same_name = 0.1;
  // The odds by which the service's ToHangul (match::ReadName) weighs a reading that is the
  // Hangul of a catalog entity of the name's kind, persons [0] and places [1], against one that
  // is not (known_name.person, known_name.place: fitted by scripts/fit-known-names). 1: the
  // catalog weighs nothing.
  std::array<double, 2> known_name = {1, 1};
  // The spelling models of the kana and Cyrillic readers (DecodeKana, DecodeCyrillic): the kana.*
  // and cyrillic.* rows, counted by scripts/fit-script-spelling (kana.voiced.<place>,
  // kana.other_column; cyrillic.voiced.<place>, cyrillic.press_lead, cyrillic.press_vowel,
  // cyrillic.press_tail; places word_start, given_start, inside, after_stop). A share without its
  // row keeps the neutral default of KanaSpellingShares and CyrillicSpellingShares (even odds).
  KanaSpellingShares kana;
  CyrillicSpellingShares cyrillic;
};

// Everything the decoder's model is made from: the spelling model (tables/spelling_model.tsv) and
// the name priors.
struct NamePriors {
  std::vector<SpellingRow> spelling;
  std::vector<SyllableCount> syllables;
  std::vector<GivenNameCount> given_names;
  std::vector<SurnameSpellingCounts> surname_spellings;  // tables/surname_spellings.tsv
  std::vector<HanjaRow> hanja;                           // tables/hanja_readings.tsv
  NameModel model;
};

struct DecodeOptions {
  StringKind kind = StringKind::kPerson;
  int max_results = 5;  // REQUIRES: > 0.
  // Hypotheses kept per position of the lattice (and readings per word). Smaller is faster and
  // loses unlikely readings first: 6 reads the held-out names of scripts/eval-matching as well as
  // 8 and 12 do (top-1 94.5%, top-5 98.7%), 4 loses top-5 (98.4%). REQUIRES: > 0.
  int beam = 6;
  // How far behind the best hypothesis of a position (in cost, -log P) the lattice keeps others
  // (hangul::Beam): infinite, all `beam` of them. A caller that takes only the first reading may
  // narrow it: a margin of 5 costs the decoder no top-1 reading of the training names
  // (scripts/fit-name-model --decoder-cv: 88.8% against 88.7% without), loses top-5 (97.6%
  // against 98.4%), and spares Annotate 8.5% of its instructions. REQUIRES: > 0.
  float beam_margin = std::numeric_limits<float>::infinity();
  // A word the usual spellings cannot read is read again with the rare ones too (Kim Gunn, Lee
  // Joung-binn: doubled letters, ou, y for ㅡ): more work for words that otherwise have no
  // reading, English words among them (Annotate leaves it off).
  bool rare_spellings = false;
  // Whose name a person's is, when the caller knows (a North Korean sanctions list, a South
  // Korean register): a romanized name's given name is then weighed by the names of that Korea's
  // populations only (North: dprk; South: modern and older), and its surname's form by it (리 or
  // 이), each style as often as it spells that Korea's names. Kim Jong Ho: 김정호 for the North,
  // 김종호 for the South. kUnknown: all populations, as often as each style spells theirs.
  // Names in Hanja, kana or Cyrillic are read as with kUnknown.
  Korea korea = Korea::kUnknown;
  // Persons: a word that no table lists as a surname's spelling (nor the passport samples count)
  // may still be read as a surname the table does not list, by the lattice, at the cost of such
  // a surname (Hye: 혜). Off, such a word is no surname unless the query marks it as one (a comma
  // after it, or capitals among lowercase): a caller that needs a listed surname at either end
  // (Annotate's unknown names) spares the lattice its reading of the other end, which seldom
  // wins.
  bool unlisted_surnames = true;
};

struct DecodedName {
  // 김여정; words of places and text separated by single spaces, or by the middle dot (·) that
  // separated them in the query (Bullo·Bongmu-dong -> 불로·봉무동).
  std::string hangul;
  // The share of this reading among all the readings the decoder found, in (0, 1]: the scores of
  // one query sum to at most 1. 1.0 means no other reading was found.
  double score = 0;
  double cost = 0;  // -log of the reading's weight; lower is likelier.
  bool surname_last = false;  // Persons: the query wrote the surname last (Yo-jong Kim).
};

class Decoder {
 public:
  // `place_generics`: English generic words of place names and their Hangul (river -> 강).
  Decoder(const std::vector<Surname>& surnames, const NamePriors& priors,
          const std::vector<std::pair<std::string, std::string>>& place_generics = {});

  // The likeliest Hangul readings of `latin`, best first; empty when it cannot be read as
  // romanized Korean at all (Trump, NBC: a syllable without a vowel, or letters no system uses).
  // Hangul in the query is kept as it is. A query with Hanja (traditional characters: simplified
  // ones are the caller's to convert) is read by their Sino-Korean readings instead (DecodeHanja),
  // one in Japanese kana or in Cyrillic by the syllables its letters spell (DecodeKana,
  // DecodeCyrillic); one whose words mix these scripts with Latin or Hangul word by word
  // (DecodeMixed: Kim 與正, キム Yo Jong).
  // REQUIRES: well-formed UTF-8.
  std::vector<DecodedName> Decode(absl::string_view latin, const DecodeOptions& options) const;

  // The priors (surnames, given names, places) and the spelling model the readings are ranked with.
  const PriorModel& priors() const { return priors_; }
  const SpellingModel& spelling() const { return spelling_; }

  // A key under which the North and South Korean spellings of a name meet: its Hangul syllables
  // (anything else dropped) with the initial-sound rule applied where a word of the name begins.
  // Persons: the surname and the given name (after a two-syllable surname of the table: 남궁룡 =
  // 남궁용); 리설주 = 이설주, 최룡해 = 최용해. Places and text: each word (룡천 = 용천), but not
  // inside one (신라 stays apart from 신나).
  std::string OrthographyKey(absl::string_view hangul, StringKind kind) const;

  // The model's parameters, as tables/name_model.tsv gave them.
  const NameModel& model() const { return model_; }

  // The share of real Korean person names whose spelling costs at least `nats_per_letter`
  // (-ln P per Latin letter; see NameModel::korean_quantiles), interpolated between the
  // quantiles: 1 - level at a quantile's value, at least 1 - the highest level. 1 when the model
  // has no quantiles.
  double KoreanShare(double nats_per_letter) const;
  // The share below which a name is said not to be Korean: one real Korean name in a hundred.
  static constexpr double kNotKoreanBelow = 0.01;

 private:
  using Position = PriorModel::Position;

  // Hanja and Hangul syllables (金與正, 開城, 平安北道 新義州市) -> Hangul: every reading of each
  // character (tables/hanja_readings.tsv), the first of a word also with the South's initial-sound
  // rule (李 -> 이 and the North's 리, each form at the share of names the North's population
  // holds), ranked like romanized names by the priors: persons by their surname (two Hanja when
  // they read as a two-syllable surname of the table) and whole given name, places and text word
  // by word by their syllables. Empty when a character has no reading or is no Hanja or Hangul.
  std::vector<DecodedName> DecodeHanja(absl::string_view text, const DecodeOptions& options) const;

  // Katakana or hiragana (キム・ヨジョン, ピョンヤン) -> Hangul: every way to cut each word into
  // runs of kana that spell one syllable (hangul/kana.h: voiced or not, ㅓ/ㅗ and ㄴ/ㅇ alike;
  // each junction of two syllables read also as every pair that sounds so, JunctionsSoundingAs:
  // チャ・ウヌ 차은우, ユン・ソンニョル 윤석열), ranked by P(Hangul) * P(kana | Hangul): the
  // spelling model's cost of each run where it stands (a word's start, a given name's start,
  // inside: チェ at a given name's start is likelier 채 than 재, written ジェ there) and the
  // priors as DecodeHanja ranks: persons by surname (the first word, or the first syllables of one
  // word) and whole given name, places word by word. Empty when a character is no kana or a word
  // cannot be cut so.
  std::vector<DecodedName> DecodeKana(absl::string_view text, const DecodeOptions& options) const;
  // Cyrillic (Ким Ё Чжон, Ким Чен Ын, Пхеньян) -> Hangul, as DecodeKana reads kana: by the
  // syllables runs of its letters spell (hangul/cyrillic.h: Kontsevich and the press's forms).
  std::vector<DecodedName> DecodeCyrillic(absl::string_view text,
                                          const DecodeOptions& options) const;
  // A query whose words (apart at spaces) are in different scripts, some in Hanja, kana or
  // Cyrillic and some not (Kim 與正, キム Yo Jong, Ким 여정): each such word read alone by its
  // script's reader (as text: its likeliest kMixedWordReadings readings, fewer when there are
  // so many such words that the choices would pass kMaxMixedChoices), and the query read with
  // each choice of them as Hangul words; nullopt when the query is not mixed so.
  // Romanized Korean: Decode's Latin path.
  std::vector<DecodedName> DecodeLatin(absl::string_view latin, const DecodeOptions& options) const;

  std::optional<std::vector<DecodedName>> DecodeMixed(absl::string_view text,
                                                      const DecodeOptions& options) const;
  static constexpr int kMixedWordReadings = 4;
  // Found by the fuzzer: six Cyrillic words among Latin ones made 4^6 readings of the query.
  static constexpr int kMaxMixedChoices = 64;

  // The reading of words of another script by `spellings`: DecodeKana's and DecodeCyrillic's.
  // `both_forms`: the script writes a surname's South and North forms alike (Ли for 이 and 리),
  // so each surname reading comes in both, each with its given name weighed by the populations
  // that write the form (리 the North's, 이 the others', as the Latin reader weighs a style's).
  std::vector<DecodedName> DecodeSpelled(std::vector<std::u32string> words,
                                         const SpelledSyllables& spellings, bool both_forms,
                                         const DecodeOptions& options) const;

  // -ln P(given name, `korea`'s populations | style) for each style: its populations weighed by
  // P(population | style), those not of `korea` left out (kUnknown: none); `probabilities`: the
  // name's PriorModel::GivenNameProbabilities (WordReading::given).
  std::array<float, kStyles> StyledGivenNameCosts(
      const std::array<double, kPopulations>& probabilities, Korea korea) const;
  // -ln P(the surname's form | style, `korea`) for each style: a surname the North writes
  // otherwise (리, 로, 류 for 이, 노, 유) is in its North Korean form as often as the style's
  // names of `korea` are North Korean (P(dprk | style, korea)), else in the South's; 0 for a
  // surname written alike.
  std::array<float, kStyles> SurnameFormCosts(std::u32string_view surname, Korea korea) const;

  absl::flat_hash_map<std::string, std::u32string> place_generics_;  // "river" -> 강.
  NameModel model_;
  PriorModel priors_;
  SpellingModel spelling_;
  SpellingModel rare_spelling_;  // Every chunk the fit found: a word's second try.
  // The spelling cost of each spelling the surname table lists (folded: "kim") as each of its
  // surnames (PriorModel::SurnamesSpelled, in order), by each model: computed once here, not at
  // every name that spells a surname so.
  struct SurnameSpellCosts {
    std::array<float, kStyles> usual, rare;
  };
  absl::flat_hash_map<std::string, std::vector<SurnameSpellCosts>> surname_spell_costs_;
  // By Korea (DecodeOptions::korea): NameModel::population, each style's row normalized (or
  // `mix`), with the populations not of that Korea at 0.
  std::array<std::array<std::array<double, kPopulations>, kStyles>, kKoreas> population_by_style_{};
  // By Korea: -ln P(dprk | style, korea) and -ln (1 - P(dprk | style, korea)): SurnameFormCosts.
  std::array<std::array<float, kStyles>, kKoreas> north_form_cost_{}, south_form_cost_{};
  // A person's name read with the surname last costs ln of the odds against that order
  // (NameModel::surname_last) more than read with it first.
  float surname_last_cost_ = 0;
  HanjaReadings hanja_;
  SpelledSyllables kana_;      // KanaSpellings(NameModel::kana).
  SpelledSyllables cyrillic_;  // CyrillicSpellings(NameModel::cyrillic).
  // P(population) of a person's name whatever its style: the sum over the styles of P(style) *
  // P(population | style) (population_by_style_ of Korea::kUnknown). Names in other scripts than
  // Latin are weighed by it.
  std::array<double, kPopulations> population_{};
  // -ln P(dprk) and -ln (1 - P(dprk)) of population_: the forms of a Hanja reading.
  float hanja_north_cost_ = 0, hanja_south_cost_ = 0;
};

}  // namespace irum::hangul

#endif  // IRUM_SERVER_HANGUL_DECODE_H_
