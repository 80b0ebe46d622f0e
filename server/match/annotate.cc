#include "server/match/annotate.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <optional>
#include <utility>

#include <unicode/uchar.h>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "server/hangul/hanja.h"
#include "server/hangul/jamo.h"
#include "server/hangul/kana.h"
#include "server/match/names.h"
#include "server/match/resolver.h"
#include "server/text/tokenize.h"
#include "server/text/traditional.h"
#include "server/text/utf8.h"

namespace irum::match {
namespace {

// Most words a linked name may have ("Democratic People's Republic of Korea" has six).
constexpr size_t kMaxNameWords = 8;
// An unknown name has a surname and one or two given-name words ("Kim Yo Jong").
constexpr size_t kMinUnknownWords = 2;
constexpr size_t kMaxUnknownWords = 3;
// Most words of a foreign place's name looked for in a run of capitalized words ("Ho Chi Minh
// City").
constexpr size_t kMaxPlaceWords = 4;
// The decoder's beam for unknown names: narrower than ToHangul's (6) for speed. On the
// development corpus (scripts/eval-annotate) beams 2 and 3 read the unknown names as 6 does, in
// 7.5% fewer instructions per article at 3; a beam of 1 loses 4% of their Hangul.
constexpr int kUnknownNameBeam = 3;
// And its margin (hangul::DecodeOptions::beam_margin): Annotate takes the first reading only.
// Chosen on the decoder's cross-validated top-1 on the training names (88.8% at 4, 5 and 6 nats,
// 88.7% without); with the margin on every lattice of the decoder, 4 spared 10.6% of Annotate's
// instructions, 5 spared 9.8%, 6 spared 8.8%. As set here (the given names' lattices), 5 spares
// 8.5%.
constexpr float kUnknownNameBeamMargin = 5;
// Homonyms weighed per mention before AnnotateOptions::max_candidates cuts them.
constexpr size_t kMaxCandidates = 10;

// A word of the text, as Annotate reads it.
struct Word {
  text::Token token;
  size_t name_end = 0;    // token.end, or before an English possessive ("Kaesong's").
  int64_t cp_name_end = 0;
  absl::string_view key;  // The key of [begin, name_end), in the keys of ReadWords.
  bool latin = false;     // Has an ASCII letter.
  bool capitalized = false;  // Starts with a capital Latin letter (StartsWithCapital).
  bool hangul = false;    // Hangul syllables only.
  bool katakana = false;  // Katakana only (hangul::IsKatakana).
  bool cyrillic_capitalized = false;  // Cyrillic letters only, the first a capital.
};

bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }

// Whether `word` starts with a capital Latin letter: A to Z, or one with a diacritic (Ŭn-sil and
// Ŏ of McCune-Reischauer; U+00C0 to U+024F, two bytes in UTF-8).
bool StartsWithCapital(absl::string_view word) {
  if (word.empty()) return false;
  const auto b = static_cast<unsigned char>(word[0]);
  if (b < 0x80) return IsUpper(word[0]);
  if (b < 0xC3 || b > 0xC9) return false;
  size_t i = 0;
  const char32_t c = text::NextCodePoint(word, &i);
  return c >= 0xC0 && c <= 0x24F && u_isupper(static_cast<UChar32>(c));
}

// The text between words k - 1 and k. REQUIRES: 0 < k < words.size().
absl::string_view GapBefore(const std::vector<Word>& words, size_t k, absl::string_view text) {
  return text.substr(words[k - 1].token.end, words[k].token.begin - words[k - 1].token.end);
}

// True when two words are joined by a hyphen alone (Sung-Jun): parts of one name word.
bool IsHyphen(absl::string_view gap) { return gap == "-" || gap == "\xE2\x80\x90"; }

// The possessive ending of an English word: "'s", "’s", or none (0). Its length in bytes.
size_t PossessiveLength(absl::string_view word) {
  if (word.empty() || (word.back() != 's' && word.back() != 'S')) return 0;
  if (word.size() > 2 && word[word.size() - 2] == '\'') return 2;
  if (word.size() > 4 && absl::EndsWith(word.substr(0, word.size() - 1), "\xE2\x80\x99")) return 4;
  return 0;
}

// The words of `tokens`, their keys run together in `*keys`, which must outlive them. Sets
// `*script_words` when one is katakana or capitalized Cyrillic (FindScriptNames has work).
std::vector<Word> ReadWords(const catalog::Catalog& catalog, absl::string_view text,
                            const std::vector<text::Token>& tokens, std::string* keys,
                            bool* script_words) {
  *script_words = false;
  std::vector<Word> words(tokens.size());
  // The keys of ASCII words, written in place (text::Normalizer::AsciiKey), fill no more than the
  // text's size; the others' (NFKC may lengthen them) are appended after that.
  keys->assign(text.size(), '\0');
  size_t ascii_keys = 0;  // Bytes of keys->data() the ASCII words' keys fill.
  std::vector<size_t> key_begin(tokens.size()), key_size(tokens.size());
  for (size_t k = 0; k < tokens.size(); ++k) {
    const text::Token& t = tokens[k];
    Word& w = words[k];
    w.token = t;
    const absl::string_view raw = text.substr(t.begin, t.end - t.begin);
    const size_t possessive = PossessiveLength(raw);
    w.name_end = t.end - possessive;
    w.cp_name_end = t.cp_end - (possessive > 0 ? 2 : 0);  // ' or ’, then s.
    const absl::string_view name = raw.substr(0, raw.size() - possessive);
    // Hanja names are filed in their traditional forms: 金与正 is 金與正.
    std::optional<std::string> traditional;
    if (static_cast<unsigned char>(raw[0]) >= 0x80 && hangul::HasHanja(name)) {
      if (absl::StatusOr<std::string> t = text::ToTraditional(name); t.ok()) traditional = *t;
    }
    if (const size_t n = traditional ? text::Normalizer::kNotAscii
                                     : text::Normalizer::AsciiKey(name, keys->data() + ascii_keys);
        n != text::Normalizer::kNotAscii) {
      key_begin[k] = ascii_keys;
      key_size[k] = n;
      ascii_keys += n;
    } else {
      const std::string key =
          catalog.normalizer().Key(traditional ? absl::string_view(*traditional) : name);
      key_begin[k] = keys->size();
      key_size[k] = key.size();
      keys->append(key);
    }
    w.latin = std::any_of(raw.begin(), raw.end(),
                          [](char c) { return absl::ascii_isalpha(static_cast<unsigned char>(c)); });
    w.capitalized = StartsWithCapital(raw);
    w.hangul = static_cast<unsigned char>(raw[0]) >= 0x80;
    w.katakana = w.hangul;
    w.cyrillic_capitalized = w.hangul;
    for (size_t i = 0; i < raw.size() && (w.hangul || w.katakana || w.cyrillic_capitalized);) {
      const bool first = i == 0;
      const char32_t c = text::NextCodePoint(raw, &i);
      w.hangul = w.hangul && hangul::IsSyllable(c);
      w.katakana = w.katakana && hangul::IsKatakana(c);
      w.cyrillic_capitalized = w.cyrillic_capitalized &&
                               (first ? (c >= U'А' && c <= U'Я') || c == U'Ё'
                                      : (c >= U'а' && c <= U'я') || c == U'ё');
    }
    *script_words = *script_words || w.katakana || w.cyrillic_capitalized;
  }
  for (size_t k = 0; k < tokens.size(); ++k) {  // Now that *keys grows no more.
    words[k].key = absl::string_view(*keys).substr(key_begin[k], key_size[k]);
  }
  return words;
}

// The surnames each word's key spells (hangul::PriorModel::SurnamesSpelled), asked once per word.
// (Not also once per key: SurnamesSpelled of a lowercase ASCII key is one hash lookup, as a map of
// the text's keys would be.)
class SurnameSpellings {
 public:
  SurnameSpellings(const hangul::PriorModel& priors, const std::vector<Word>& words)
      : priors_(priors), words_(words), known_(words.size(), nullptr) {}

  const std::vector<hangul::SurnameReading>& Of(size_t k) {
    if (known_[k] == nullptr) {
      // A word of more ASCII letters than any surname spelling has spells none: most words of a
      // text, answered without the lookup (which folds a key of other letters into a new string
      // first).
      const absl::string_view key = words_[k].key;
      known_[k] = text::IsAscii(key) && Letters(key) > priors_.longest_surname_spelling()
                      ? &none_
                      : &priors_.SurnamesSpelled(key);
    }
    return *known_[k];
  }

  // Whether `pred` holds for a surname word k is known to spell: one the table lists for it
  // (Of), or one the passport samples counted for it (Chey for 최, Young for 양 and 용).
  template <typename Pred>
  bool AnyKnownSurname(size_t k, Pred pred) {
    for (const hangul::SurnameReading& r : Of(k)) {
      if (pred(std::u32string_view(r.syllables))) return true;
    }
    for (const std::u32string& r : priors_.SurnamesCounted(words_[k].key)) {
      if (pred(std::u32string_view(r))) return true;
    }
    return false;
  }

  // Whether word k spells a surname: one the table lists (Of), or one the passport samples
  // counted (Boo for 부: hangul::PriorModel::IsCountedSurnameSpelling).
  bool Spells(size_t k) {
    if (!Of(k).empty()) return true;
    const absl::string_view key = words_[k].key;
    return !(text::IsAscii(key) && Letters(key) > priors_.longest_counted_spelling()) &&
           priors_.IsCountedSurnameSpelling(key);
  }

 private:
  static size_t Letters(absl::string_view key) {
    return static_cast<size_t>(std::count_if(key.begin(), key.end(), [](char c) {
      return absl::ascii_isalpha(static_cast<unsigned char>(c));
    }));
  }

  const hangul::PriorModel& priors_;
  const std::vector<Word>& words_;
  std::vector<const std::vector<hangul::SurnameReading>*> known_;
  const std::vector<hangul::SurnameReading> none_;
};

// Whether a sentence ends between two words of a text: text::SentenceEndsBetween, asked once per
// gap (a gap is asked about by every run that reaches it).
class SentenceEnds {
 public:
  explicit SentenceEnds(absl::string_view text) : text_(text) {}

  bool Between(const text::Token& before, const text::Token& after) {
    auto [it, inserted] = known_.try_emplace(before.end, false);
    if (inserted) it->second = text::SentenceEndsBetween(text_, before.end, after.begin);
    return it->second;
  }

 private:
  absl::string_view text_;
  absl::flat_hash_map<size_t, bool> known_;
};

// True when the text between two words lets a name run on: spaces and tabs, at most one line
// break, hyphens, apostrophes, periods and middle dots (not commas, parentheses, slashes...).
// A sentence ends a name unless only a line break parts the words (a name broken across lines).
// What the characters of the text between two words say of Joins: they part the words, join
// them, or join them unless a sentence ends there (a period: "Mr. Suh", but "Seoul. He").
enum class Gap : uint8_t { kParts, kJoins, kJoinsWithinASentence };

Gap ReadGap(absl::string_view gap) {
  int breaks = 0;
  bool period = false;
  for (size_t i = 0; i < gap.size();) {
    const char32_t c = text::NextCodePoint(gap, &i);
    switch (c) {
      case U'.':
        period = true;
        break;
      case U' ': case U'\t': case U'\r': case U'-': case U'\'':
      case U'\u00A0': case U'\u00B7': case U'\u2010': case U'\u2011': case U'\u2019':
        break;
      case U'\n':
        if (++breaks > 1) return Gap::kParts;
        break;
      default:
        return Gap::kParts;
    }
  }
  return period ? Gap::kJoinsWithinASentence : Gap::kJoins;
}

bool Joins(absl::string_view text, const text::Token& before, const text::Token& after,
           SentenceEnds* sentences) {
  switch (ReadGap(text.substr(before.end, after.begin - before.end))) {
    case Gap::kParts: return false;
    case Gap::kJoins: return true;
    case Gap::kJoinsWithinASentence: return !sentences->Between(before, after);
  }
  return false;
}

// A run of words found to name something.
struct Found {
  size_t first = 0;  // Words [first, last].
  size_t last = 0;
  size_t end = 0;    // Byte end of the name (before a possessive or a particle).
  int64_t cp_end = 0;
  std::vector<Candidate> candidates;
};

bool KindAllowed(const AnnotateOptions& options, catalog::EntityKind kind) {
  return options.kinds.empty() ||
         std::find(options.kinds.begin(), options.kinds.end(), kind) != options.kinds.end();
}

// The candidates of the postings, for the name as written in `written`, best first, at most
// options.max_candidates: one per entity, of the kinds allowed.
std::vector<Candidate> Candidates(const catalog::Catalog& catalog,
                                  absl::Span<const catalog::Catalog::Posting> postings,
                                  absl::string_view written, absl::string_view key,
                                  const AnnotateOptions& options) {
  std::vector<Candidate> out = NameMatches(catalog, postings, written, key);
  out.erase(std::remove_if(out.begin(), out.end(),
                           [&](const Candidate& c) { return !KindAllowed(options, c.entity->kind); }),
            out.end());
  std::sort(out.begin(), out.end(), [&catalog](const Candidate& a, const Candidate& b) {
    if (a.score != b.score) return a.score > b.score;
    return catalog.prominence(a.index) < catalog.prominence(b.index);
  });
  if (out.size() > kMaxCandidates) out.resize(kMaxCandidates);
  return out;
}

// Homonyms of equal score (고성군 of Gangwon and of South Gyeongsang, the Ministry of Foreign
// Affairs of either Korea) in the order of the countries the text's unambiguous mentions name,
// then as they were (prominence): a text about the North means the North's ministry.
void PreferTheTextsCountries(std::vector<Found>* names) {
  // The candidates come best first: only homonyms of equal score move, and most texts have none
  // (the votes are not counted then).
  const auto tied = [](const Found& f) {
    for (size_t c = 1; c < f.candidates.size(); ++c) {
      if (f.candidates[c].score == f.candidates[c - 1].score) return true;
    }
    return false;
  };
  if (std::none_of(names->begin(), names->end(), tied)) return;
  absl::flat_hash_map<absl::string_view, int> votes;
  for (const Found& f : *names) {
    if (f.candidates.size() == 1 || f.candidates[0].score > f.candidates[1].score) {
      for (const std::string& country : f.candidates[0].entity->countries) ++votes[country];
    }
  }
  auto vote = [&votes](const Candidate& c) {
    int v = 0;
    for (const std::string& country : c.entity->countries) {
      auto it = votes.find(country);
      if (it != votes.end()) v = std::max(v, it->second);
    }
    return v;
  };
  for (Found& f : *names) {
    if (f.candidates.size() < 2) continue;
    std::stable_sort(f.candidates.begin(), f.candidates.end(),
                     [&](const Candidate& a, const Candidate& b) {
                       if (a.score != b.score) return a.score > b.score;
                       return vote(a) > vote(b);
                     });
  }
}

// Moves candidate `k` of `c` to the front, the others keeping their order.
void MoveToFront(std::vector<Candidate>* c, size_t k) {
  std::rotate(c->begin(), c->begin() + static_cast<ptrdiff_t>(k),
              c->begin() + static_cast<ptrdiff_t>(k) + 1);
}

// Moves the first candidate of `c` that ties with its first and `pred` accepts to the front (only
// ties move); false when there is none.
template <typename Pred>
bool PreferTied(std::vector<Candidate>* c, Pred pred) {
  for (size_t k = 0; k < c->size() && (*c)[k].score == (*c)[0].score; ++k) {
    if (pred((*c)[k])) {
      MoveToFront(c, k);
      return true;
    }
  }
  return false;
}

// Whether mention `f` stands where a sentence says where something is or goes: a Korean
// locative particle on its last word (청와대에서, 청와대로, 청와대까지; not 에게, "to someone"), or
// an English preposition of place just before it ("at Cheong Wa Dae", "back to Cheong Wa Dae").
bool NamedAsWhere(const std::vector<Word>& words, const Found& f, absl::string_view text) {
  const Word& last = words[f.last];
  if (last.hangul) {
    const absl::string_view particle = text.substr(f.end, last.token.end - f.end);
    if (absl::StartsWith(particle, "에게")) return false;
    return absl::StartsWith(particle, "에") || absl::StartsWith(particle, "로") ||
           absl::StartsWith(particle, "으로") || absl::StartsWith(particle, "까지");
  }
  if (f.first == 0 || !words[f.first].latin || GapBefore(words, f.first, text) != " ") {
    return false;
  }
  static constexpr absl::string_view kPlacePrepositions[] = {
      "at", "in", "inside", "into", "near", "outside", "to", "toward", "towards", "within"};
  const absl::string_view before = words[f.first - 1].key;
  return std::find(std::begin(kPlacePrepositions), std::end(kPlacePrepositions), before) !=
         std::end(kPlacePrepositions);
}

// A club named after the organization that owns it (LG 트윈스 after LG, Samsung Lions: the
// catalog's parent, whose Hangul name and a space begin its own): after its full name, the owner's
// name alone later in the text names it ("LG 트윈스가 ... LG는 정규시즌 1위"), as a surname alone
// names the person named before (MatchMethod::kCoreference, kCoreferenceScore). Not when two such
// organizations of one owner came before, nor when the owner itself was named before. Korean
// writes a club's name as two words and a company's as one (한화 이글스, 한화오션; SK하이닉스):
// after a company's name, the owner's name alone is the group's ("한화오션은 ... 한화는").
void LinkOwnersNamesToTheOrganizationBefore(const catalog::Catalog& catalog,
                                             std::vector<Found>* names) {
  auto is_org = [](const Candidate& c) {
    return c.entity->kind == catalog::EntityKind::kOrganization;
  };
  for (size_t n = 1; n < names->size(); ++n) {
    Found& f = (*names)[n];
    if (f.candidates.empty() || !is_org(f.candidates.front()) ||
        f.candidates.front().method != MatchMethod::kAlias) {
      continue;
    }
    const Candidate& owner = f.candidates.front();
    // Whether `org`'s Hangul name is the owner's and a word apart, as a club's is (엘지 트윈스).
    auto named_as_club = [&](const catalog::Entity& org) {
      absl::string_view rest = org.hangul;
      return absl::ConsumePrefix(&rest, owner.entity->hangul) && absl::StartsWith(rest, " ");
    };
    const Candidate* named = nullptr;  // The one organization before, or nullptr.
    bool ambiguous = false;  // Another of its organizations, or the owner, came before.
    for (size_t m = 0; m < n && !ambiguous; ++m) {
      const std::vector<Candidate>& before = (*names)[m].candidates;
      if (before.empty()) continue;
      const Candidate& c = before.front();
      if (c.index == owner.index && c.method == MatchMethod::kAlias) {
        ambiguous = true;  // The owner itself was named before.
        break;
      }
      if (!is_org(c) || catalog.parent(c.index) != owner.index ||
          c.key.size() <= owner.key.size() || !absl::StartsWith(c.key, owner.key) ||
          !named_as_club(*c.entity)) {
        continue;
      }
      ambiguous = named != nullptr && named->index != c.index;
      named = &c;
    }
    if (named == nullptr || ambiguous) continue;
    Candidate linked = *named;
    linked.method = MatchMethod::kCoreference;
    linked.score = kCoreferenceScore;
    linked.key = owner.key;
    linked.normalizations.clear();
    f.candidates.assign(1, std::move(linked));
  }
}

// A place and an organization of equal score that share a name (청와대, the compound and the
// office it housed): the place where the text names it as where something is or goes
// (NamedAsWhere), else as they were. Only ties move.
void PreferPlacesNamedAsWhere(const std::vector<Word>& words, absl::string_view text,
                              std::vector<Found>* names) {
  for (Found& f : *names) {
    if (f.candidates.size() < 2 || f.candidates[0].entity->kind == catalog::EntityKind::kPlace ||
        !NamedAsWhere(words, f, text)) {
      continue;
    }
    PreferTied(&f.candidates,
               [](const Candidate& k) { return k.entity->kind == catalog::EntityKind::kPlace; });
  }
}

// Homonyms of equal score and different countries (the two Koreas' Ministries of Foreign Affairs)
// in a sentence that names one of those countries' entities before them, unambiguously: that
// country's first ("In Seoul, the Ministry of Foreign Affairs"), whatever the text's votes
// (PreferTheTextsCountries) say. The nearest such mention decides. `names` in text order.
void PreferTheCountryNamedBeforeInTheSentence(const std::vector<Word>& words,
                                             absl::string_view text, std::vector<Found>* names) {
  for (size_t n = 1; n < names->size(); ++n) {
    std::vector<Candidate>& c = (*names)[n].candidates;
    if (c.size() < 2 || c[1].score != c[0].score) continue;
    for (size_t m = n; m-- > 0;) {
      const Found& before = (*names)[m];
      if (text::SentenceEndsBetween(text, words[before.last].token.end,
                                    words[(*names)[n].first].token.begin)) {
        break;
      }
      if (before.candidates.size() > 1 &&
          before.candidates[1].score == before.candidates[0].score) {
        continue;
      }
      const std::vector<std::string>& countries = before.candidates.front().entity->countries;
      if (countries.size() != 1) continue;
      const bool preferred = PreferTied(&c, [&](const Candidate& k) {
        return std::find(k.entity->countries.begin(), k.entity->countries.end(), countries[0]) !=
               k.entity->countries.end();
      });
      if (preferred) break;
    }
  }
}

// Homonymous places of equal score that a neighbouring place tells apart: of two place mentions
// side by side (a space, a comma or an English possessive between them; not a Korean particle:
// 강원 고성군과 경남 고성군), a candidate of one inside a candidate of the other, in either order
// ("서울 중구", "강원 고성군", "Busan's Jung-gu", "Jung-gu, Busan"), comes first in both, as
// Resolve reads "Jung-gu, Busan"; a mention its left neighbour settled keeps that. Only ties
// move: a mention's best score stays first. `names` in text order.
void PreferPlacesTheirNeighboursContain(const catalog::Catalog& catalog,
                                        const std::vector<Word>& words, absl::string_view text,
                                        std::vector<Found>* names) {
  // The candidates of `f` that tie with its first and are places.
  const auto tied_places = [](const Found& f) {
    size_t n = 0;
    while (n < f.candidates.size() && f.candidates[n].score == f.candidates[0].score &&
           f.candidates[n].entity->kind == catalog::EntityKind::kPlace) {
      ++n;
    }
    return n;
  };
  bool settled = false;  // (*names)[n - 1] was settled by its left neighbour.
  for (size_t n = 1; n < names->size(); ++n) {
    Found& a = (*names)[n - 1];
    Found& b = (*names)[n];
    const bool a_settled = settled;
    settled = false;
    if (b.first != a.last + 1) continue;
    if (words[a.last].hangul && a.end != words[a.last].token.end) continue;  // A particle.
    const absl::string_view gap = GapBefore(words, b.first, text);
    if (!(gap == " " || gap == ", " || gap == ",")) continue;
    const size_t na = a_settled ? std::min<size_t>(1, tied_places(a)) : tied_places(a);
    const size_t nb = tied_places(b);
    if (na == 0 || nb == 0 || (na == 1 && nb == 1)) continue;
    bool done = false;
    for (size_t i = 0; i < na && !done; ++i) {
      for (size_t j = 0; j < nb && !done; ++j) {
        const uint32_t x = a.candidates[i].index, y = b.candidates[j].index;
        if (catalog.IsWithin(y, x) || catalog.IsWithin(x, y)) {
          MoveToFront(&a.candidates, i);
          MoveToFront(&b.candidates, j);
          done = settled = true;
        }
      }
    }
  }
}

// Homonymous places of equal score named alone (덕산면 of Yesan and of Jecheon; 고성 of Gangwon
// and of South Gyeongsang), each within another place: the one the text names elsewhere, else the
// one in a place the text names elsewhere (예산군 ... 덕산면; 강원 고성군 ... 고성). Named: the first candidate of a mention
// with no tie, or of one its neighbour settled (PreferPlacesTheirNeighboursContain, which runs
// first and whose choice stands). Only ties move.
void PreferPlacesInPlacesTheTextNames(const catalog::Catalog& catalog,
                                      const std::vector<Word>& words, absl::string_view text,
                                      std::vector<Found>* names) {
  auto tied = [](const Found& f) {
    return f.candidates.size() > 1 && f.candidates[0].score == f.candidates[1].score &&
           f.candidates[0].entity->kind == catalog::EntityKind::kPlace;
  };
  if (std::none_of(names->begin(), names->end(), tied)) return;
  // Whether all the tied candidates are places within others: a sea or a country among them
  // (동해, the East Sea, and 동해시) is in no place the text could name.
  auto all_within = [](const Found& f) {
    for (const Candidate& c : f.candidates) {
      if (c.score != f.candidates[0].score) break;
      if (c.entity->kind != catalog::EntityKind::kPlace || c.entity->parent.empty()) return false;
    }
    return true;
  };
  // Whether mention n and a place beside it contain one another (as the neighbours' rule reads
  // them: a space or a comma between, no particle).
  auto settled_by_neighbour = [&](size_t n) {
    const Found& f = (*names)[n];
    auto related = [&](const Found& a, const Found& b) {  // a just before b.
      if (b.first != a.last + 1) return false;
      if (words[a.last].hangul && a.end != words[a.last].token.end) return false;
      const absl::string_view gap = GapBefore(words, b.first, text);
      if (!(gap == " " || gap == ", " || gap == ",")) return false;
      const uint32_t x = a.candidates[0].index, y = b.candidates[0].index;
      return catalog.IsWithin(y, x) || catalog.IsWithin(x, y);
    };
    return (n > 0 && related((*names)[n - 1], f)) ||
           (n + 1 < names->size() && related(f, (*names)[n + 1]));
  };
  absl::flat_hash_set<uint32_t> named;
  std::vector<char> settled(names->size(), false);
  for (size_t n = 0; n < names->size(); ++n) {
    settled[n] = !tied((*names)[n]) || settled_by_neighbour(n);
    if (settled[n]) named.insert((*names)[n].candidates[0].index);
  }
  for (size_t n = 0; n < names->size(); ++n) {
    if (settled[n] || !all_within((*names)[n])) continue;
    std::vector<Candidate>* c = &(*names)[n].candidates;
    if (PreferTied(c, [&](const Candidate& k) { return named.contains(k.index); })) continue;
    PreferTied(c, [&](const Candidate& k) {
      if (k.entity->kind != catalog::EntityKind::kPlace) return false;
      for (uint32_t a : catalog.Ancestors(k.index)) {
        if (named.contains(a)) return true;
      }
      return false;
    });
  }
}

// The number of code points of UTF-8 `s`.
int64_t Points(absl::string_view s) {
  int64_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

bool HasSpace(absl::string_view gap) {
  return absl::StrContains(gap, ' ') || absl::StrContains(gap, '\n') ||
         absl::StrContains(gap, '\t') || absl::StrContains(gap, "\xC2\xA0");
}

// Whether a person's name in Latin letters, words [first, last], runs on past `last` into a longer
// name: a hyphen joins the next word ("Kang Chol-hwan"), or a name of one or two words is followed,
// after a space, by another capitalized word ("Kang Chol Su": Korean names have up to three
// syllables). A longer name is not this person's.
bool NameGoesOn(const std::vector<Word>& words, size_t first, size_t last, absl::string_view text) {
  if (!words[last].latin || last + 1 >= words.size() ||
      words[last].name_end != words[last].token.end) {
    return false;
  }
  const Word& next = words[last + 1];
  const absl::string_view gap = GapBefore(words, last + 1, text);
  if (IsHyphen(gap)) return next.latin;
  if (gap != " " || !next.latin || !next.capitalized) return false;
  int name_words = 1;
  for (size_t k = first + 1; k <= last; ++k) {
    name_words += HasSpace(GapBefore(words, k, text));
  }
  return name_words <= 2;
}

// Whether the Latin word `last` is joined by a hyphen to a lowercase Latin word that English does
// not write: the next syllable of one name ("Yang Dong-hee" is a person, not 양동 of Gwangju and
// "-hee"), where "South Korea-based" ends at Korea.
bool SyllableGoesOn(const catalog::Catalog& catalog, const std::vector<Word>& words, size_t last,
                    absl::string_view text) {
  if (!words[last].latin || last + 1 >= words.size() ||
      words[last].name_end != words[last].token.end) {
    return false;
  }
  const Word& next = words[last + 1];
  return IsHyphen(GapBefore(words, last + 1, text)) && next.latin && !next.capitalized &&
         !catalog.IsEnglishWord(next.key);
}

// Whether `name` is written in capitals only, two letters at least, and maybe digits (BOK, KCNA,
// G20).
bool IsAcronym(absl::string_view name) {
  int capitals = 0;
  for (const char c : name) {
    if (IsUpper(c)) {
      ++capitals;
    } else if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) {
      return false;
    }
  }
  return capitals >= 2;
}

// Whether a run of words may be a mention of `best`'s entity, by its letter case: a name written in
// lowercase only as an organization of several words; a single Latin word not when the English
// lexicon writes it in lowercase ("Moon", "Song": ordinary words).
bool CaseFits(const catalog::Catalog& catalog, const std::vector<Word>& words, size_t first,
              size_t last, const Candidate& best, absl::string_view text) {
  const catalog::EntityKind kind = best.entity->kind;
  const Word& head = words[first];
  if (!head.latin) return true;
  if (!head.capitalized) return kind == catalog::EntityKind::kOrganization && last > first;
  // A person's or place's name keeps its capitals: a word after a space in lowercase is the
  // name's only when the name has it so ("Yongbyon nuclear complex"); else it is a word of the
  // sentence ("Kang won" is no Kangwon).
  if (kind != catalog::EntityKind::kOrganization) {
    const absl::string_view alias = catalog::AliasText(*best.entity, best.alias);
    for (size_t k = first + 1; k <= last; ++k) {
      const Word& w = words[k];
      if (!w.latin || w.capitalized || !HasSpace(GapBefore(words, k, text))) {
        continue;
      }
      const absl::string_view written = text.substr(w.token.begin, w.name_end - w.token.begin);
      if (!absl::StrContains(alias, absl::StrCat(" ", written))) return false;
    }
  }
  if (first == last) {
    const absl::string_view raw = text.substr(head.token.begin, head.name_end - head.token.begin);
    const bool all_caps = std::none_of(raw.begin(), raw.end(), [](char c) {
      return c >= 'a' && c <= 'z';
    });
    if (!all_caps && catalog.IsEnglishWord(head.key)) return false;
    // A name in capitals only (BOK, KCNA, DMZ) is written so: "Bok" of Chung Bok-soon is a
    // syllable of a name, not the Bank of Korea.
    if (!all_caps && IsAcronym(catalog::AliasText(*best.entity, best.alias))) return false;
  }
  return true;
}

// Whether `raw`, a word of the text, is a title of the tables, with or without a particle.
bool IsTitleWord(const catalog::Catalog& catalog, absl::string_view raw) {
  if (catalog.IsTitle(raw)) return true;
  for (const std::string& particle : catalog.particles()) {
    if (raw.size() > particle.size() && absl::EndsWith(raw, particle) &&
        catalog.IsTitle(raw.substr(0, raw.size() - particle.size()))) {
      return true;
    }
  }
  return false;
}

// Whether `key`, a Hangul word's, is a name of an organization of the catalog.
bool NamesAnOrganization(const catalog::Catalog& catalog, absl::string_view key) {
  for (const catalog::Catalog::Posting& p : catalog.Lookup(key)) {
    if (catalog.entity(p.entity).kind == catalog::EntityKind::kOrganization) return true;
  }
  return false;
}

// Whether Hangul word k follows, after a space, a title of the tables: "작가 한강", "감독 봉준호".
bool TitledBefore(const catalog::Catalog& catalog, const std::vector<Word>& words, size_t k,
                  absl::string_view text) {
  if (k == 0 || !words[k - 1].hangul || GapBefore(words, k, text) != " ") return false;
  const Word& w = words[k - 1];
  return IsTitleWord(catalog, text.substr(w.token.begin, w.token.end - w.token.begin));
}

// Most organization names between a name and its title: "조현 외교부 장관", "서호 통일부 차관".
constexpr int kMaxOrganizationsBeforeTitle = 2;

// Whether Hangul word k is followed, after a space, by a title of the tables (with or without a
// particle), directly or after the organization the title is of: "김 위원장은", "윤 전 대통령",
// "조현 외교부 장관".
bool Titled(const catalog::Catalog& catalog, const std::vector<Word>& words, size_t k,
            absl::string_view text) {
  for (size_t next = k + 1, skipped = 0; next < words.size(); ++next, ++skipped) {
    if (GapBefore(words, next, text) != " ") return false;
    const Word& w = words[next];
    if (IsTitleWord(catalog, text.substr(w.token.begin, w.token.end - w.token.begin))) return true;
    if (skipped == kMaxOrganizationsBeforeTitle || !w.hangul || !NamesAnOrganization(catalog, w.key)) {
      return false;
    }
  }
  return false;
}

// Whether `key`, a person's name as a Hangul word of the text, is two syllables that the Korean
// dictionary also lists (조국 "homeland", 장면 "scene", 강철 "steel"): a dictionary lists a
// two-syllable personal name hardly ever, its word often. Such a name is the person's only before a
// title (조국 전 장관은, 조국 법무부 장관은: Titled). (Every two-syllable name so held, 서호 the
// West Lake of Hangzhou is not Suh Ho; but held-out Korean paragraphs lost two persons named
// without a title, and no wrong link went: measured 2026-12-03.)
bool PersonNameIsAWord(const catalog::Catalog& catalog, absl::string_view key) {
  size_t syllables = 0;
  for (size_t i = 0; i < key.size();) {
    const char32_t c = text::NextCodePoint(key, &i);
    if (c < 0xAC00 || c > 0xD7A3) return false;
    ++syllables;
  }
  return syllables == 2 && catalog.IsKoreanWord(key);
}

// Removes from each of `names` the candidates `drop(n, c)` says of candidate c of names[n] (asked
// of every candidate before any goes), and the mentions left with none, whose words `taken` loses.
template <typename Drop>
void DropCandidates(std::vector<Found>* names, std::vector<char>* taken, Drop drop) {
  std::vector<char> dropped;  // Of every candidate of every mention, in order.
  for (size_t n = 0; n < names->size(); ++n) {
    for (const Candidate& c : (*names)[n].candidates) dropped.push_back(drop(n, c));
  }
  if (std::find(dropped.begin(), dropped.end(), true) == dropped.end()) return;
  size_t d = 0;     // Into `dropped`.
  size_t kept = 0;  // Mentions kept, moved to the front in order.
  for (size_t n = 0; n < names->size(); ++n) {
    Found& f = (*names)[n];
    size_t left = 0;
    for (size_t i = 0; i < f.candidates.size(); ++i, ++d) {
      if (dropped[d]) continue;
      if (left != i) f.candidates[left] = std::move(f.candidates[i]);
      ++left;
    }
    f.candidates.erase(f.candidates.begin() + static_cast<ptrdiff_t>(left), f.candidates.end());
    if (f.candidates.empty()) {
      for (size_t k = f.first; k <= f.last; ++k) (*taken)[k] = false;
      continue;
    }
    if (kept != n) (*names)[kept] = std::move(f);
    ++kept;
  }
  names->erase(names->begin() + static_cast<ptrdiff_t>(kept), names->end());
}

// Whether `c`, matched by a Hangul word, is a county's or a district's Hangul without its unit
// (예산 for 예산군, 동안 for 동안구, 순안 for 순안구역) that the Korean dictionary also lists as a
// word (예산 "budget", 동안 "during", 고령 "old age"). (The dictionary lists many place names too,
// 강남 and 종로 among them; it does not list 용산, 철원 or 흥남, whose bare names are no word.)
bool BareUnitNameIsAWord(const catalog::Catalog& catalog, const Candidate& c) {
  if (c.method != MatchMethod::kAlias || c.entity->kind != catalog::EntityKind::kPlace) {
    return false;
  }
  const absl::string_view alias = catalog::AliasText(*c.entity, c.alias);
  const absl::string_view hangul = c.entity->hangul;
  if (alias.size() >= hangul.size() || !absl::StartsWith(hangul, alias)) return false;
  const absl::string_view unit = hangul.substr(alias.size());
  return (unit == "군" || unit == "구" || unit == "구역") && catalog.IsKoreanWord(alias);
}

// Whether `c` names its entity by a name that needs the text's support: a bare unit name that is
// a word (BareUnitNameIsAWord), or a name the tables list as one (tables/context_aliases.tsv:
// 조선, also the Joseon dynasty; 경기, also a match and the economy's state).
bool NeedsSupport(const catalog::Catalog& catalog, const Candidate& c) {
  return BareUnitNameIsAWord(catalog, c) ||
         ((c.method == MatchMethod::kAlias || c.method == MatchMethod::kFormerName) &&
          catalog.NeedsContext(catalog::AliasText(*c.entity, c.alias)));
}

// A name that needs support (NeedsSupport) is kept only where the text supports its entity: for
// a bare unit name, a country or an organization, the entity named otherwise elsewhere in the
// text (예산군 ... 예산, 북한 ... 조선, 한국수출입은행 ... 수은); for an entity of no parent (a
// country), a person or an organization of that country alone named anywhere (조선중앙통신 ...
// 조선); a place containing it named just before it (충남 예산, 안양 동안) or a place in it just
// after it (경기 수원시); a place beside it in a list (파주와 철원, 서울·경기, "예산, 홍성"). Else
// the candidate goes, and a mention left with none (경기 침체, 조선 후기, and 경기 "the match" in a
// story that names 경기도 elsewhere). `names` in text order; `taken` loses the words of the
// mentions that go.
void DropNamesWithoutSupport(const catalog::Catalog& catalog, const std::vector<Word>& words,
                             absl::string_view text, std::vector<Found>* names,
                             std::vector<char>* taken) {
  bool any = false;
  for (const Found& f : *names) {
    for (const Candidate& c : f.candidates) any = any || NeedsSupport(catalog, c);
  }
  if (!any) return;
  absl::flat_hash_set<uint32_t> named_in_full;
  std::vector<const Candidate*> named;  // The best candidate of each mention named in full.
  for (const Found& f : *names) {
    for (const Candidate& c : f.candidates) {
      if (!NeedsSupport(catalog, c)) named_in_full.insert(c.index);
    }
    if (!NeedsSupport(catalog, f.candidates.front())) named.push_back(&f.candidates.front());
  }
  // For a country (a place of no parent and one country): whether a person or an organization
  // of that country alone is named in full (places of the North name Goryeo's and Joseon's sites
  // too: 개성). An organization of no parent is no country: 농협 does not support 산은.
  auto is_country = [](const catalog::Entity& e) {
    return e.kind == catalog::EntityKind::kPlace && e.parent.empty() && e.countries.size() == 1;
  };
  auto of_its_country = [&](const Candidate& c) {
    const catalog::Entity& e = *c.entity;
    if (!is_country(e)) return false;
    return std::any_of(named.begin(), named.end(), [&](const Candidate* b) {
      return b->entity->kind != catalog::EntityKind::kPlace && b->entity->countries == e.countries;
    });
  };
  // The entity named in full elsewhere supports a bare unit name (예산군 ... 예산), a country's
  // other name (북한 ... 조선) and an organization's short name (한국수출입은행 ... 수은); not a
  // region's name that is a word (경기도 ... 경기를 주도했다: the match).
  auto named_elsewhere = [&](const Candidate& c) {
    return named_in_full.contains(c.index) &&
           (is_country(*c.entity) || c.entity->kind != catalog::EntityKind::kPlace ||
            BareUnitNameIsAWord(catalog, c));
  };
  // Whether names a and b (a just before b) are places side by side: nothing but a space, a
  // comma or a middle dot between them, or a's word ending in the particle 와 or 과 ("and").
  auto side_by_side = [&](const Found& a, const Found& b) {
    if (b.first != a.last + 1 || !words[a.last].hangul || !words[b.first].hangul) return false;
    const absl::string_view gap = GapBefore(words, b.first, text);
    const absl::string_view particle = text.substr(a.end, words[a.last].token.end - a.end);
    if (!particle.empty()) return (particle == "와" || particle == "과") && gap == " ";
    return gap == " " || gap == ", " || gap == "," || gap == "\xC2\xB7" || gap == "\xE3\x86\x8D";
  };
  auto is_place = [](const Found& f) {
    return f.candidates.front().entity->kind == catalog::EntityKind::kPlace;
  };
  // In a list: a place beside it, parted by a comma, a middle dot or 와/과 (a space alone
  // parts a place from the place it is in: 충남 예산).
  auto parted = [&](const Found& a, const Found& b) {
    return a.end != words[a.last].token.end || GapBefore(words, b.first, text) != " ";
  };
  DropCandidates(names, taken, [&](size_t n, const Candidate& c) {
    const Found& f = (*names)[n];
    if (!NeedsSupport(catalog, c) || named_elsewhere(c) || of_its_country(c)) {
      return false;
    }
    const Found* before = n > 0 && side_by_side((*names)[n - 1], f) ? &(*names)[n - 1] : nullptr;
    const Found* after =
        n + 1 < names->size() && side_by_side(f, (*names)[n + 1]) ? &(*names)[n + 1] : nullptr;
    if ((before != nullptr && is_place(*before) && parted(*before, f)) ||
        (after != nullptr && is_place(*after) && parted(f, *after))) {
      return false;
    }
    if (before != nullptr && !parted(*before, f)) {
      for (const Candidate& b : before->candidates) {
        if (catalog.IsWithin(c.index, b.index)) return false;
      }
    }
    if (after != nullptr && !parted(f, *after)) {
      for (const Candidate& a : after->candidates) {
        if (catalog.IsWithin(a.index, c.index)) return false;
      }
    }
    return true;
  });
}

// Whether `entity` is an organization of the Koreas alone.
bool IsKoreanOrganization(const catalog::Entity& entity) {
  return entity.kind == catalog::EntityKind::kOrganization && !entity.countries.empty() &&
         std::all_of(entity.countries.begin(), entity.countries.end(),
                     [](const std::string& c) { return c == "KR" || c == "KP"; });
}

// Whether word k - 1, a space before word k, names another country or its language (China's,
// Chinese, 중국, 중국의: Catalog::IsForeignCountryWord).
bool AfterAForeignCountry(const catalog::Catalog& catalog, const std::vector<Word>& words,
                          size_t k, absl::string_view text) {
  if (k == 0 || GapBefore(words, k, text) != " ") return false;
  const Word& w = words[k - 1];
  if (catalog.IsForeignCountryWord(w.key)) return true;
  constexpr absl::string_view kGenitive = "\xEC\x9D\x98";  // 의
  return w.hangul && absl::EndsWith(w.key, kGenitive) &&
         catalog.IsForeignCountryWord(w.key.substr(0, w.key.size() - kGenitive.size()));
}

// An organization of the Koreas named by a generic name right after another country's name is
// that country's ("China's Foreign Ministry", "the Japanese defense ministry", 중국 외교부, 미국
// 해군): such candidates go, and a mention left with none. `taken` loses the words of the
// mentions that go.
void DropKoreanOrganizationsOfOtherCountries(const catalog::Catalog& catalog,
                                             const std::vector<Word>& words,
                                             absl::string_view text, std::vector<Found>* names,
                                             std::vector<char>* taken) {
  DropCandidates(names, taken, [&](size_t n, const Candidate& c) {
    return IsKoreanOrganization(*c.entity) &&
           AfterAForeignCountry(catalog, words, (*names)[n].first, text);
  });
}

// In Korean, an organization's name right after another organization's (a space between, no
// particle) names a body of that organization: 국회 국방위원회 is the National Assembly's defence
// committee, not the North's former National Defence Commission. Such a candidate goes unless the
// tables place it in that organization (인민군 총정치국), and a mention left with none.
void DropOrganizationsOfTheOrganizationBefore(const catalog::Catalog& catalog,
                                              const std::vector<Word>& words,
                                              absl::string_view text, std::vector<Found>* names,
                                              std::vector<char>* taken) {
  DropCandidates(names, taken, [&](size_t n, const Candidate& c) {
    if (n == 0 || c.entity->kind != catalog::EntityKind::kOrganization) return false;
    const Found& f = (*names)[n];
    const Found& before = (*names)[n - 1];
    const Candidate& body = before.candidates.front();
    return before.last + 1 == f.first && words[before.last].hangul && words[f.first].hangul &&
           before.end == words[before.last].token.end &&
           GapBefore(words, f.first, text) == " " &&
           body.entity->kind == catalog::EntityKind::kOrganization &&
           body.index != c.index && !catalog.IsWithin(c.index, body.index);
  });
}

// Every run of words that names an entity, the longest from each first word.
std::vector<Found> FindNames(const catalog::Catalog& catalog, absl::string_view text,
                             const std::vector<Word>& words, const AnnotateOptions& options,
                             SentenceEnds* sentences) {
  std::vector<Found> out;
  // The keys of words i..j, possessives kept ("Supreme People's Assembly": "supremepeoples"),
  // run together: the key of the run i..j (its last word without the possessive) is a prefix of
  // it, key_end[j - i] bytes long. Kept for the runs from word i that may name something; the
  // longest is tried first, so the shorter ones inside a name are never weighed.
  std::vector<char> run_key;  // (std::string's appends are calls into the library.)
  using PrefixKind = catalog::Catalog::PrefixKind;
  std::array<size_t, kMaxNameWords> key_end{};
  std::array<PrefixKind, kMaxNameWords> key_kind{};
  // Whether the run i..j has a comma between its words: a name only when the name has it too
  // ("Ministry of Culture, Sports and Tourism"), not a list ("Seoul, Busan").
  std::array<bool, kMaxNameWords> key_comma{};
  for (size_t i = 0; i < words.size(); ++i) {
    // Every key of the catalog is a name prefix: most runs end here, on one hash lookup.
    const PrefixKind first = words[i].hangul ? PrefixKind::kNone : catalog.NamePrefix(words[i].key);
    if (!words[i].hangul && first == PrefixKind::kNone) continue;
    run_key.clear();
    size_t runs = 0;
    for (size_t j = i; j < words.size() && j < i + kMaxNameWords; ++j) {
      const Word& w = words[j];
      run_key.insert(run_key.end(), w.key.begin(), w.key.end());
      // Word i's own key was looked up above, unless it is Hangul.
      const PrefixKind kind =
          j == i && !w.hangul ? first : catalog.NamePrefix({run_key.data(), run_key.size()});
      const bool is_prefix = kind != PrefixKind::kNone;
      // A Latin word joined by a hyphen to the next goes on to it: the catalog's name prefixes
      // end where its names' words end ("Kim Yuna": kim, kimyuna), and "Kim Yu-na" is that name.
      const bool hyphen_goes_on = !is_prefix && w.latin && w.name_end == w.token.end &&
                                  j + 1 < words.size() && words[j + 1].latin &&
                                  IsHyphen(GapBefore(words, j + 1, text));
      if (!is_prefix && !w.hangul && !hyphen_goes_on) break;
      // (After the lookup: asking whether a sentence ends between the words costs more.)
      bool comma = runs > 0 && key_comma[runs - 1];
      if (j > i && !Joins(text, words[j - 1].token, w.token, sentences)) {
        if (text.substr(words[j - 1].token.end, w.token.begin - words[j - 1].token.end) != ", ") {
          break;
        }
        comma = true;
      }
      key_end[runs] = run_key.size();
      key_comma[runs] = comma;
      key_kind[runs++] = kind;
      if (w.name_end == w.token.end) {
        if (!is_prefix && !hyphen_goes_on) break;
      } else {
        // A possessive's key ("People's": "peoples") drops the apostrophe and folds the S.
        run_key.push_back('s');
        if (!catalog.IsNamePrefix({run_key.data(), run_key.size()})) break;
      }
    }
    for (size_t r = runs; r-- > 0;) {
      const size_t j = i + r;
      const Word& w = words[j];
      const absl::string_view key(run_key.data(), key_end[r]);
      std::optional<Found> best;
      // The run as it stands, or (a Hangul last word) without a particle at its end; `kind` is
      // its key's (NamePrefix), which has postings only when a key.
      auto consider = [&](absl::string_view k, PrefixKind kind, size_t end, int64_t cp_end) {
        const absl::Span<const catalog::Catalog::Posting> postings =
            kind == PrefixKind::kKey ? catalog.Lookup(k)
                                     : absl::Span<const catalog::Catalog::Posting>();
        const absl::string_view written = text.substr(words[i].token.begin,
                                                      end - words[i].token.begin);
        std::vector<Candidate> candidates;
        if (!postings.empty()) {
          candidates = Candidates(catalog, postings, written, k, options);
          // A person's name that is a word names the person only beside a title (조국 전 장관,
          // 작가 한강); the other entities of the name stay (한강 the river when 한강 the novelist
          // goes).
          auto is_person = [](const Candidate& c) {
            return c.entity->kind == catalog::EntityKind::kPerson;
          };
          if (i == j && words[i].hangul &&
              std::any_of(candidates.begin(), candidates.end(), is_person) &&
              PersonNameIsAWord(catalog, k) && !Titled(catalog, words, j, text) &&
              !TitledBefore(catalog, words, i, text)) {
            candidates.erase(std::remove_if(candidates.begin(), candidates.end(), is_person),
                             candidates.end());
          }
        } else if (options.demonyms && (words[i].capitalized || words[i].hangul)) {
          for (uint32_t e : catalog.LookupDemonym(k)) {
            if (!KindAllowed(options, catalog.entity(e).kind)) continue;
            Candidate c;
            c.entity = &catalog.entity(e);
            c.index = e;
            c.method = MatchMethod::kDemonym;
            c.score = kDemonymScore;
            c.key = std::string(k);
            candidates.push_back(std::move(c));
          }
        }
        if (candidates.empty() ||
            (key_comma[r] && !absl::StrContains(catalog::AliasText(*candidates.front().entity,
                                                                    candidates.front().alias),
                                                 ',')) ||
            !CaseFits(catalog, words, i, j, candidates.front(), text) ||
            (candidates.front().entity->kind == catalog::EntityKind::kPerson
                 ? NameGoesOn(words, i, j, text)
                 : j > i && SyllableGoesOn(catalog, words, j, text))) {
          return false;
        }
        best = Found{i, j, end, cp_end, std::move(candidates)};
        return true;
      };
      // A Latin word alone in lowercase names nothing (CaseFits): not looked up.
      const bool lowercase_word = r == 0 && words[i].latin && !words[i].capitalized;
      // A Korean word for the people of a place (한국인) is not the place with a particle (인).
      const bool demonym_word = w.hangul && i == j && !catalog.LookupDemonym(key).empty();
      // Nor is a Korean word a name and a particle when the dictionary lists it whole (고양이
      // "cat" is not 고양 + 이).
      if (!(key_kind[r] != PrefixKind::kNone && !lowercase_word &&
            consider(key, key_kind[r], w.name_end, w.cp_name_end)) &&
          w.hangul && !demonym_word && !(i == j && catalog.IsKoreanWord(key))) {
        const absl::string_view raw = text.substr(w.token.begin, w.token.end - w.token.begin);
        for (const std::string& particle : catalog.particles()) {
          if (raw.size() <= particle.size() || !absl::EndsWith(raw, particle) ||
              !absl::EndsWith(key, particle)) {
            continue;
          }
          const absl::string_view stem = absl::string_view(key).substr(0, key.size() - particle.size());
          const PrefixKind stem_kind = catalog.NamePrefix(stem);
          if (stem_kind != PrefixKind::kNone &&
              consider(stem, stem_kind, w.token.end - particle.size(),
                       w.token.cp_end - Points(particle))) {
            break;
          }
        }
      }
      if (best) {
        out.push_back(*std::move(best));
        break;
      }
    }
  }
  return out;
}

// Most words of a name in katakana (キム・ヨジョン: two) or Cyrillic (Ким Чен Ын: three).
constexpr size_t kMaxScriptNameWords = 4;

// Russian case endings of nouns (Кэсоне, Пхеньяна, Ким Чен Ына): a name in Cyrillic is read also
// without one of them, the longer first.
constexpr const char* kRussianEndings[] = {"ом", "ем", "ём", "ой", "ей", "а", "я", "у", "ю", "е", "ы", "и"};

// Names in katakana and in Cyrillic, which no key of the catalog spells: each run of such words
// (joined by a middle dot or a space, a hyphen in Cyrillic) read by Resolve, which reads these
// scripts (hangul::Decoder::DecodeKana, DecodeCyrillic); from each first word the longest run
// that names something, a Cyrillic one also without a case ending.
std::vector<Found> FindScriptNames(const catalog::Catalog& catalog, absl::string_view text,
                                   const std::vector<Word>& words, const AnnotateOptions& options,
                                   const QueryLimits& limits) {
  ResolveOptions resolve;
  resolve.kinds = options.kinds;
  resolve.max_results = static_cast<int>(kMaxCandidates);
  auto joins = [&](size_t k) {
    const absl::string_view gap = GapBefore(words, k, text);
    if (words[k].katakana && words[k - 1].katakana) {
      return gap.empty() || gap == "\xE3\x83\xBB" || gap == "\xEF\xBD\xA5" || gap == " " ||
             gap == "\xE3\x80\x80";  // ・ ･, a space, an ideographic space.
    }
    return words[k].cyrillic_capitalized && words[k - 1].cyrillic_capitalized &&
           (gap == " " || IsHyphen(gap));
  };
  // Resolve's answers by the text asked: a name comes back in a text, and each reading of it
  // costs the decoder's work (a few million instructions for a katakana word of eight letters).
  absl::flat_hash_map<absl::string_view, std::vector<Candidate>> resolved;
  std::vector<Found> out;
  for (size_t i = 0; i < words.size(); ++i) {
    if (!words[i].katakana && !words[i].cyrillic_capitalized) continue;
    size_t last = i;
    while (last + 1 < words.size() && last + 1 < i + kMaxScriptNameWords && joins(last + 1)) ++last;
    for (size_t j = last + 1; j-- > i;) {
      const Word& w = words[j];
      const size_t begin = w.token.begin;
      std::vector<size_t> cuts = {0};  // Bytes left off the last word's end.
      if (w.cyrillic_capitalized) {
        const absl::string_view raw = text.substr(begin, w.token.end - begin);
        for (const char* ending : kRussianEndings) {
          // The stem keeps two letters at least (four bytes in Cyrillic).
          if (absl::EndsWith(raw, ending) && raw.size() >= strlen(ending) + 4) {
            cuts.push_back(strlen(ending));
          }
        }
      }
      for (const size_t cut : cuts) {
        const size_t end = w.token.end - cut;
        const absl::string_view written = text.substr(words[i].token.begin, end - words[i].token.begin);
        auto [it, inserted] = resolved.try_emplace(written);
        if (inserted) {
          absl::StatusOr<std::vector<Candidate>> found = Resolve(catalog, written, resolve, limits);
          if (found.ok()) it->second = *std::move(found);
        }
        if (it->second.empty()) continue;
        out.push_back(Found{i, j, end, w.token.cp_end - Points(text.substr(end, cut)), it->second});
        break;
      }
      if (!out.empty() && out.back().first == i) break;
    }
  }
  return out;
}

// Of overlapping runs, the longest (in bytes), then the best scored, then the first.
// (The runs are sorted by index, not moved around: each holds its candidates.)
std::vector<Found> SettleOverlaps(std::vector<Found> found, const std::vector<Word>& words) {
  std::vector<uint32_t> order(found.size());
  for (uint32_t n = 0; n < order.size(); ++n) order[n] = n;
  std::sort(order.begin(), order.end(), [&](uint32_t x, uint32_t y) {
    const Found& a = found[x];
    const Found& b = found[y];
    const size_t la = a.end - words[a.first].token.begin, lb = b.end - words[b.first].token.begin;
    if (la != lb) return la > lb;
    if (a.candidates.front().score != b.candidates.front().score) {
      return a.candidates.front().score > b.candidates.front().score;
    }
    if (a.first != b.first) return a.first < b.first;
    return x < y;
  });
  std::vector<uint32_t> kept;
  std::vector<char> taken(words.size(), false);
  for (const uint32_t n : order) {
    const Found& f = found[n];
    bool free = true;
    for (size_t k = f.first; k <= f.last && free; ++k) free = !taken[k];
    if (!free) continue;
    for (size_t k = f.first; k <= f.last; ++k) taken[k] = true;
    kept.push_back(n);
  }
  // Kept runs share no word: their first words differ.
  std::sort(kept.begin(), kept.end(),
            [&found](uint32_t x, uint32_t y) { return found[x].first < found[y].first; });
  std::vector<Found> out;
  out.reserve(kept.size());
  for (const uint32_t n : kept) out.push_back(std::move(found[n]));
  return out;
}

// The mention of `f`, which gives up its candidates.
Mention ToMention(const std::vector<Word>& words, Found* f) {
  Mention m;
  m.begin = words[f->first].token.begin;
  m.cp_begin = words[f->first].token.cp_begin;
  m.end = f->end;
  m.cp_end = f->cp_end;
  m.candidates = std::move(f->candidates);
  m.score = m.candidates.empty() ? 0 : m.candidates.front().score;
  return m;
}

// The name words of a run of capitalized Latin words: words joined by a hyphen make one ("Chung
// Sung-Jun" has two). Each as [first word, last word].
struct NameWord {
  size_t first;
  size_t last;
  // A period stands between it and the name word before: the two are one name only within a
  // sentence (Joins), which is asked only of the runs a name is looked for in.
  bool period_before = false;
};

// Whether `f` is a place named by one capitalized Latin word, hyphens allowed inside it, that a
// free word spelling a surname stands next to, after or before a single space ("Lee Sujeong",
// "Changwon Pyo", "Jung Yeon-je": 연제구 of Busan and a given name written as people write theirs),
// or by two such words where the place's name is one ("Rim Yong Nam": 영남, Yŏngnam, written as the
// North writes a given name, a word a syllable).
// A surname that English writes as a word ("In", "Lee", "Park") counts only after another word
// and a single space, inside a sentence: at a sentence's start it is the word ("In Pyongyang").
bool PlaceWordBesideSurname(const catalog::Catalog& catalog, const std::vector<Word>& words,
                            const Found& f, const std::vector<char>& taken,
                            absl::string_view text, SurnameSpellings* surnames) {
  const Word& w = words[f.first];
  if (!w.latin || !w.capitalized || words[f.last].name_end != words[f.last].token.end ||
      f.candidates.front().entity->kind != catalog::EntityKind::kPlace) {
    return false;
  }
  const Candidate& place = f.candidates.front();
  const bool one_word_name = !absl::StrContains(catalog::AliasText(*place.entity, place.alias), ' ');
  for (size_t k = f.first + 1; k <= f.last; ++k) {
    const absl::string_view gap = GapBefore(words, k, text);
    const bool parted = gap == " " && one_word_name && f.last == f.first + 1 &&
                        words[k].capitalized;
    if (!words[k].latin || !(IsHyphen(gap) || parted)) return false;
  }
  auto surname_at = [&](size_t k) {
    return !taken[k] && words[k].latin && words[k].capitalized &&
           words[k].name_end == words[k].token.end && !surnames->Of(k).empty() &&
           (!catalog.IsEnglishWord(words[k].key) || (k > 0 && GapBefore(words, k, text) == " "));
  };
  return (f.first > 0 && GapBefore(words, f.first, text) == " " && surname_at(f.first - 1)) ||
         (f.last + 1 < words.size() && GapBefore(words, f.last + 1, text) == " " &&
          surname_at(f.last + 1));
}

// The letters of the decoder's spelling model (hangul::SpellingModel's chunks), for an exact
// test that spares the decoder names it cannot read. Its lattice (hangul::ReadWord) reads a word
// by covering each piece (the letters between hyphens) with syllables, each a lead, a vowel and a
// tail chunk, the vowel's letters never empty: a piece with a letter no chunk has (q, v, x in the
// bundled model), or with no letter a vowel's chunk begins with ("Mr"), has no reading.
class SpelledLetters {
 public:
  explicit SpelledLetters(const hangul::SpellingModel& model) {
    for (int slot = 0; slot < hangul::SpellingModel::kSlots; ++slot) {
      const auto s = static_cast<hangul::SpellingModel::Slot>(slot);
      const bool vowel = s == hangul::SpellingModel::kVowel || s == hangul::SpellingModel::kSurnameVowel;
      for (const hangul::SpellingModel::Chunk& chunk : model.chunks(s)) {
        for (const char c : chunk.letters) {
          if (static_cast<unsigned char>(c) < 0x80) letter_[static_cast<unsigned char>(c)] = true;
        }
        if (vowel && !chunk.letters.empty() && static_cast<unsigned char>(chunk.letters[0]) < 0x80) {
          vowel_start_[static_cast<unsigned char>(chunk.letters[0])] = true;
        }
      }
    }
  }

  // False when `key`, a piece of lowercase ASCII letters, has no reading in the lattice.
  bool MayRead(absl::string_view key) const {
    bool vowel = false;
    for (const char c : key) {
      const auto b = static_cast<unsigned char>(c);
      if (b >= 0x80 || !letter_[b]) return false;
      vowel = vowel || vowel_start_[b];
    }
    return vowel;
  }

 private:
  std::array<bool, 128> letter_{};
  std::array<bool, 128> vowel_start_{};
};

// False when the decoder (match::ToHangul, a person's name) finds no reading of the name words
// run[w, w + n): neither the first nor the last can be its surname with the others its given
// name. A surname is read from the tables' spellings or, as a given name is, by the lattice
// (SpelledLetters). Judged only for names of ASCII letters whose name words are parted by spaces
// and periods (words of the decoder's own) and their pieces by hyphens; true for any other.
bool MayReadAsName(const std::vector<Word>& words, const std::vector<NameWord>& run, size_t w,
                   size_t n, absl::string_view text, const SpelledLetters& letters,
                   const hangul::PriorModel& priors) {
  for (size_t g = w; g < w + n; ++g) {
    for (size_t t = run[g].first; t <= run[g].last; ++t) {
      const Word& word = words[t];
      for (size_t b = word.token.begin; b < word.name_end; ++b) {
        if (!absl::ascii_isalpha(static_cast<unsigned char>(text[b]))) return true;
      }
    }
    if (g > w) {
      const absl::string_view gap = GapBefore(words, run[g].first, text);
      if (gap.empty() || gap.find_first_not_of(" .") != absl::string_view::npos) return true;
    }
  }
  auto readable = [&](const NameWord& nw) {
    for (size_t t = nw.first; t <= nw.last; ++t) {
      if (!letters.MayRead(words[t].key)) return false;
    }
    return true;
  };
  auto surname = [&](const NameWord& nw) {
    if (readable(nw)) return true;
    std::string joined;
    for (size_t t = nw.first; t <= nw.last; ++t) absl::StrAppend(&joined, words[t].key);
    return !priors.SurnamesSpelled(joined).empty();
  };
  auto given = [&](size_t from, size_t to) {  // Name words [from, to).
    for (size_t g = from; g < to; ++g) {
      if (!readable(run[g])) return false;
    }
    return true;
  };
  return (given(w + 1, w + n) && surname(run[w])) || (given(w, w + n - 1) && surname(run[w + n - 1]));
}

// An unknown name, its words [first, last] and the key of its surname's word.
struct UnknownName {
  Mention mention;
  size_t first = 0;
  size_t last = 0;
  std::string surname;
  bool comma = false;  // Written with a comma after its surname ("KIM, Chol Min").
};

// Whether word `w` has letters and no lowercase one ("KIM").
bool AllCaps(const Word& w, absl::string_view text) {
  const absl::string_view raw = text.substr(w.token.begin, w.name_end - w.token.begin);
  return std::none_of(raw.begin(), raw.end(), [](char c) { return c >= 'a' && c <= 'z'; }) &&
         std::any_of(raw.begin(), raw.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

// Unknown Korean personal names among the words no mention took.
std::vector<UnknownName> FindUnknownNames(const catalog::Catalog& catalog, absl::string_view text,
                                      const std::vector<Word>& words,
                                      const std::vector<char>& taken, const QueryLimits& limits,
                                      SentenceEnds* sentences, SurnameSpellings* surnames) {
  std::vector<UnknownName> out;
  hangul::DecodeOptions decode;
  decode.kind = hangul::StringKind::kPerson;
  decode.max_results = 1;
  decode.beam = kUnknownNameBeam;
  decode.beam_margin = kUnknownNameBeamMargin;
  decode.unlisted_surnames = false;  // A window has a listed surname at an end, or is no name.
  std::optional<SpelledLetters> letters;  // Made when first needed.
  auto free_latin = [&](size_t k) { return !taken[k] && words[k].latin; };
  auto possessive = [&](size_t k) { return words[k].name_end != words[k].token.end; };
  std::vector<NameWord> run;
  std::vector<char> place_word;  // Of the run's words: part of a foreign place's name.
  std::string key;               // Keys run together.
  for (size_t i = 0; i < words.size();) {
    // A run of name words: capitalized, or (after a hyphen) any case.
    run.clear();
    bool comma_after_surname = false;  // The run's first word and a comma ("KIM, Chol Min").
    size_t k = i;
    while (k < words.size() && free_latin(k) && words[k].capitalized) {
      NameWord nw{k, k};
      if (!run.empty()) {
        const absl::string_view gap = GapBefore(words, k, text);
        const Gap joins = ReadGap(gap);
        // A surname and a comma before the given name, as lists write names: one name, which the
        // decoder reads so. The surname in capitals ("KIM, Chol Min"), or the given name joined
        // by a hyphen, as citations write them ("Lee, Min-ji").
        const bool hyphen_after =
            k + 1 < words.size() && free_latin(k + 1) && IsHyphen(GapBefore(words, k + 1, text));
        const bool listed_surname = gap == ", " && run.size() == 1 &&
                                    run[0].first == run[0].last &&
                                    (AllCaps(words[k - 1], text) || hyphen_after) &&
                                    surnames->Spells(run[0].first);
        if (!listed_surname && (absl::StrContains(gap, '\n') || joins == Gap::kParts)) break;
        comma_after_surname = comma_after_surname || listed_surname;
        // Whether a sentence ends there (Joins) is asked below, of a window across the gap:
        // a run that a sentence's end would cut has the same windows on either side of it.
        nw.period_before = joins == Gap::kJoinsWithinASentence;
      }
      while (!possessive(nw.last) && nw.last + 1 < words.size() && free_latin(nw.last + 1)) {
        if (!IsHyphen(GapBefore(words, nw.last + 1, text))) break;
        ++nw.last;
      }
      run.push_back(nw);
      k = nw.last + 1;
      if (possessive(nw.last)) break;  // A possessive ends the name.
    }
    if (run.empty()) {
      ++i;
      continue;
    }
    // The words of a foreign place's name in the run are no person's ("Hong Kong", also in
    // "Hong Kong-based Kim"; "Hong Kong" reads 홍공). Found when a window first needs them: most
    // runs have no surname.
    const size_t run_first = run.front().first, run_last = run.back().last;
    bool places_found = false;
    auto find_places = [&] {
      places_found = true;
      place_word.assign(run_last - run_first + 1, false);
      for (size_t t = run_first; t <= run_last; ++t) {
        key.clear();
        for (size_t e = t; e <= run_last && e < t + kMaxPlaceWords; ++e) {
          key.append(words[e].key.data(), words[e].key.size());
          if (catalog.IsWorldPlaceName(key)) {
            std::fill(place_word.begin() + static_cast<ptrdiff_t>(t - run_first),
                      place_word.begin() + static_cast<ptrdiff_t>(e - run_first + 1), true);
          }
        }
      }
    };
    // The best reading among the run's windows of two or three name words with a surname at
    // either end; windows taken left to right.
    size_t w = 0;
    while (w < run.size()) {
      UnknownName best;
      size_t best_words = 0;
      for (size_t n = std::min(kMaxUnknownWords, run.size() - w); n >= kMinUnknownWords; --n) {
        const NameWord& head = run[w];
        const NameWord& tail = run[w + n - 1];
        auto spells_surname = [&](const NameWord& nw) {
          return nw.first == nw.last && surnames->Spells(nw.first);
        };
        const bool surname_first = spells_surname(head), surname_last = spells_surname(tail);
        if (!surname_first && !surname_last) continue;
        // A given name of one word that English writes in lowercase is a word, not a name ("Park
        // Avenue", "Song Contest"). (Not so for two given-name words, each a syllable: "Ri Hyang
        // Mi", "Baek Ji Won"; the decoder judges those.)
        bool ordinary = false;
        for (size_t g = w; n == kMinUnknownWords && g < w + n; ++g) {
          if ((g == w && surname_first) || (g == w + n - 1 && surname_last && !surname_first)) {
            continue;
          }
          key.clear();
          for (size_t t = run[g].first; t <= run[g].last; ++t) {
            key.append(words[t].key.data(), words[t].key.size());
          }
          ordinary = ordinary || catalog.IsEnglishWord(key);
        }
        if (ordinary) continue;
        if (!places_found) find_places();
        if (std::any_of(place_word.begin() + static_cast<ptrdiff_t>(head.first - run_first),
                        place_word.begin() + static_cast<ptrdiff_t>(tail.last - run_first + 1),
                        [](char c) { return c; })) {
          continue;
        }
        if (!letters) letters.emplace(catalog.decoder().spelling());
        if (!MayReadAsName(words, run, w, n, text, *letters, catalog.decoder().priors())) continue;
        // Last of the checks, which asks ICU: parted by a sentence's end (Joins)?
        bool parted = false;
        for (size_t g = w + 1; g < w + n && !parted; ++g) {
          parted = run[g].period_before &&
                   sentences->Between(words[run[g - 1].last].token, words[run[g].first].token);
        }
        if (parted) continue;
        const size_t begin = words[head.first].token.begin, end = words[tail.last].name_end;
        Koreanness korean;
        absl::StatusOr<std::vector<hangul::DecodedName>> readings =
            ToHangul(catalog, text.substr(begin, end - begin), decode, limits, &korean);
        // The decoder's "not Korean" flag goes to one real Korean name in a hundred, rare
        // spellings of rare surnames among them (Rhee Mi-kyung, Yi Chun-bok, Hur Jaewon); a given
        // name of two syllables outweighs it where it is written as Koreans write theirs and
        // Chinese names are not: joined by a hyphen, or run together and read as a given name the
        // name statistics count whole (Sungwoo: 성우; Jintao, 진타오, is none). Only where the
        // reading's surname is one its spelling is known for (the tables' spellings, the passport
        // samples': Rhee for 이, Boo for 부): "Young" was counted for 양 and 용, and Sarah Young
        // read 영사라 is no rare spelling of a Korean's name.
        if (!readings.ok() || readings->empty()) continue;
        const NameWord& given = surname_first ? tail : head;
        const bool hyphenated_given = n == kMinUnknownWords && given.last == given.first + 1;
        auto counted_given = [&] {
          const std::u32string hangul = text::CodePoints(readings->front().hangul);
          return n == kMinUnknownWords && given.first == given.last && hangul.size() == 3 &&
                 catalog.decoder().priors().CountsGivenName(
                     std::u32string_view(hangul).substr(1));
        };
        auto surname_spelled = [&] {
          const std::u32string name = text::CodePoints(readings->front().hangul);
          const size_t k = (readings->front().surname_last ? tail : head).first;
          return surnames->AnyKnownSurname(k, [&name](std::u32string_view surname) {
            return std::u32string_view(name).substr(0, surname.size()) == surname;
          });
        };
        if (korean.not_korean &&
            !((hyphenated_given || counted_given()) && surname_spelled())) {
          continue;
        }
        best.mention.begin = begin;
        best.mention.end = end;
        best.mention.cp_begin = words[head.first].token.cp_begin;
        best.mention.cp_end = words[tail.last].cp_name_end;
        best.mention.hangul = readings->front().hangul;
        best.mention.score = readings->front().score;
        best.first = head.first;
        best.last = tail.last;
        best.surname = std::string(words[surname_first ? head.first : tail.first].key);
        best.comma = comma_after_surname && w == 0;
        best_words = n;
        break;
      }
      if (best_words == 0) {
        ++w;
        continue;
      }
      out.push_back(std::move(best));
      w += best_words;
    }
    i = k;
  }
  return out;
}

// A name written with a comma after its surname ("PAK, To-Chun", as sanctions lists write them)
// that names a person of the catalog is that person's, not an unknown name: no key of the catalog
// has the comma, which Resolve reads. Linked when Resolve's best answer is a person the name
// matches by one of its names (not a decoded reading); `names` stays in text order.
void LinkPersonsListedWithAComma(const catalog::Catalog& catalog, absl::string_view text,
                                 const AnnotateOptions& options, const QueryLimits& limits,
                                 std::vector<UnknownName>* unknown, std::vector<Found>* names) {
  if (!KindAllowed(options, catalog::EntityKind::kPerson)) return;
  ResolveOptions resolve;
  resolve.kinds = {catalog::EntityKind::kPerson};
  resolve.max_results = static_cast<int>(kMaxCandidates);
  resolve.listed_names_only = true;
  bool linked = false;
  std::vector<UnknownName> left;
  for (UnknownName& u : *unknown) {
    if (u.comma) {
      const absl::string_view written =
          text.substr(u.mention.begin, u.mention.end - u.mention.begin);
      absl::StatusOr<std::vector<Candidate>> found = Resolve(catalog, written, resolve, limits);
      if (found.ok() && !found->empty() && found->front().method == MatchMethod::kAlias) {
        names->push_back(Found{u.first, u.last, u.mention.end, u.mention.cp_end, *std::move(found)});
        linked = true;
        continue;
      }
    }
    left.push_back(std::move(u));
  }
  *unknown = std::move(left);
  if (linked) {
    std::sort(names->begin(), names->end(),
              [](const Found& a, const Found& b) { return a.first < b.first; });
  }
}

}  // namespace

absl::StatusOr<std::vector<Mention>> Annotate(const catalog::Catalog& catalog,
                                              absl::string_view text,
                                              const AnnotateOptions& options,
                                              const QueryLimits& limits) {
  if (absl::Status utf8 = text::ValidateUtf8(text); !utf8.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("text is not valid UTF-8: ", utf8.message()));
  }
  if (static_cast<int64_t>(text.size()) > limits.max_document_bytes) {
    return absl::InvalidArgumentError(absl::StrCat("text is ", text.size(),
                                                   " bytes long; the limit is ",
                                                   limits.max_document_bytes));
  }
  absl::StatusOr<std::vector<text::Token>> tokens = text::Tokenize(text);
  if (!tokens.ok()) return tokens.status();
  std::string keys;
  bool script_words = false;
  const std::vector<Word> words = ReadWords(catalog, text, *tokens, &keys, &script_words);
  // Normalization may multiply a text (one "ﷺ" is 18 letters): the limit holds for it too.
  int64_t normalized_bytes = 0;
  for (const Word& w : words) normalized_bytes += static_cast<int64_t>(w.key.size());
  if (normalized_bytes > limits.max_document_bytes) {
    return absl::InvalidArgumentError(absl::StrCat("text's words are ", normalized_bytes,
                                                   " bytes long once normalized (NFKC); the "
                                                   "limit is ",
                                                   limits.max_document_bytes));
  }

  SentenceEnds sentences(text);
  SurnameSpellings surnames(catalog.decoder().priors(), words);
  std::vector<Found> found = FindNames(catalog, text, words, options, &sentences);
  if (script_words) {
    for (Found& f : FindScriptNames(catalog, text, words, options, limits)) {
      found.push_back(std::move(f));
    }
  }
  std::vector<Found> names = SettleOverlaps(std::move(found), words);
  std::vector<char> taken(words.size(), false);  // Words a mention has.
  for (const Found& f : names) {
    for (size_t k = f.first; k <= f.last; ++k) taken[k] = true;
  }
  // A given name that is also a place's ("Lee Sujeong", "PYO CHANGWON": 수정구, 창원) is the
  // person's when a surname stands next to it and the decoder reads the two as a Korean name.
  std::vector<bool> contested(names.size(), false);
  for (size_t n = 0; n < names.size(); ++n) {
    if (PlaceWordBesideSurname(catalog, words, names[n], taken, text, &surnames)) {
      contested[n] = true;
      for (size_t k = names[n].first; k <= names[n].last; ++k) taken[k] = false;
    }
  }
  // Unknown names are looked for even when not reported: a surname alone may be theirs.
  std::vector<UnknownName> unknown =
      FindUnknownNames(catalog, text, words, taken, limits, &sentences, &surnames);
  {
    std::vector<Found> kept;
    for (size_t n = 0; n < names.size(); ++n) {
      const bool lost = contested[n] && std::any_of(unknown.begin(), unknown.end(),
                                                    [&](const UnknownName& u) {
                                                      return u.first <= names[n].first &&
                                                             names[n].first <= u.last;
                                                    });
      if (!lost) kept.push_back(std::move(names[n]));
    }
    names = std::move(kept);
  }
  LinkPersonsListedWithAComma(catalog, text, options, limits, &unknown, &names);
  for (const Found& f : names) {
    for (size_t k = f.first; k <= f.last; ++k) taken[k] = true;
  }
  PreferTheTextsCountries(&names);
  PreferTheCountryNamedBeforeInTheSentence(words, text, &names);
  PreferPlacesTheirNeighboursContain(catalog, words, text, &names);
  PreferPlacesInPlacesTheTextNames(catalog, words, text, &names);
  PreferPlacesNamedAsWhere(words, text, &names);
  LinkOwnersNamesToTheOrganizationBefore(catalog, &names);
  DropNamesWithoutSupport(catalog, words, text, &names, &taken);
  DropKoreanOrganizationsOfOtherCountries(catalog, words, text, &names, &taken);
  DropOrganizationsOfTheOrganizationBefore(catalog, words, text, &names, &taken);
  for (Found& f : names) {
    if (f.candidates.size() > static_cast<size_t>(options.max_candidates)) {
      f.candidates.resize(options.max_candidates);
    }
  }
  std::vector<Mention> out;
  // out[n] is the mention of names[n], and has its candidates.
  for (Found& f : names) out.push_back(ToMention(words, &f));
  const size_t linked_end = out.size();
  for (const UnknownName& u : unknown) {
    for (size_t k = u.first; k <= u.last; ++k) taken[k] = true;
    if (options.unknown_names && KindAllowed(options, catalog::EntityKind::kPerson)) {
      out.push_back(u.mention);
    }
  }

  // Coreference: a later word alone that spells the surname of exactly one person linked before.
  // The words that may be one: free, and capitalized Latin or Hangul before a title.
  std::vector<char> may_corefer(words.size(), false);
  // Their keys: only these are looked up among the persons' surnames, which are spelled out
  // for them alone.
  absl::flat_hash_set<absl::string_view> wanted;
  // A capitalized Latin word right after a Latin surname makes it part of another name (Hong
  // Kong, Park Avenue), not the person's.
  auto begins_a_name = [&](size_t k) {
    return k + 1 < words.size() && words[k + 1].latin && words[k + 1].capitalized &&
           GapBefore(words, k + 1, text) == " ";
  };
  for (size_t k = 0; k < words.size(); ++k) {
    const Word& w = words[k];
    may_corefer[k] = !taken[k] && (w.hangul ? Titled(catalog, words, k, text)
                                            : w.latin && w.capitalized && !begins_a_name(k));
    if (may_corefer[k]) wanted.insert(w.key);
  }
  const hangul::PriorModel& priors = catalog.decoder().priors();
  absl::flat_hash_map<std::string, std::vector<std::pair<size_t, const Candidate*>>> by_surname;
  for (size_t n = 0; n < names.size() && !wanted.empty(); ++n) {
    const Found& f = names[n];
    // In the mention's own vector, which the mentions added below move but do not copy.
    const Candidate& c = out[n].candidates.front();
    if (c.entity->kind != catalog::EntityKind::kPerson || c.entity->hangul.empty()) continue;
    const std::u32string hangul_name = text::CodePoints(c.entity->hangul);
    const size_t length = priors.two_syllable_surnames().SurnameLength(hangul_name);
    const std::u32string_view surname = std::u32string_view(hangul_name).substr(0, length);
    // In Korean, the surname itself: 김 위원장, 윤 전 대통령.
    const std::string hangul_surname = hangul::ToUtf8(surname);
    if (wanted.contains(hangul_surname)) {
      auto& korean = by_surname[hangul_surname];
      if (std::none_of(korean.begin(), korean.end(), [&](const auto& e) {
            return e.second != nullptr && e.second->index == c.index;
          })) {
        korean.push_back({words[f.first].token.begin, &c});
      }
    }
    std::optional<std::string> surname_key;  // Asked for only when a spelling's surname differs.
    for (size_t k = f.first; k <= f.last; ++k) {
      if (!wanted.contains(words[k].key)) continue;
      // The word spells the surname: as the tables list its spellings, or as the passport
      // samples counted them (Chey for 최, the spelling of Chey Tae-won).
      auto names_surname = [&](std::u32string_view reading) {
        if (reading == surname) return true;
        if (!surname_key) {
          surname_key =
              catalog.decoder().OrthographyKey(hangul_surname, hangul::StringKind::kPerson);
        }
        return catalog.decoder().OrthographyKey(hangul::ToUtf8(reading),
                                                hangul::StringKind::kPerson) == *surname_key;
      };
      if (!surnames.AnyKnownSurname(k, names_surname)) continue;
      auto& list = by_surname[std::string(words[k].key)];
      if (std::none_of(list.begin(), list.end(), [&](const auto& e) {
            return e.second != nullptr && e.second->index == c.index;
          })) {
        list.push_back({words[f.first].token.begin, &c});
      }
    }
  }
  const size_t unknown_end = out.size();
  for (const UnknownName& u : unknown) {  // Persons too, though not the catalog's.
    by_surname[u.surname].push_back({u.mention.begin, nullptr});
  }
  for (size_t k = 0; k < words.size(); ++k) {
    const Word& w = words[k];
    if (!may_corefer[k]) continue;
    auto it = by_surname.find(w.key);
    if (it == by_surname.end()) continue;
    const Candidate* person = nullptr;
    int before = 0;
    for (const auto& [at, c] : it->second) {
      if (at < w.token.begin) {
        ++before;
        person = c;
      }
    }
    if (before != 1 || person == nullptr) continue;
    Mention m;
    m.begin = w.token.begin;
    m.end = w.name_end;
    m.cp_begin = w.token.cp_begin;
    m.cp_end = w.cp_name_end;
    Candidate c = *person;
    c.method = MatchMethod::kCoreference;
    c.score = kCoreferenceScore;
    c.key = std::string(w.key);
    c.normalizations.clear();
    m.candidates.push_back(std::move(c));
    m.score = kCoreferenceScore;
    out.push_back(std::move(m));
  }

  // Three lists in text order, of words no two share: the linked mentions, the unknown names and
  // the coreferences. Merged, not sorted: a mention holds vectors and strings.
  const auto by_begin = [](const Mention& a, const Mention& b) { return a.begin < b.begin; };
  std::inplace_merge(out.begin(), out.begin() + static_cast<ptrdiff_t>(linked_end),
                     out.begin() + static_cast<ptrdiff_t>(unknown_end), by_begin);
  std::inplace_merge(out.begin(), out.begin() + static_cast<ptrdiff_t>(unknown_end), out.end(),
                     by_begin);
  out.erase(std::remove_if(out.begin(), out.end(),
                           [&](const Mention& m) { return m.score < options.min_score; }),
            out.end());
  return out;
}

}  // namespace irum::match
