// Annotate: the mentions of Korean persons, places and organizations in a text (an English or
// Korean article; Chinese, Japanese and Russian ones for the names they write in their scripts),
// linked to the catalog's entities, and the Korean personal names no table knows,
// read as Hangul.
//
// The text is cut into words (text::Tokenize). A mention is a run of words, within a sentence and
// joined only by spaces, one line break, hyphens, apostrophes, periods or middle dots, whose key
// (text::Normalizer::Key, the words' keys run together) is a key of the catalog: every name, alias
// and former name in any casing, hyphenation or spacing ("Kim Yo Jong", "KIM Yo-jong",
// "Kimyojong"). Runs are extended word by word while their key is that of the first words of some
// name (Catalog::IsNamePrefix), and the longest mention wins where two overlap (then the better
// score). An English possessive ends a name ("Kaesong's"); a Korean word whose end is a particle
// of the tables (김여정은, 개성에서, 통일부의) is linked by the rest when the word itself names
// nothing. A word with Hanja is keyed in its traditional characters (金与正 as 金與正), and a
// Hanja name runs on across the word breaks ICU's dictionary puts inside Chinese text, so Hanja
// names of the tables link in Korean and Chinese text alike. Names in katakana (Japanese text) or
// Cyrillic (Russian text), which no key spells, are read by Resolve (the decoder's kana and
// Cyrillic readers, MatchMethod::kKanaReading, kCyrillicReading): from each katakana word, or
// capitalized Cyrillic word, the longest run of up to four such words joined by a middle dot or a
// space (a hyphen in Cyrillic) that names something, a Cyrillic run also without the Russian case
// ending of its last word (Кэсоне links Кэсон, Ким Чен Ына Ким Чен Ын). Words the English
// lexicon writes in lowercase do not link alone ("Moon", "Song"); a name in lowercase links only
// as an organization of several words ("national security council"); a person's or place's later
// words are capitalized ("Kang won" is no Kangwon). A person's name that runs on into a longer one
// ("Kang Chol-hwan", "Kang Chol Su") is not that person. Titles are not part of a name: "Vice
// Minister Suh Ho" links "Suh Ho". Homonyms of equal score come in the order of the countries the
// text's unambiguous mentions name.
//
// With AnnotateOptions::demonyms, a word for the people of a place (tables/demonyms.tsv,
// capitalized) links to the place (MatchMethod::kDemonym, kDemonymScore); by default it is no
// mention.
//
// Within the text, a later word alone that spells the surname of exactly one person already linked
// ("Suh said", "Mr. Suh") links to that person (MatchMethod::kCoreference, kCoreferenceScore);
// an unknown name of that surname before makes it ambiguous. In Korean, the surname followed by a
// title of the tables (tables/titles.tsv: "김 위원장은", "윤 전 대통령") does the same. So does the
// name of an organization's owner (its parent in the tables, whose name begins its own: LG for
// LG 트윈스, Samsung for the Samsung Lions) alone after the organization's full name, unless the
// owner itself or another organization it owns was named before.
//
// Unknown names: two or three capitalized Latin words (hyphenated given names count as one:
// "Chung Sung-Jun") that link to nothing, with a surname spelling of the tables first or last,
// whose given name is no ordinary English word ("Park Avenue", "Song Contest") and that the
// decoder finds Korean (hangul::Decoder, Koreanness::not_korean false), are reported unlinked
// with their likeliest Hangul and its share. A place named by one word next to such a surname
// ("Lee Sujeong", "PYO CHANGWON": 수정구, 창원) yields to the person when the decoder reads the
// two as a name; a surname that English writes as a word ("In", "Lee") counts for that only
// inside a sentence ("In Changwon, ..." stays a place).
//
//   absl::StatusOr<std::vector<Mention>> found = Annotate(*catalog, article, {}, limits);
//
// Thread safety: a pure function of its arguments.
#ifndef IRUM_SERVER_MATCH_ANNOTATE_H_
#define IRUM_SERVER_MATCH_ANNOTATE_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "server/catalog/catalog.h"
#include "server/match/resolver.h"

namespace irum::match {

// Score of a coreference link: below every alias match.
inline constexpr double kCoreferenceScore = 0.8;
// Score of a demonym's link to its place ("North Korean" -> North Korea): the people of a place
// are not the place.
inline constexpr double kDemonymScore = 0.6;

struct AnnotateOptions {
  // Only linked mentions of these kinds (unknown names are persons); empty means every kind.
  std::vector<catalog::EntityKind> kinds;
  double min_score = 0;  // Mentions scored lower are left out.
  bool unknown_names = true;
  // Link the words for the people of a place to it (tables/demonyms.tsv: "North Korean").
  bool demonyms = false;
  int max_candidates = 3;  // Entities per linked mention (homonyms), best first. REQUIRES: > 0.
};

struct Mention {
  size_t begin = 0;  // UTF-8 byte offsets into the text: [begin, end).
  size_t end = 0;
  int64_t cp_begin = 0;  // The same in code points.
  int64_t cp_end = 0;
  // Linked: the entities, best first (score, then prominence); the first one's score is the
  // mention's. Empty for an unknown name.
  std::vector<Candidate> candidates;
  // Unknown names: the likeliest Hangul reading and its share among the readings (hangul::Decoder).
  std::string hangul;
  double score = 0;  // The first candidate's score, or the reading's share.
};

// The mentions in `text`, in text order. InvalidArgument when `text` is not valid UTF-8 or is
// longer than limits.max_document_bytes, before normalization or (its words' keys) after.
absl::StatusOr<std::vector<Mention>> Annotate(const catalog::Catalog& catalog,
                                              absl::string_view text,
                                              const AnnotateOptions& options,
                                              const QueryLimits& limits);

}  // namespace irum::match

#endif  // IRUM_SERVER_MATCH_ANNOTATE_H_
