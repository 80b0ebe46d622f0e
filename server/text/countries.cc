#include "server/text/countries.h"

#include <algorithm>

#include <memory>

#include <unicode/locid.h>
#include <unicode/strenum.h>
#include <unicode/timezone.h>
#include <unicode/tznames.h>
#include <unicode/unistr.h>

#include "absl/strings/match.h"
#include "absl/strings/string_view.h"

namespace irum::text {
namespace {

bool Excluded(const std::vector<std::string>& excluded, const char* code) {
  return std::find(excluded.begin(), excluded.end(), code) != excluded.end();
}

// `name` as UTF-8, or empty when ICU has none for `code` (it falls back to the code).
std::string Named(const icu::UnicodeString& name, const char* code) {
  std::string out;
  name.toUTF8String(out);
  return out == code ? "" : out;
}

// The names in `language` of every region of ISO 3166-1 but `excluded`, appended to `out`.
void AppendCountryNames(const std::vector<std::string>& excluded, const icu::Locale& language,
                        std::vector<std::string>* out) {
  for (const char* const* code = icu::Locale::getISOCountries(); *code != nullptr; ++code) {
    if (Excluded(excluded, *code)) continue;
    icu::UnicodeString name;
    std::string named = Named(icu::Locale("", *code).getDisplayCountry(language, name), *code);
    if (!named.empty()) out->push_back(std::move(named));
  }
}

void SortUnique(std::vector<std::string>* words) {
  std::sort(words->begin(), words->end());
  words->erase(std::unique(words->begin(), words->end()), words->end());
}

}  // namespace

std::vector<std::string> CountryWords(const std::vector<std::string>& excluded,
                                      const std::vector<std::string>& excluded_languages) {
  std::vector<std::string> out;
  AppendCountryNames(excluded, icu::Locale::getEnglish(), &out);
  const size_t korean_begin = out.size();
  AppendCountryNames(excluded, icu::Locale::getKorean(), &out);
  // Korean news shortens a country's Sino-Korean name of two syllables ending in 국 to its first
  // syllable before a noun (미국 -> 미 해군, 중국 -> 중 외교부, 영국 -> 영).
  constexpr absl::string_view kGuk = "\xEA\xB5\xAD";  // 국
  const size_t korean_end = out.size();
  for (size_t k = korean_begin; k < korean_end; ++k) {
    const std::string& name = out[k];  // Hangul syllables are 3 bytes each in UTF-8.
    if (name.size() == 6 && absl::EndsWith(name, kGuk) &&
        static_cast<unsigned char>(name[0]) >= 0xEA) {
      out.push_back(name.substr(0, 3));
    }
  }
  for (const char* const* code = icu::Locale::getISOLanguages(); *code != nullptr; ++code) {
    if (Excluded(excluded_languages, *code)) continue;
    icu::UnicodeString name;
    std::string named =
        Named(icu::Locale(*code).getDisplayLanguage(icu::Locale::getEnglish(), name), *code);
    if (!named.empty()) out.push_back(std::move(named));
  }
  // One word each: names of several are left out.
  out.erase(std::remove_if(out.begin(), out.end(),
                           [](const std::string& w) { return w.find(' ') != std::string::npos; }),
            out.end());
  SortUnique(&out);
  return out;
}

std::vector<std::string> WorldPlaceNames(const std::vector<std::string>& excluded) {
  std::vector<std::string> out;
  AppendCountryNames(excluded, icu::Locale::getEnglish(), &out);
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::TimeZoneNames> names(
      icu::TimeZoneNames::createInstance(icu::Locale::getEnglish(), status));
  std::unique_ptr<icu::StringEnumeration> zones(icu::TimeZone::createTimeZoneIDEnumeration(
      UCAL_ZONE_TYPE_CANONICAL_LOCATION, nullptr, nullptr, status));
  if (U_FAILURE(status)) {
    SortUnique(&out);
    return out;
  }
  while (const icu::UnicodeString* id = zones->snext(status)) {
    if (U_FAILURE(status)) break;
    char region[8] = {};
    UErrorCode region_status = U_ZERO_ERROR;
    icu::TimeZone::getRegion(*id, region, sizeof(region), region_status);
    if (U_FAILURE(region_status) || Excluded(excluded, region)) continue;
    icu::UnicodeString city;
    names->getExemplarLocationName(*id, city);
    std::string utf8;
    city.toUTF8String(utf8);
    if (!utf8.empty()) out.push_back(std::move(utf8));
  }
  SortUnique(&out);
  return out;
}

}  // namespace irum::text
