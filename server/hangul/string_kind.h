// StringKind: what a string names, which selects the rules for it both ways. Romanizing: a
// person's name is surname first with no sound change inside an RR given name, a place is
// capitalized with its administrative unit hyphenated, text gets every sound change. Decoding: a
// person's name is read as surname and given name (in either order) with given-name priors, a
// place word by word with place priors, text word by word with either.
#ifndef IRUM_SERVER_HANGUL_STRING_KIND_H_
#define IRUM_SERVER_HANGUL_STRING_KIND_H_

#include <cstdint>

namespace irum::hangul {

enum class StringKind : uint8_t { kText = 1, kPerson, kPlace };

}  // namespace irum::hangul

#endif  // IRUM_SERVER_HANGUL_STRING_KIND_H_
