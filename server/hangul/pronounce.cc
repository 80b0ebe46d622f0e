#include "server/hangul/pronounce.h"

namespace irum::hangul {
namespace {

// A cluster tail as (stays, moves): the part that remains a tail before a vowel and the part that
// becomes the next lead. Simple tails move whole.
struct Split {
  Tail stays;
  Lead moves;
};

Split SplitTail(Tail tail) {
  switch (tail) {
    case Tail::kGS: return {Tail::kG, Lead::kS};
    case Tail::kNJ: return {Tail::kN, Lead::kJ};
    case Tail::kNH: return {Tail::kNone, Lead::kN};  // 않아 -> 아나: the ㅎ is silent.
    case Tail::kLG: return {Tail::kL, Lead::kG};
    case Tail::kLM: return {Tail::kL, Lead::kM};
    case Tail::kLB: return {Tail::kL, Lead::kB};
    case Tail::kLS: return {Tail::kL, Lead::kS};
    case Tail::kLT: return {Tail::kL, Lead::kT};
    case Tail::kLP: return {Tail::kL, Lead::kP};
    case Tail::kLH: return {Tail::kNone, Lead::kR};  // 싫어 -> 시러.
    case Tail::kBS: return {Tail::kB, Lead::kS};
    case Tail::kH: return {Tail::kNone, Lead::kNone};  // 좋아 -> 조아.
    default: return {Tail::kNone, TailAsLead(tail)};
  }
}

// The single sound a tail makes before a consonant or at the end of a word.
Tail Neutralize(Tail tail) {
  switch (tail) {
    case Tail::kG: case Tail::kKK: case Tail::kK: case Tail::kGS: case Tail::kLG:
      return Tail::kG;
    case Tail::kN: case Tail::kNJ: case Tail::kNH:
      return Tail::kN;
    case Tail::kD: case Tail::kS: case Tail::kSS: case Tail::kJ: case Tail::kCh: case Tail::kT:
    case Tail::kH:
      return Tail::kD;
    case Tail::kL: case Tail::kLB: case Tail::kLS: case Tail::kLT: case Tail::kLH:
      return Tail::kL;
    case Tail::kM: case Tail::kLM:
      return Tail::kM;
    case Tail::kB: case Tail::kP: case Tail::kBS: case Tail::kLP:
      return Tail::kB;
    case Tail::kNG:
      return Tail::kNG;
    case Tail::kNone:
      return Tail::kNone;
  }
  return Tail::kNone;
}

Lead Aspirated(Lead lead) {
  switch (lead) {
    case Lead::kG: return Lead::kK;
    case Lead::kD: return Lead::kT;
    case Lead::kB: return Lead::kP;
    case Lead::kJ: return Lead::kCh;
    default: return lead;
  }
}

Tail Nasalized(Tail coda) {
  switch (coda) {
    case Tail::kG: return Tail::kNG;
    case Tail::kD: return Tail::kN;
    case Tail::kB: return Tail::kM;
    default: return coda;
  }
}

// Decides the junction between `tail` (of one syllable) and `next` (the following syllable),
// writing the pronounced coda into `*coda` and the pronounced next lead into `*sound`.
void Junction(Tail tail, const Syllable& next, const SoundRules& rules, Tail* coda, Sound* sound) {
  sound->lead = next.lead;
  if (tail == Tail::kNone) {  // An open syllable changes nothing (the common case).
    *coda = Tail::kNone;
    return;
  }
  const bool before_i = next.vowel == Vowel::kI;

  if (next.lead == Lead::kNone) {  // Before a vowel: liaison.
    if (tail == Tail::kNone || tail == Tail::kNG) {
      *coda = tail;
      return;
    }
    Split split = SplitTail(tail);
    *coda = split.stays;
    sound->lead = split.moves;
    sound->moved = split.moves != Lead::kNone;
    if (rules.assimilate && before_i) {  // Palatalization: 굳이 -> 구지, 같이 -> 가치.
      if (sound->lead == Lead::kD) sound->lead = Lead::kJ;
      if (sound->lead == Lead::kT) sound->lead = Lead::kCh;
    }
    return;
  }

  // ㅎ (alone or in ㄶ ㅀ) aspirates a following ㄱㄷㅈ and tenses ㅅ: 좋고 -> 조코, 많다 -> 만타.
  if (rules.assimilate && (tail == Tail::kH || tail == Tail::kNH || tail == Tail::kLH)) {
    const Tail rest = tail == Tail::kNH ? Tail::kN : tail == Tail::kLH ? Tail::kL : Tail::kNone;
    if (next.lead == Lead::kG || next.lead == Lead::kD || next.lead == Lead::kJ) {
      *coda = rest;
      sound->lead = Aspirated(next.lead);
      return;
    }
    if (next.lead == Lead::kS) {  // 않소 -> 안쏘: tensing, which RR does not write.
      *coda = rest;
      sound->tense = true;
      return;
    }
    if (next.lead == Lead::kN) {  // 놓는 -> 논는, 싫네 -> 실레.
      *coda = rest == Tail::kNone ? Tail::kN : rest;
      if (*coda == Tail::kL) sound->lead = Lead::kR;
      return;
    }
  }

  // ㄱㄷㅂㅈ + ㅎ: aspiration (잡혀 -> 자펴), or h kept in nouns (묵호 Mukho).
  if (next.lead == Lead::kH) {
    const Tail neutral = Neutralize(tail);
    // ㄼ aspirates as the ㅂ it holds (넓히다 -> 널피다), though it sounds as ㄹ elsewhere.
    const Tail aspirating = tail == Tail::kLB ? Tail::kB : neutral;
    const bool aspirable = IsObstruentCoda(aspirating) && tail != Tail::kH;
    bool aspirate = false;
    switch (rules.aspirate_before_h) {
      case AspirateBeforeH::kAlways:
        aspirate = true;
        break;
      case AspirateBeforeH::kNever:
        break;
      case AspirateBeforeH::kVerbEndings:
        aspirate = next.vowel == Vowel::kI ||
                   (next.vowel == Vowel::kYeo && (next.tail == Tail::kNone || next.tail == Tail::kSS));
        break;
    }
    if (rules.assimilate && aspirate && aspirable) {
      // A cluster keeps its ㄹ: 밝히다 -> 발키다, 넓히다 -> 널피다.
      *coda = (tail == Tail::kLG || tail == Tail::kLB) ? Tail::kL : Tail::kNone;
      const bool affricate = tail == Tail::kJ || tail == Tail::kCh;
      Lead lead = aspirating == Tail::kG   ? Lead::kK
                  : aspirating == Tail::kB ? Lead::kP
                  : affricate          ? Lead::kCh
                                       : Lead::kT;
      if (lead == Lead::kT && before_i) lead = Lead::kCh;  // 굳히다 -> 구치다.
      sound->lead = lead;
      return;
    }
    *coda = neutral;
    return;
  }

  // A cluster before a consonant: ㄺ is ㄹ before ㄱ (맑게 -> 말께), ㄼ is ㅂ in 밟- (left to the
  // exception list); the rest follow Neutralize.
  Tail c = (tail == Tail::kLG && next.lead == Lead::kG) ? Tail::kL : Neutralize(tail);
  Lead lead = next.lead;
  if (rules.assimilate) {
    if (lead == Lead::kR) {
      if (c == Tail::kN) {
        c = Tail::kL;  // 신라 -> 실라.
      } else if (c != Tail::kL && c != Tail::kNone) {
        lead = Lead::kN;  // 종로 -> 종노, 십리 -> 십니 (-> 심니 below).
      }
    }
    if ((lead == Lead::kN || lead == Lead::kM) && IsObstruentCoda(c)) c = Nasalized(c);
    if (c == Tail::kL && lead == Lead::kN) lead = Lead::kR;  // 별내 -> 별래.
  }
  if (IsObstruentCoda(c) && (lead == Lead::kG || lead == Lead::kD || lead == Lead::kB ||
                             lead == Lead::kS || lead == Lead::kJ)) {
    sound->tense = true;
  }
  const bool plain_stop = lead == Lead::kG || lead == Lead::kD || lead == Lead::kB ||
                          lead == Lead::kS || lead == Lead::kJ;
  if (plain_stop && (tail == Tail::kGS || tail == Tail::kNJ || tail == Tail::kLG ||
                     tail == Tail::kLB || tail == Tail::kLT || tail == Tail::kLP ||
                     tail == Tail::kBS)) {
    sound->tense = true;  // After a cluster that holds a stop: 읽기 -> 일끼, 앉다 -> 안따.
  }
  // Sino-Korean ㄹ + ㄷㅅㅈ tenses (발달, 일시, 발전), as the letter systems read it; not before the
  // native endings 들 (plural) and 다 (verbs): 말들, 걸다.
  const char32_t next_syllable = Compose(next);
  if (c == Tail::kL && (lead == Lead::kD || lead == Lead::kS || lead == Lead::kJ) &&
      next_syllable != U'들' && next_syllable != U'다') {
    sound->tense = true;
  }
  *coda = c;
  sound->lead = lead;
}

}  // namespace

void Pronounce(const Syllable* word, size_t size, const SoundRules& rules,
               std::vector<Sound>* out) {
  out->assign(size, Sound());
  std::vector<Sound>& sounds = *out;
  for (size_t i = 0; i < size; ++i) sounds[i].vowel = word[i].vowel;
  if (size > 0) sounds[0].lead = word[0].lead;
  for (size_t i = 0; i + 1 < size; ++i) {
    Junction(word[i].tail, word[i + 1], rules, &sounds[i].coda, &sounds[i + 1]);
  }
  if (size > 0) sounds[size - 1].coda = Neutralize(word[size - 1].tail);
}

std::vector<Sound> Pronounce(const std::vector<Syllable>& word, const SoundRules& rules) {
  std::vector<Sound> sounds;
  Pronounce(word.data(), word.size(), rules, &sounds);
  return sounds;
}

void PronounceJunction(Tail tail, const Syllable& next, const SoundRules& rules, Tail* coda,
                       Sound* next_sound) {
  next_sound->tense = false;
  next_sound->moved = false;
  Junction(tail, next, rules, coda, next_sound);
}

Tail FinalCoda(Tail tail) { return Neutralize(tail); }

std::u32string ToHangul(const std::vector<Sound>& sounds) {
  std::u32string out;
  for (const Sound& s : sounds) out.push_back(Compose({s.lead, s.vowel, s.coda}));
  return out;
}

}  // namespace irum::hangul
