#include "server/text/countries.h"

#include <algorithm>

#include <memory>

#include <unicode/locid.h>
#include <unicode/strenum.h>
#include <unicode/timezone.h>
#include <unicode/tznames.h>
#include <unicode/unistr.h>

namespace irum::text {
namespace {

// `name` as UTF-8 when it is one word that is not the code it names (ICU falls back to the code
// when it has no name), else empty.
std::string OneWord(const icu::UnicodeString& name, const char* code) {
  std::string out;
  name.toUTF8String(out);
  if (out.empty() || out == code || out.find(' ') != std::string::npos) return "";
  return out;
}

bool Excluded(const std::vector<std::string>& excluded, const char* code) {
  return std::find(excluded.begin(), excluded.end(), code) != excluded.end();
}

}  // namespace

std::vector<std::string> CountryWords(const std::vector<std::string>& excluded,
                                      const std::vector<std::string>& excluded_languages) {
  std::vector<std::string> out;
  const icu::Locale in[] = {icu::Locale::getEnglish(), icu::Locale::getKorean()};
  for (const char* const* code = icu::Locale::getISOCountries(); *code != nullptr; ++code) {
    if (Excluded(excluded, *code)) continue;
    const icu::Locale region("", *code);
    for (const icu::Locale& language : in) {
      icu::UnicodeString name;
      std::string word = OneWord(region.getDisplayCountry(language, name), *code);
      if (!word.empty()) out.push_back(std::move(word));
    }
  }
  for (const char* const* code = icu::Locale::getISOLanguages(); *code != nullptr; ++code) {
    if (Excluded(excluded_languages, *code)) continue;
    icu::UnicodeString name;
    std::string word =
        OneWord(icu::Locale(*code).getDisplayLanguage(icu::Locale::getEnglish(), name), *code);
    if (!word.empty()) out.push_back(std::move(word));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<std::string> WorldPlaceNames(const std::vector<std::string>& excluded) {
  std::vector<std::string> out;
  for (const char* const* code = icu::Locale::getISOCountries(); *code != nullptr; ++code) {
    if (Excluded(excluded, *code)) continue;
    icu::UnicodeString name;
    icu::Locale("", *code).getDisplayCountry(icu::Locale::getEnglish(), name);
    std::string utf8;
    name.toUTF8String(utf8);
    if (!utf8.empty() && utf8 != *code) out.push_back(std::move(utf8));
  }
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::TimeZoneNames> names(
      icu::TimeZoneNames::createInstance(icu::Locale::getEnglish(), status));
  std::unique_ptr<icu::StringEnumeration> zones(icu::TimeZone::createTimeZoneIDEnumeration(
      UCAL_ZONE_TYPE_CANONICAL_LOCATION, nullptr, nullptr, status));
  if (U_FAILURE(status)) return out;
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
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace irum::text
