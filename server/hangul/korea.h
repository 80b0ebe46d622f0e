// Korea: which of the two Koreas a name belongs to, when the caller knows. It selects the habits
// both ways: romanizing a person's name "as people spell it" follows that Korea's (Kim Yo Jong in
// the DPRK press style, Lee Jae-myung as South Koreans write it), and decoding a romanized
// person's name weighs its readings by the given names of that Korea's people only (Kim Jong Ho
// of a North Korean sanctions list is likelier 김정호, of a South Korean list 김종호).
#ifndef IRUM_SERVER_HANGUL_KOREA_H_
#define IRUM_SERVER_HANGUL_KOREA_H_

#include <cstdint>

namespace irum::hangul {

enum class Korea : uint8_t {
  kUnknown,  // Not known: decided by the name (romanizing), or either (decoding).
  kSouth,
  kNorth,
};
inline constexpr int kKoreas = 3;  // The values of Korea, for arrays indexed by it.

}  // namespace irum::hangul

#endif  // IRUM_SERVER_HANGUL_KOREA_H_
