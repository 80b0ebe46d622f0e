// The names of the world's countries as ICU's CLDR data writes them, for telling a Korean
// organization from another country's that shares its generic name: "China's Foreign Ministry",
// "the Chinese foreign ministry" and "중국 외교부" are not South Korea's.
//
// Thread safety: may be called from any thread.
#ifndef IRUM_SERVER_TEXT_COUNTRIES_H_
#define IRUM_SERVER_TEXT_COUNTRIES_H_

#include <string>
#include <vector>


namespace irum::text {

// The one-word names of every region of ISO 3166-1 but `excluded` (alpha-2 codes, e.g. KR and KP),
// in English and in Korean ("China", "Japan", "중국", "일본"), and the one-word English names of
// every language of ISO 639 but `excluded_languages` ("Chinese", "Japanese", "Russian"), which
// English also writes for the countries' things, and the one-syllable short forms Korean news
// makes of the Korean names of two syllables ending in 국 (미 of 미국, 중 of 중국: 미 해군).
// Sorted, unique; names of several words ("United States", "미국령 사모아") are left out. Empty
// when ICU has no display names.
std::vector<std::string> CountryWords(const std::vector<std::string>& excluded,
                                      const std::vector<std::string>& excluded_languages);

// The English names of every region of ISO 3166-1 but `excluded` ("China", "Sri Lanka") and of
// the cities CLDR names the time zones of the other regions by ("Hong Kong", "Ho Chi Minh City",
// "Kuala Lumpur"): names of foreign places, which a run of capitalized words that also reads as
// a Korean name ("Hong Kong": 홍공) is not. Sorted, unique.
std::vector<std::string> WorldPlaceNames(const std::vector<std::string>& excluded);

}  // namespace irum::text

#endif  // IRUM_SERVER_TEXT_COUNTRIES_H_
