#include "server/match/resolver.h"

#include <algorithm>

#include "server/hangul/decode.h"
#include "server/hangul/cyrillic.h"
#include "server/hangul/hanja.h"
#include "server/hangul/kana.h"
#include "server/text/quote.h"
#include "server/text/traditional.h"
#include "server/text/utf8.h"

#include "absl/container/inlined_vector.h"
#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"

namespace irum::match {
namespace {

bool KindAllowed(const ResolveOptions& options, catalog::EntityKind kind) {
  return options.kinds.empty() ||
         std::find(options.kinds.begin(), options.kinds.end(), kind) != options.kinds.end();
}

bool WithinAllowed(const catalog::Catalog& catalog, const ResolveOptions& options,
                   uint32_t index) {
  if (options.within.empty()) return true;
  return std::any_of(options.within.begin(), options.within.end(),
                     [&](uint32_t w) { return catalog.IsWithin(index, w); });
}

// The method and score of a name match through `posting`, given the score of the text match.
void SetNameMethod(const catalog::Catalog::Posting& posting, MatchMethod current, double score,
                   Candidate* candidate) {
  const bool former = posting.alias.kind == catalog::AliasKind::kFormer;
  candidate->method = former ? MatchMethod::kFormerName : current;
  candidate->score = former ? score - kFormerNamePenalty : score;
}

// A word of a query: where it starts and ends, in bytes.
struct Word {
  size_t begin;
  size_t end;
};

// True for the last syllable of an administrative unit's name: 도, 시, 군, 구 (서울특별시, 수원시).
bool IsUnitSyllable(char32_t c) { return c == U'도' || c == U'시' || c == U'군' || c == U'구'; }

// A query of one Hangul word of at most this many syllables is split at every syllable for
// qualified reading (부산중구 = 부산 중구); otherwise Hangul words are split only after a unit
// syllable (서울특별시종로구 청운효자동).
constexpr int kSplitEverySyllable = 6;

// The words of `query`, split at spaces and commas (hyphens stay inside: Jung-gu). Korean often
// runs a place and the unit inside it together (부산중구, 수원시권선구), so Hangul words are also
// split inside, as above; the qualified reader tries the pieces in every grouping.
std::vector<Word> SplitWords(absl::string_view query) {
  auto separator = [](char c) { return c == ' ' || c == ',' || c == '\t'; };
  std::vector<Word> natural;
  for (size_t i = 0; i < query.size();) {
    while (i < query.size() && separator(query[i])) ++i;
    const size_t begin = i;
    while (i < query.size() && !separator(query[i])) ++i;
    if (i > begin) natural.push_back({begin, i});
  }
  std::vector<Word> words;
  for (const Word& w : natural) {
    bool all_hangul = true;
    int syllables = 0;
    for (size_t j = w.begin; j < w.end && all_hangul; ++syllables) {
      all_hangul = hangul::IsSyllable(text::NextCodePoint(query, &j));
    }
    const bool every = natural.size() == 1 && syllables <= kSplitEverySyllable;
    size_t start = w.begin;
    for (size_t j = w.begin; all_hangul && j < w.end;) {
      const char32_t c = text::NextCodePoint(query, &j);
      if (j < w.end && (every || IsUnitSyllable(c))) {
        words.push_back({start, j});
        start = j;
      }
    }
    words.push_back({start, w.end});
  }
  return words;
}

// Most words a qualified query may have ("Jungang-dong, Jung-gu, Busan, South Korea" has four):
// the splits tried grow with the square of it.
constexpr size_t kMaxQualifiedWords = 8;
// How many levels of qualification are read ("dong, gu, city" is two).
constexpr int kMaxQualifierDepth = 2;

// Reads a query as a name qualified by the places that contain it.
class QualifiedReader {
 public:
  QualifiedReader(const catalog::Catalog& catalog, absl::string_view query)
      : catalog_(catalog), query_(query), words_(SplitWords(query)) {}

  bool Applies() const { return words_.size() >= 2 && words_.size() <= kMaxQualifiedWords; }
  size_t word_count() const { return words_.size(); }

  // Calls found(posting, name_text, qualifier) for each entity named by words [first, last)
  // read as "name, qualifier" or "qualifier name" (the qualifier being a place that contains it).
  template <typename Found>
  void Read(size_t first, size_t last, int depth, Found found) const {
    for (size_t k = first + 1; k < last; ++k) {
      // Name first ("Jung-gu, Busan"), then qualifier first ("Busan Jung-gu").
      for (bool name_first : {true, false}) {
        const size_t name_begin = name_first ? first : k;
        const size_t name_end = name_first ? k : last;
        const size_t qual_begin = name_first ? k : first;
        const size_t qual_end = name_first ? last : k;
        absl::Span<const catalog::Catalog::Posting> names =
            catalog_.Lookup(catalog_.normalizer().Key(Text(name_begin, name_end)));
        if (names.empty()) continue;
        std::vector<uint32_t> places = Places(qual_begin, qual_end, depth);
        for (const catalog::Catalog::Posting& posting : names) {
          for (uint32_t place : places) {
            if (catalog_.IsWithin(posting.entity, place)) {
              found(posting, Text(name_begin, name_end), place);
            }
          }
        }
      }
    }
  }

 private:
  absl::string_view Text(size_t first, size_t last) const {
    return query_.substr(words_[first].begin, words_[last - 1].end - words_[first].begin);
  }

  // The entities words [first, last) name: by key, else (below kMaxQualifierDepth) qualified.
  std::vector<uint32_t> Places(size_t first, size_t last, int depth) const {
    std::vector<uint32_t> out;
    for (const catalog::Catalog::Posting& p :
         catalog_.Lookup(catalog_.normalizer().Key(Text(first, last)))) {
      if (catalog_.descendant_count(p.entity) > 0) out.push_back(p.entity);
    }
    if (out.empty() && depth < kMaxQualifierDepth && last - first >= 2) {
      Read(first, last, depth + 1,
           [&](const catalog::Catalog::Posting& p, absl::string_view, uint32_t) {
             if (catalog_.descendant_count(p.entity) > 0) out.push_back(p.entity);
           });
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }

  const catalog::Catalog& catalog_;
  absl::string_view query_;
  std::vector<Word> words_;
};

bool CountryAllowed(const ResolveOptions& options, const catalog::Entity& entity) {
  if (options.countries.empty()) return true;
  for (const std::string& c : entity.countries) {
    if (std::find(options.countries.begin(), options.countries.end(), c) !=
        options.countries.end()) {
      return true;
    }
  }
  return false;
}

// Where each entity's candidate is in a vector of candidates, one per entity: searched in turn
// while few (most names name one to a few entities, and the search allocates nothing), hashed
// once many (a common name's namesakes in a large catalog). The vector may grow, and a
// candidate be replaced by one of the same entity, between calls.
class CandidateSlots {
 public:
  explicit CandidateSlots(const std::vector<Candidate>& candidates) : candidates_(candidates) {}

  // The position of `entity`'s candidate, or the vector's size when it has none.
  size_t Find(uint32_t entity) {
    const size_t n = candidates_.size();
    if (n <= kFew) {
      for (size_t i = 0; i < n; ++i) {
        if (candidates_[i].index == entity) return i;
      }
      return n;
    }
    for (; hashed_ < n; ++hashed_) positions_.emplace(candidates_[hashed_].index, hashed_);
    auto it = positions_.find(entity);
    return it == positions_.end() ? n : it->second;
  }

 private:
  static constexpr size_t kFew = 16;
  const std::vector<Candidate>& candidates_;
  absl::flat_hash_map<uint32_t, size_t> positions_;  // Of candidates_[0, hashed_).
  size_t hashed_ = 0;
};

}  // namespace

hangul::Korea KoreaOf(const std::vector<std::string>& countries) {
  if (countries.size() != 1) return hangul::Korea::kUnknown;
  if (countries[0] == "KP") return hangul::Korea::kNorth;
  if (countries[0] == "KR") return hangul::Korea::kSouth;
  return hangul::Korea::kUnknown;
}

absl::StatusOr<std::string> ValidateQuery(absl::string_view query, const QueryLimits& limits,
                                          const text::Normalizer& normalizer) {
  if (absl::Status utf8 = text::ValidateUtf8(query); !utf8.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("query is not valid UTF-8: ", utf8.message()));
  }
  if (query.empty()) return absl::InvalidArgumentError("query is empty");
  const int64_t chars = text::CountCodePoints(query);
  if (chars > limits.max_query_chars) {
    return absl::InvalidArgumentError(absl::StrCat("query is ", chars, " characters long; the limit is ",
                                                   limits.max_query_chars));
  }
  // Counted again as the matchers and the decoder see it: compatibility characters expand under
  // NFKC (ⅷ -> viii, ㍿ -> 株式会社, ⑴ -> (1)) and case folding (ß -> ss), and the work grows with
  // the expanded text. ASCII expands under neither.
  std::string key = normalizer.Key(query);
  if (!text::IsAscii(query)) {
    const int64_t folded = std::max(
        text::CountCodePoints(normalizer.Fold(query, text::Level::kUnicode)),
        text::CountCodePoints(key));
    if (folded > limits.max_query_chars) {
      return absl::InvalidArgumentError(
          absl::StrCat("query is ", folded, " characters long after Unicode normalization (NFKC); "
                       "the limit is ", limits.max_query_chars));
    }
  }
  if (key.empty()) return absl::InvalidArgumentError("query has no letter or digit");
  return key;
}

absl::StatusOr<std::string> FoldForDecoder(const text::Normalizer& normalizer,
                                           absl::string_view query) {
  std::string folded = normalizer.Fold(query, text::Level::kUnicode);
  if (!hangul::HasHanja(folded)) return folded;
  return text::ToTraditional(folded);
}

double ScoreKeyMatch(const std::vector<text::Level>& normalizations) {
  double score = 1.0;
  for (text::Level level : normalizations) {
    switch (level) {
      case text::Level::kNone:
        break;
      case text::Level::kUnicode:
      case text::Level::kCase:
        score -= 0.01;
        break;
      case text::Level::kDiacritics:
        score -= 0.02;
        break;
      case text::Level::kPunctuation:
        score -= 0.03;
        break;
    }
  }
  return score;
}

absl::StatusOr<std::vector<Candidate>> Resolve(const catalog::Catalog& catalog,
                                               absl::string_view query,
                                               const ResolveOptions& options,
                                               const QueryLimits& limits) {
  const text::Normalizer& normalizer = catalog.normalizer();
  absl::StatusOr<std::string> valid = ValidateQuery(query, limits, normalizer);
  if (!valid.ok()) return valid.status();
  const std::string& key = *valid;

  // Best candidate per entity: an entity may match under several names (Kaesong, Kaesŏng).
  std::vector<Candidate> found;
  found.reserve(4);  // Most queries name one to a few entities: a small block.
  CandidateSlots slots(found);
  auto offer = [&](uint32_t index, Candidate candidate) {
    const catalog::Entity& entity = catalog.entity(index);
    if (!KindAllowed(options, entity.kind) || !CountryAllowed(options, entity) ||
        !WithinAllowed(catalog, options, index)) {
      return;
    }
    candidate.entity = &entity;
    candidate.index = index;
    const size_t at = slots.Find(index);
    if (at == found.size()) {
      found.push_back(std::move(candidate));
    } else if (candidate.score > found[at].score) {
      found[at] = std::move(candidate);
    }
  };

  // 1. The query is a name, alias or former name of the entity, up to normalization.
  for (Candidate& candidate : NameMatches(catalog, catalog.Lookup(key), query, key)) {
    offer(candidate.index, std::move(candidate));
  }

  // 1b. In simplified characters, a Hanja name in its traditional form (金与正 -> 金與正): a
  // compatibility variant, as the Unicode step counts.
  if (found.empty() && hangul::HasHanja(query)) {
    absl::StatusOr<std::string> traditional = text::ToTraditional(query);
    if (!traditional.ok()) return traditional.status();
    if (*traditional != query) {
      const std::string traditional_key = normalizer.Key(*traditional);
      for (Candidate& candidate :
           NameMatches(catalog, catalog.Lookup(traditional_key), *traditional, traditional_key)) {
        if (std::find(candidate.normalizations.begin(), candidate.normalizations.end(),
                      text::Level::kUnicode) == candidate.normalizations.end()) {
          candidate.normalizations.insert(candidate.normalizations.begin(), text::Level::kUnicode);
        }
        candidate.score = ScoreKeyMatch(candidate.normalizations) -
                          (candidate.method == MatchMethod::kFormerName ? kFormerNamePenalty : 0);
        candidate.key = key;
        offer(candidate.index, std::move(candidate));
      }
    }
  }

  // 3. A name and the place that contains it ("Jung-gu, Busan"), when the whole is no name.
  bool qualified = false;
  if (found.empty()) {
    QualifiedReader reader(catalog, query);
    if (reader.Applies()) {
      reader.Read(0, reader.word_count(), 0,
                  [&](const catalog::Catalog::Posting& posting, absl::string_view name,
                      uint32_t place) {
                    Candidate candidate;
                    candidate.alias = posting.alias;
                    candidate.key = key;
                    candidate.normalizations = normalizer.Explain(
                        name, catalog::AliasText(catalog.entity(posting.entity), posting.alias));
                    if (std::find(candidate.normalizations.begin(), candidate.normalizations.end(),
                                  text::Level::kPunctuation) == candidate.normalizations.end()) {
                      candidate.normalizations.push_back(text::Level::kPunctuation);
                    }
                    candidate.qualifier = &catalog.entity(place);
                    SetNameMethod(posting, MatchMethod::kAlias,
                                  ScoreKeyMatch(candidate.normalizations), &candidate);
                    offer(posting.entity, std::move(candidate));
                  });
      qualified = !found.empty();
    }
  }

  if (!found.empty() && !qualified) {
    // 2. Homonyms: other entities with the Hangul of one that matched (김정은 the leader and the
    // singer), whether or not they list the spelling.
    // Matches sharing a Hangul form and kind (a common name's many namesakes) are looked up once,
    // at the best of their scores: each namesake is offered once, not once per match.
    struct Form {
      const catalog::Entity* entity;  // The first match with the form.
      double score;                   // The best score of the matches with it.
    };
    std::vector<Form> forms;
    for (size_t i = 0; i < found.size(); ++i) {
      const catalog::Entity& entity = *found[i].entity;
      if (entity.hangul.empty()) continue;
      auto same = std::find_if(forms.begin(), forms.end(), [&entity](const Form& f) {
        return f.entity->hangul == entity.hangul &&
               catalog::HangulKind(f.entity->kind) == catalog::HangulKind(entity.kind);
      });
      if (same == forms.end()) {
        forms.push_back({&entity, found[i].score});
      } else {
        same->score = std::max(same->score, found[i].score);
      }
    }
    for (const Form& form : forms) {
      const catalog::Entity& entity = *form.entity;
      for (const catalog::Catalog::Posting& posting : catalog.LookupHangul(
               catalog.decoder().OrthographyKey(entity.hangul, catalog::HangulKind(entity.kind)))) {
        Candidate candidate;
        candidate.method = MatchMethod::kSameHangul;
        candidate.alias = posting.alias;
        candidate.key = key;
        candidate.decoded_hangul = entity.hangul;
        candidate.score = std::min(form.score, kSameHangulScore);
        offer(posting.entity, std::move(candidate));
      }
    }
  } else if (found.empty() && !options.listed_names_only) {
    // 4. The query read as Hangul, as a person's name and as a place's.
    std::vector<hangul::StringKind> kinds;
    if (KindAllowed(options, catalog::EntityKind::kPerson)) kinds.push_back(hangul::StringKind::kPerson);
    if (KindAllowed(options, catalog::EntityKind::kPlace) ||
        KindAllowed(options, catalog::EntityKind::kOrganization)) {
      kinds.push_back(hangul::StringKind::kPlace);
    }
    absl::StatusOr<std::string> folded = FoldForDecoder(normalizer, query);
    if (!folded.ok()) return folded.status();
    const MatchMethod method = hangul::HasKana(*folded)       ? MatchMethod::kKanaReading
                               : hangul::HasCyrillic(*folded) ? MatchMethod::kCyrillicReading
                               : hangul::HasHanja(*folded)    ? MatchMethod::kHanjaReading
                                                              : MatchMethod::kDecoded;
    for (hangul::StringKind kind : kinds) {
      hangul::DecodeOptions decode;
      decode.kind = kind;
      decode.max_results = kDecodedReadings;
      decode.korea = KoreaOf(options.countries);
      decode.beam = kDecodedBeam;
      decode.rare_spellings = true;
      std::vector<hangul::DecodedName> readings = catalog.decoder().Decode(*folded, decode);
      if (readings.empty()) continue;
      const double best = readings.front().score;
      for (const hangul::DecodedName& reading : readings) {
        for (const catalog::Catalog::Posting& posting :
             catalog.LookupHangul(catalog.decoder().OrthographyKey(reading.hangul, kind))) {
          Candidate candidate;
          candidate.alias = posting.alias;
          candidate.key = key;
          candidate.decoded_hangul = reading.hangul;
          SetNameMethod(posting, method, ScoreDecodedMatch(reading.score / best), &candidate);
          offer(posting.entity, std::move(candidate));
        }
      }
      // Only when nothing at all matched: a fallback, and not free.
      if (kind != hangul::StringKind::kPlace || !found.empty()) continue;
      // A place and the place around it, in another romanization ("Pusan Chung-gu" read
      // 부산 중구): the likeliest readings of several words, read as qualified Hangul.
      int tried = 0;
      for (const hangul::DecodedName& reading : readings) {
        if (!found.empty()) break;  // The likeliest reading that names something.
        if (reading.hangul.find(' ') == std::string::npos) continue;
        if (++tried > kQualifiedReadings) break;
        QualifiedReader reader(catalog, reading.hangul);
        if (!reader.Applies()) continue;
        reader.Read(0, reader.word_count(), 0,
                    [&](const catalog::Catalog::Posting& posting, absl::string_view,
                        uint32_t place) {
                      Candidate candidate;
                      candidate.alias = posting.alias;
                      candidate.key = key;
                      candidate.decoded_hangul = reading.hangul;
                      candidate.qualifier = &catalog.entity(place);
                      SetNameMethod(posting, method, ScoreDecodedMatch(reading.score / best),
                                    &candidate);
                      offer(posting.entity, std::move(candidate));
                    });
      }
    }
  }

  // 5. Typos: one edit away from a name ("Kaesnog"), when nothing else matched.
  if (found.empty() && !options.listed_names_only) {
    for (const catalog::Catalog::Posting& posting : catalog.LookupTypo(key)) {
      Candidate candidate;
      candidate.alias = posting.alias;
      candidate.key = key;
      SetNameMethod(posting, MatchMethod::kTypo, kTypoScore, &candidate);
      offer(posting.entity, std::move(candidate));
    }
  }

  // Only the first max_results need their order (the order is total: IDs differ).
  const auto best_first = [&catalog](const Candidate& a, const Candidate& b) {
    if (a.score != b.score) return a.score > b.score;
    const uint32_t pa = catalog.prominence(a.index);
    const uint32_t pb = catalog.prominence(b.index);
    if (pa != pb) return pa < pb;
    return a.entity->id < b.entity->id;
  };
  const size_t kept = std::min(found.size(), static_cast<size_t>(options.max_results));
  std::partial_sort(found.begin(), found.begin() + kept, found.end(), best_first);
  found.resize(kept);
  return found;
}

// A place name longer than this is no place name: not worth normalizing.
constexpr size_t kMaxWithinBytes = 1024;

absl::StatusOr<std::vector<uint32_t>> FindWithin(const catalog::Catalog& catalog,
                                                 absl::string_view within) {
  if (absl::Status utf8 = text::ValidateUtf8(within); !utf8.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("within is not valid UTF-8: ", utf8.message()));
  }
  if (const catalog::Entity* entity = catalog.FindById(within)) {
    return std::vector<uint32_t>{catalog.IndexOf(*entity)};
  }
  if (const catalog::RetiredId* retired = catalog.FindRetired(within)) {
    return std::vector<uint32_t>{catalog.IndexOf(catalog.Successor(*retired))};
  }
  std::vector<uint32_t> out;
  const std::string key = catalog.normalizer().Key(within);
  if (!key.empty() && within.size() <= kMaxWithinBytes) {
    for (const catalog::Catalog::Posting& p : catalog.Lookup(key)) {
      if (catalog.entity(p.entity).kind == catalog::EntityKind::kPlace) out.push_back(p.entity);
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  if (out.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "within ", text::Quote(within), " is neither an entity ID nor the name of a place"));
  }
  return out;
}

std::vector<Candidate> NameMatches(const catalog::Catalog& catalog,
                                   absl::Span<const catalog::Catalog::Posting> postings,
                                   absl::string_view text, absl::string_view key) {
  constexpr size_t kFewPostings = 16;
  std::vector<Candidate> out;
  out.reserve(std::min<size_t>(postings.size(), 4));
  CandidateSlots slots(out);
  // Explain once per distinct name: namesakes share their spellings.
  std::vector<std::pair<absl::string_view, std::vector<text::Level>>> explained;
  auto explain = [&](absl::string_view name) -> const std::vector<text::Level>& {
    for (const auto& [seen, levels] : explained) {
      if (seen == name) return levels;
    }
    explained.emplace_back(name, catalog.normalizer().Explain(text, name));
    return explained.back().second;
  };
  // Names written as the text is: nothing to explain, and no other name of theirs can do better.
  absl::InlinedVector<bool, kFewPostings> exact(postings.size());
  for (size_t i = 0; i < postings.size(); ++i) {
    exact[i] = catalog::AliasText(catalog.entity(postings[i].entity), postings[i].alias) == text;
  }
  for (int pass = 0; pass < 2; ++pass) {
    for (size_t i = 0; i < postings.size(); ++i) {
      if (exact[i] != (pass == 0)) continue;
      const catalog::Catalog::Posting& posting = postings[i];
      const size_t at = slots.Find(posting.entity);
      if (pass == 1 && at < out.size() && out[at].score >= 1.0) continue;
      Candidate candidate;
      candidate.entity = &catalog.entity(posting.entity);
      candidate.index = posting.entity;
      candidate.alias = posting.alias;
      candidate.key = std::string(key);
      if (pass == 1) {
        candidate.normalizations = explain(catalog::AliasText(*candidate.entity, posting.alias));
      }
      SetNameMethod(posting, MatchMethod::kAlias, ScoreKeyMatch(candidate.normalizations),
                    &candidate);
      if (at == out.size()) {
        out.push_back(std::move(candidate));
      } else if (candidate.score > out[at].score) {
        out[at] = std::move(candidate);
      }
    }
  }
  // In the order of the entities' first postings.
  if (out.size() <= 1) return out;
  std::vector<Candidate> ordered;
  ordered.reserve(out.size());
  for (const catalog::Catalog::Posting& p : postings) {
    const size_t at = slots.Find(p.entity);
    if (at < out.size() && out[at].entity != nullptr) {
      ordered.push_back(std::move(out[at]));
      out[at].entity = nullptr;
    }
  }
  return ordered;
}

double ScoreDecodedMatch(double relative_likelihood) {
  return 0.5 + 0.4 * std::clamp(relative_likelihood, 0.0, 1.0);
}

}  // namespace irum::match
