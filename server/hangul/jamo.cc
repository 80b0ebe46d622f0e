#include "server/hangul/jamo.h"

#include "server/text/utf8.h"

namespace irum::hangul {

Lead TailAsLead(Tail tail) {
  switch (tail) {
    case Tail::kG: return Lead::kG;
    case Tail::kKK: return Lead::kKK;
    case Tail::kN: return Lead::kN;
    case Tail::kD: return Lead::kD;
    case Tail::kL: return Lead::kR;
    case Tail::kM: return Lead::kM;
    case Tail::kB: return Lead::kB;
    case Tail::kS: return Lead::kS;
    case Tail::kSS: return Lead::kSS;
    case Tail::kJ: return Lead::kJ;
    case Tail::kCh: return Lead::kCh;
    case Tail::kK: return Lead::kK;
    case Tail::kT: return Lead::kT;
    case Tail::kP: return Lead::kP;
    case Tail::kH: return Lead::kH;
    default: return Lead::kNone;
  }
}

bool IsIotated(Vowel v) {
  switch (v) {
    case Vowel::kI: case Vowel::kYa: case Vowel::kYae: case Vowel::kYeo: case Vowel::kYe:
    case Vowel::kYo: case Vowel::kYu:
      return true;
    default:
      return false;
  }
}

std::vector<Segment> SplitScript(absl::string_view text) {
  std::vector<Segment> out;
  for (size_t i = 0; i < text.size();) {
    const char32_t c = text::NextCodePoint(text, &i);
    const bool hangul = IsSyllable(c);
    if (out.empty() || out.back().hangul != hangul) out.push_back({hangul, {}});
    out.back().text.push_back(c);
  }
  return out;
}

std::string ToUtf8(std::u32string_view s) {
  // Sized first and written in place: the decoder converts every reading it returns.
  size_t length = 0;
  for (char32_t c : s) length += text::Utf8Length(c);
  std::string out(length, '\0');
  char* at = out.data();
  for (char32_t c : s) at += text::EncodeUtf8(c, at);
  return out;
}

}  // namespace irum::hangul
