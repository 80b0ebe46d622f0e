// irum: the command-line client of the irum server: `irum [flags] COMMAND ARGS...`, the commands
// in kCommands (resolve, entity, info, hangul, compare, romanize). main reads the flags once into
// Options, checks them, and runs the command with them.
//
// Exit status: 0 when everything asked for was found, 1 when some query did not resolve (or an ID
// does not exist, or a query was rejected), 2 on a usage error or when the server cannot be reached.
#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <iostream>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include <sys/stat.h>
#include <unistd.h>

#include <google/protobuf/util/json_util.h>
#include <grpcpp/grpcpp.h>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/flags/usage_config.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/time.h"
#include "irum/v1/irum.grpc.pb.h"
#include "client/channel.h"

ABSL_FLAG(std::string, server, "",
          "Server address, host:port, or any gRPC target: dns:///NAME:PORT or "
          "ipv4:HOST:PORT,HOST:PORT (calls spread over every address, UNAVAILABLE retried on the "
          "next). Default: $IRUM_SERVER, else 127.0.0.1:50051.");
ABSL_FLAG(std::string, tls_ca, "",
          "PEM file of the CA certificates to verify the server's TLS certificate with: call over "
          "TLS (the server runs with --tls_cert). Without --tls_ca and --tls_cert, plaintext.");
ABSL_FLAG(std::string, tls_cert, "",
          "PEM file of this client's certificate, for a server that requires one (irumd "
          "--tls_client_ca): calls over TLS. Needs --tls_key.");
ABSL_FLAG(std::string, tls_key, "", "PEM file of the private key of --tls_cert.");
ABSL_FLAG(bool, json, false,
          "Print protobuf JSON instead of text: one JSON object per line (per query for resolve).");
ABSL_FLAG(bool, hangul, false, "Also print each candidate's Hangul (and Hanja when known).");
ABSL_FLAG(std::vector<std::string>, kind, {},
          "resolve: only candidates of these kinds, comma-separated: person, place, organization. "
          "romanize: what the text is: text, person or place (default place).");
ABSL_FLAG(std::vector<std::string>, country, {},
          "resolve: only candidates of these countries, comma-separated ISO codes: KP, KR (KP or "
          "KR alone also ranks a spelling's Hangul readings by that country's names). "
          "hangul: the names are of this country's people, KP or KR (default: either). "
          "romanize --system=common: spell as this country does, KP or KR (default: by the name).");
ABSL_FLAG(bool, skip_catalog, false,
          "hangul: the decoder's readings alone, as for a name no table knows; by default a "
          "reading that is a catalog entity's Hangul weighs more, and a listed alias reads as its "
          "entity's Hangul (Syngman Rhee: 이승만).");
ABSL_FLAG(int, max_results, 10,
          "At most this many candidates per query (readings for hangul, spellings for romanize "
          "--system=common, at most 20 there).");
ABSL_FLAG(std::string, within, "",
          "resolve: only entities inside this place, given by ID (place/kr/busan) or name (Busan, "
          "부산).");
ABSL_FLAG(int, batch_size, 500, "Queries per BatchResolve call (stdin is read in batches of this size).");
ABSL_FLAG(absl::Duration, timeout, absl::Seconds(10), "Deadline of each call.");
ABSL_FLAG(std::vector<std::string>, romanizations, {},
          "resolve, entity: also print the name in these systems, comma-separated (rr, "
          "rr-translit, mr, alalc, bgn, dprk, yale, katakana, cyrillic, common).");
ABSL_FLAG(std::string, system, "rr",
          "romanize: the system: rr, rr-translit, mr, alalc, bgn, dprk, yale, katakana (Japanese "
          "press: キム・ヨジョン), cyrillic (Kontsevich: Ким Ё Чжон), or common (the spellings people use for a name, with their "
          "shares: Lee Jae-myung; see --country).");
ABSL_FLAG(bool, ascii, false, "romanize: no breves or apostrophes (MR family, DPRK): Kaesong.");
ABSL_FLAG(bool, hyphenate_given_name, false, "romanize --kind=person, RR: Han Bok-nam.");
ABSL_FLAG(bool, unit_hyphen, true,
          "romanize --kind=place: hyphen before an administrative unit (Jongno-gu).");
ABSL_FLAG(bool, drop_unit_suffix, false, "romanize --kind=place, RR: Cheongju for 청주시.");
ABSL_FLAG(bool, html, false,
          "annotate: print one standalone HTML page, the mentions highlighted with their ID, Hangul "
          "and score on hover.");
ABSL_FLAG(double, min_score, 0,
          "annotate: leave out mentions scored below this (0 to 1; coreference scores 0.8).");
ABSL_FLAG(bool, demonyms, false,
          "annotate: link the words for the people of a place to it (\"North Korean\" -> North "
          "Korea, score 0.6).");
ABSL_FLAG(bool, unknown_names, true,
          "annotate: report the Korean personal names no table knows, with their Hangul.");

namespace {

namespace v1 = ::irum::v1;

constexpr int kExitOk = 0;
constexpr int kExitNotFound = 1;
constexpr int kExitUsage = 2;

// A batch is sent once it holds --batch_size inputs or this many bytes (the server refuses
// requests over 4 MB by default).
constexpr size_t kMaxBatchBytes = 1 << 20;
constexpr int kMaxReplyBytes = 64 << 20;

// --help after the list of commands (UsageMessage).
constexpr char kUsage[] =
    "\n"
    "Examples:\n"
    "  irum resolve Gaesong Kaesong \"Kim Yo-jong\" --hangul\n"
    "  irum resolve Jung-gu \"Jung-gu, Busan\" Masan\n"
    "  irum resolve --within=Busan Jung-gu\n"
    "  cut -f1 names.txt | irum resolve --json --kind=person\n"
    "  irum hangul \"Chung Sung-Jun\"                        (정성준 first)\n"
    "  irum hangul --country=KP \"Kim Jong Ho\"              (김정호 first; KR: 김종호)\n"
    "  irum compare \"Ri Son Gwon\" \"Lee Seon-gwon\"        (same)\n"
    "  irum romanize --system=rr --kind=place 종로구 신라    (Jongno-gu, Silla)\n"
    "  irum romanize --system=mr 개성                       (Kaesŏng)\n"
    "  irum romanize --system=rr --kind=person 한복남       (Han Boknam)\n"
    "  irum romanize --system=common 이재명                 (Lee Jae-myung, Lee Jae-myeong...)\n"
    "  irum romanize --system=common --country=KP 김여정    (Kim Yo Jong)\n"
    "  irum annotate article.txt                            ([Kim Yo Jong]{person/kp/kim-yo-jong}...)\n"
    "  irum annotate --html *.txt > annotated.html\n"
    "\n"
    "resolve prints one line per candidate: QUERY, ID, SCORE, NAME (then HANGUL and HANJA with\n"
    "--hangul, the --romanizations, and a last NOTE when there is one: where the entity is,\n"
    "\"in Jung-gu, Busan\", and whether the query was a former name), tab-separated; a query with\n"
    "no candidate prints QUERY and '(no match)'. Qualify a name with its place (\"Jung-gu,\n"
    "Busan\", \"부산 중구\") or use --within to pick one of many homonyms.\n"
    "hangul prints QUERY then up to --max_results readings with their scores, tab-separated, and\n"
    "for a person's name that looks not Korean (Nicole, Jennie) a last '(not Korean? SHARE)'.\n"
    "annotate prints each text with its mentions marked [NAME]{ID} ([NAME]{?HANGUL} for a Korean\n"
    "name no table knows), then a line per mention: code point offsets, ID, score, name; it exits\n"
    "1 when a text was rejected (not UTF-8, too long).\n"
    "compare prints same or different, the score, and the Hangul the two share; it exits 1 when a\n"
    "pair is different.\n"
    "romanize prints one line per text, an empty one for a rejected text (its reason on stderr);\n"
    "with --system=common (names of persons unless --kind says otherwise) the spellings and their\n"
    "shares, tab-separated, best first.\n"
    "A server started with --tls_cert is called over TLS with --tls_ca=CA.pem (the CA that signed\n"
    "its certificate), and one started with --tls_client_ca also needs --tls_cert and --tls_key.\n"
    "Exit status: 0 all found, 1 some query or ID not found (or a query or text rejected), 2 usage\n"
    "or connection error.";

// An error that ends the program: a message for stderr and an exit status.
struct Exit {
  int code;
  std::string message;
};

// What the flags say, read once (ReadFlags) and handed to the command. --kind and --country stay
// as written: the commands read them each their way (entity kinds for resolve, one string kind
// for hangul, compare and romanize).
struct Options {
  std::string server;
  // TLS (PEM text): on when `tls` is; an empty CA means the system's roots.
  bool tls = false;
  std::string tls_ca;
  std::string tls_cert;
  std::string tls_key;
  bool json = false;
  bool hangul = false;
  std::vector<std::string> kinds;
  std::vector<std::string> countries;
  int max_results = 10;
  std::string within;
  size_t batch_size = 500;
  absl::Duration timeout;
  std::vector<v1::RomanizationSystem> romanizations;
  std::string system;
  bool ascii = false;
  bool hyphenate_given_name = false;
  bool unit_hyphen = true;
  bool drop_unit_suffix = false;
  bool html = false;
  double min_score = 0;
  bool unknown_names = true;
  bool demonyms = false;
  bool skip_catalog = false;
};

class Client {
 public:
  explicit Client(const Options& o) : address_(o.server), timeout_(o.timeout) {
    grpc::ChannelArguments args = irum::client::ChannelArguments();
    // Romanizing a batch of long texts can answer with more than gRPC's default 4 MB.
    args.SetMaxReceiveMessageSize(kMaxReplyBytes);
    std::shared_ptr<grpc::ChannelCredentials> credentials = grpc::InsecureChannelCredentials();
    if (o.tls) {
      grpc::SslCredentialsOptions ssl;
      ssl.pem_root_certs = o.tls_ca;
      ssl.pem_cert_chain = o.tls_cert;
      ssl.pem_private_key = o.tls_key;
      credentials = grpc::SslCredentials(ssl);
    }
    stub_ = v1::Irum::NewStub(grpc::CreateCustomChannel(address_, credentials, args));
  }

  // Runs `call` with a fresh context and the --timeout deadline.
  template <typename Call>
  grpc::Status Run(Call call) {
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + timeout_));
    return call(&context);
  }

  // Runs `call` like Run; on failure sets `*failure` to what the user sees and returns false.
  template <typename Call>
  bool Succeeds(Call call, Exit* failure);

  v1::Irum::Stub& stub() { return *stub_; }
  const std::string& address() const { return address_; }

 private:
  std::string address_;
  absl::Duration timeout_;
  std::unique_ptr<v1::Irum::Stub> stub_;
};

// Maps a failed call to the exit status and message the user sees.
Exit CallFailed(const Client& client, const grpc::Status& status) {
  switch (status.error_code()) {
    case grpc::StatusCode::UNAVAILABLE:
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      return {kExitUsage, absl::StrCat("cannot reach the server at ", client.address(), ": ",
                                       status.error_message())};
    case grpc::StatusCode::NOT_FOUND:
      return {kExitNotFound, status.error_message()};
    default:
      return {kExitUsage, status.error_message()};
  }
}

template <typename Call>
bool Client::Succeeds(Call call, Exit* failure) {
  grpc::Status status = Run(call);
  if (status.ok()) return true;
  *failure = CallFailed(*this, status);
  return false;
}

std::string ToJson(const google::protobuf::Message& message) {
  std::string json;
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  options.always_print_primitive_fields = true;
  (void)google::protobuf::util::MessageToJsonString(message, &json, options);
  return json;
}

// The systems by the names the CLI uses for them.
constexpr std::pair<const char*, v1::RomanizationSystem> kSystems[] = {
    {"rr", v1::ROMANIZATION_SYSTEM_RR},
    {"rr-translit", v1::ROMANIZATION_SYSTEM_RR_TRANSLITERATION},
    {"mr", v1::ROMANIZATION_SYSTEM_MCCUNE_REISCHAUER},
    {"alalc", v1::ROMANIZATION_SYSTEM_ALA_LC},
    {"bgn", v1::ROMANIZATION_SYSTEM_BGN_PCGN},
    {"dprk", v1::ROMANIZATION_SYSTEM_DPRK},
    {"yale", v1::ROMANIZATION_SYSTEM_YALE},
    {"katakana", v1::ROMANIZATION_SYSTEM_KATAKANA},
    {"cyrillic", v1::ROMANIZATION_SYSTEM_CYRILLIC},
    {"common", v1::ROMANIZATION_SYSTEM_COMMON},
};

absl::StatusOr<v1::RomanizationSystem> ParseSystem(const std::string& name) {
  for (const auto& [word, system] : kSystems) {
    if (absl::AsciiStrToLower(name) == word) return system;
  }
  return absl::InvalidArgumentError(absl::StrCat(
      "unknown system '", name,
      "' (expected rr, rr-translit, mr, alalc, bgn, dprk, yale, katakana, cyrillic or common)"));
}

std::string SystemWord(int system) {
  for (const auto& [word, value] : kSystems) {
    if (value == system) return word;
  }
  return absl::StrCat(system);
}

// Reads every flag, checking what does not depend on the command.
absl::StatusOr<Options> ReadFlags() {
  Options o;
  o.server = absl::GetFlag(FLAGS_server);
  if (o.server.empty()) {
    const char* env = std::getenv("IRUM_SERVER");
    o.server = env != nullptr && *env != '\0' ? env : "127.0.0.1:50051";
  }
  const std::string tls_ca = absl::GetFlag(FLAGS_tls_ca);
  const std::string tls_cert = absl::GetFlag(FLAGS_tls_cert);
  const std::string tls_key = absl::GetFlag(FLAGS_tls_key);
  if (tls_cert.empty() != tls_key.empty()) {
    return absl::InvalidArgumentError("--tls_cert and --tls_key go together");
  }
  o.tls = !tls_ca.empty() || !tls_cert.empty();
  for (const auto& [flag, path, text] :
       {std::tuple<const char*, const std::string&, std::string*>{"tls_ca", tls_ca, &o.tls_ca},
        {"tls_cert", tls_cert, &o.tls_cert},
        {"tls_key", tls_key, &o.tls_key}}) {
    if (path.empty()) continue;
    std::ifstream in(path, std::ios::binary);
    std::ostringstream contents;
    contents << in.rdbuf();
    if (!in || contents.str().empty()) {
      return absl::InvalidArgumentError(absl::StrCat("cannot read --", flag, " file '", path, "'"));
    }
    *text = contents.str();
  }
  o.json = absl::GetFlag(FLAGS_json);
  o.hangul = absl::GetFlag(FLAGS_hangul);
  o.kinds = absl::GetFlag(FLAGS_kind);
  o.countries = absl::GetFlag(FLAGS_country);
  o.max_results = absl::GetFlag(FLAGS_max_results);
  o.within = absl::GetFlag(FLAGS_within);
  o.batch_size = static_cast<size_t>(std::max(1, absl::GetFlag(FLAGS_batch_size)));
  o.timeout = absl::GetFlag(FLAGS_timeout);
  for (const std::string& name : absl::GetFlag(FLAGS_romanizations)) {
    absl::StatusOr<v1::RomanizationSystem> system = ParseSystem(name);
    if (!system.ok()) return system.status();
    o.romanizations.push_back(*system);
  }
  o.system = absl::GetFlag(FLAGS_system);
  o.ascii = absl::GetFlag(FLAGS_ascii);
  o.hyphenate_given_name = absl::GetFlag(FLAGS_hyphenate_given_name);
  o.unit_hyphen = absl::GetFlag(FLAGS_unit_hyphen);
  o.drop_unit_suffix = absl::GetFlag(FLAGS_drop_unit_suffix);
  o.html = absl::GetFlag(FLAGS_html);
  o.min_score = absl::GetFlag(FLAGS_min_score);
  o.unknown_names = absl::GetFlag(FLAGS_unknown_names);
  o.demonyms = absl::GetFlag(FLAGS_demonyms);
  o.skip_catalog = absl::GetFlag(FLAGS_skip_catalog);
  if (o.json && o.html) return absl::InvalidArgumentError("--json and --html exclude each other");
  return o;
}

// --kind as entity kinds (resolve, annotate).
absl::StatusOr<std::vector<v1::EntityKind>> EntityKindsOf(const Options& o) {
  std::vector<v1::EntityKind> out;
  for (const std::string& word : o.kinds) {
    const std::string kind = absl::AsciiStrToLower(word);
    if (kind == "person") {
      out.push_back(v1::ENTITY_KIND_PERSON);
    } else if (kind == "place") {
      out.push_back(v1::ENTITY_KIND_PLACE);
    } else if (kind == "organization" || kind == "org") {
      out.push_back(v1::ENTITY_KIND_ORGANIZATION);
    } else {
      return absl::InvalidArgumentError(
          absl::StrCat("unknown kind '", word, "' (expected person, place or organization)"));
    }
  }
  return out;
}

absl::StatusOr<v1::ResolveOptions> ResolveOptionsOf(const Options& o) {
  v1::ResolveOptions options;
  absl::StatusOr<std::vector<v1::EntityKind>> kinds = EntityKindsOf(o);
  if (!kinds.ok()) return kinds.status();
  for (v1::EntityKind kind : *kinds) options.add_kinds(kind);
  for (const std::string& country : o.countries) options.add_countries(country);
  if (o.max_results < 1) return absl::InvalidArgumentError("--max_results must be at least 1");
  options.set_max_results(o.max_results);
  options.set_include_hangul(o.hangul);
  options.set_within(o.within);
  for (v1::RomanizationSystem system : o.romanizations) options.add_romanizations(system);
  return options;
}

// "Jung-gu, Busan": the names of a parent chain, nearest first, without the country (the last
// link) when there is more than one link.
template <typename Refs>
std::string Where(const Refs& parents) {
  std::vector<std::string> names;
  for (const v1::EntityRef& p : parents) names.push_back(p.name());
  if (names.size() > 1) names.pop_back();
  return absl::StrJoin(names, ", ");
}

// What a person reading the candidate should know besides its name: where it is and, when the
// query was a former name, which one ("in Busan; former name 'Masan'").
std::string Note(const v1::Candidate& c) {
  std::vector<std::string> notes;
  if (!c.parents().empty()) notes.push_back(absl::StrCat("in ", Where(c.parents())));
  if (c.match().method() == v1::Match::METHOD_FORMER_NAME) {
    notes.push_back(absl::StrCat("former name '", c.match().alias(), "'"));
  }
  return absl::StrJoin(notes, "; ");
}

// Prints one query's result; returns whether it resolved.
bool PrintResult(const Options& o, const std::string& query, const v1::ResolveResult& result) {
  if (o.json) {
    std::cout << ToJson(result) << "\n";
  } else {
    for (const v1::Candidate& c : result.candidates()) {
      std::vector<std::string> columns = {query, c.id(), absl::StrFormat("%.2f", c.score()),
                                          c.display_name()};
      if (o.hangul) {
        columns.push_back(c.hangul());
        columns.push_back(c.hanja());
      }
      for (const v1::Romanization& r : c.romanizations()) columns.push_back(r.text());
      if (std::string note = Note(c); !note.empty()) columns.push_back(std::move(note));
      std::cout << absl::StrJoin(columns, "\t") << "\n";
    }
    if (result.candidates().empty() && !result.has_error()) {
      std::cout << query << "\t(no match)\n";
    }
  }
  if (result.has_error()) {
    std::cerr << "irum: query " << result.index() + 1 << " '" << absl::CHexEscape(query)
              << "': " << result.error().message() << "\n";
  }
  return !result.has_error() && !result.candidates().empty();
}

// Resolves `queries` in one BatchResolve call and prints the results, adding the unresolved ones to
// `*unresolved`. On a failed call, returns false with `*failure` set.
bool ResolveBatch(Client& client, const Options& o, const v1::ResolveOptions& options,
                  const std::vector<std::string>& queries, int first_index, int* unresolved,
                  Exit* failure) {
  v1::BatchResolveRequest request;
  *request.mutable_options() = options;
  for (const std::string& q : queries) request.add_queries(q);
  v1::BatchResolveResponse response;
  if (!client.Succeeds([&](grpc::ClientContext* context) {
        return client.stub().BatchResolve(context, request, &response);
      }, failure)) {
    return false;
  }
  for (v1::ResolveResult& result : *response.mutable_results()) {
    const size_t i = static_cast<size_t>(result.index());
    result.set_index(result.index() + first_index);
    if (!PrintResult(o, i < queries.size() ? queries[i] : "", result)) ++*unresolved;
  }
  std::cout.flush();
  return true;
}

// A line on stderr that says how far a batch from stdin has got ("irum: 12000 lines, 40%, 3 s"),
// redrawn in place after each batch, when stderr is a terminal; nothing otherwise (a pipe, a
// file). The percentage is of stdin's bytes when stdin is a regular file. Results written to the
// same terminal appear above it: the line is cleared before each batch's results are printed.
class ProgressLine {
 public:
  // Draws nothing unless `from_stdin` (the inputs come from stdin) and stderr is a terminal.
  explicit ProgressLine(bool from_stdin) : active_(from_stdin && isatty(STDERR_FILENO) == 1) {
    struct stat st;
    if (active_ && fstat(STDIN_FILENO, &st) == 0 && S_ISREG(st.st_mode)) total_bytes_ = st.st_size;
  }
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;
  ~ProgressLine() { Clear(); }

  // Clears the line (before results are printed).
  void Clear() {
    if (!active_ || !drawn_) return;
    std::cerr << "\r\033[K" << std::flush;
    drawn_ = false;
  }

  // Draws the line for `lines` lines (and `bytes` bytes) of stdin done.
  void Show(int64_t lines, int64_t bytes) {
    if (!active_) return;
    std::cerr << "\rirum: " << lines << " lines";
    if (total_bytes_ > 0) {
      std::cerr << ", " << std::min<int64_t>(100, 100 * bytes / total_bytes_) << "%";
    }
    std::cerr << ", " << absl::ToInt64Seconds(absl::Now() - start_) << " s\033[K" << std::flush;
    drawn_ = true;
  }

 private:
  const bool active_;
  int64_t total_bytes_ = 0;
  bool drawn_ = false;
  const absl::Time start_ = absl::Now();
};

// Feeds the inputs (the arguments, or else stdin, one per line) to `send` in batches of
// --batch_size inputs or kMaxBatchBytes, whichever comes first. Blank stdin lines are skipped when
// `skip_blank`, else sent as they are. Returns false as soon as `send` does. Input from stdin shows
// its progress on stderr when that is a terminal (ProgressLine).
template <typename Send>
bool InBatches(const Options& o, const std::vector<std::string>& args, bool skip_blank, Send send) {
  const size_t batch_size = o.batch_size;
  ProgressLine progress(/*from_stdin=*/args.empty());
  int64_t lines = 0;        // Of stdin, read so far.
  int64_t stdin_bytes = 0;  // Likewise.
  std::vector<std::string> batch;
  size_t bytes = 0;
  auto add = [&](std::string input) {
    bytes += input.size();
    batch.push_back(std::move(input));
    if (batch.size() < batch_size && bytes < kMaxBatchBytes) return true;
    progress.Clear();
    const bool ok = send(batch);
    progress.Show(lines, stdin_bytes);
    batch.clear();
    bytes = 0;
    return ok;
  };
  if (!args.empty()) {
    for (const std::string& arg : args) {
      if (!add(arg)) return false;
    }
  } else {
    std::string line;
    while (std::getline(std::cin, line)) {
      ++lines;
      stdin_bytes += static_cast<int64_t>(line.size()) + 1;
      absl::string_view input = absl::StripSuffix(line, "\r");
      if (skip_blank && absl::StripAsciiWhitespace(input).empty()) continue;
      if (!add(std::string(input))) return false;
    }
  }
  progress.Clear();
  return batch.empty() || send(batch);
}

Exit Resolve(Client& client, const Options& o, const std::vector<std::string>& args) {
  absl::StatusOr<v1::ResolveOptions> options = ResolveOptionsOf(o);
  if (!options.ok()) return {kExitUsage, std::string(options.status().message())};
  int unresolved = 0;
  int index = 0;
  Exit failure{kExitOk, ""};
  const bool ok = InBatches(o, args, /*skip_blank=*/true, [&](const std::vector<std::string>& batch) {
    if (!ResolveBatch(client, o, *options, batch, index, &unresolved, &failure)) return false;
    index += static_cast<int>(batch.size());
    return true;
  });
  if (!ok) return failure;
  return {unresolved == 0 ? kExitOk : kExitNotFound, ""};
}

Exit Entity(Client& client, const Options& o, const std::vector<std::string>& ids) {
  if (ids.empty()) return {kExitUsage, "entity needs at least one ID (e.g. place/kp/kaesong)"};
  int missing = 0;
  for (const std::string& id : ids) {
    v1::GetEntityRequest request;
    request.set_id(id);
    for (v1::RomanizationSystem system : o.romanizations) request.add_romanizations(system);
    v1::GetEntityResponse response;
    grpc::Status status = client.Run([&](grpc::ClientContext* context) {
      return client.stub().GetEntity(context, request, &response);
    });
    if (!status.ok()) {
      Exit exit = CallFailed(client, status);
      if (exit.code != kExitNotFound) return exit;
      std::cerr << "irum: " << exit.message << "\n";
      ++missing;
      continue;
    }
    const v1::Entity& e = response.entity();
    if (o.json) {
      std::cout << ToJson(response) << "\n";
      continue;
    }
    if (response.has_redirect()) {
      const v1::Redirect& r = response.redirect();
      std::cout << "retired:     " << r.from_id() << " is retired"
                << (r.retired().empty() ? "" : absl::StrCat(" (", r.retired(), ")"))
                << (r.note().empty() ? "" : absl::StrCat(": ", r.note()))
                << "; its successor is shown\n";
    }
    std::cout << "id:          " << e.id() << "\n"
              << "kind:        " << absl::AsciiStrToLower(absl::StripPrefix(
                                        v1::EntityKind_Name(e.kind()), "ENTITY_KIND_"))
              << "\n"
              << "name:        " << e.name() << "\n"
              << "hangul:      " << e.hangul() << "\n";
    if (!e.hanja().empty()) std::cout << "hanja:       " << e.hanja() << "\n";
    std::cout << "countries:   " << absl::StrJoin(e.countries(), ", ") << "\n";
    if (!e.parents().empty()) {
      std::vector<std::string> chain;
      for (const v1::EntityRef& p : e.parents()) chain.push_back(absl::StrCat(p.name(), " (", p.id(), ")"));
      std::cout << "in:          " << absl::StrJoin(chain, ", ") << "\n";
    }
    if (e.child_count() > 0) {
      std::cout << "contains:    " << e.child_count() << " units directly, " << e.descendant_count()
                << " in all\n";
    }
    if (!e.aliases().empty()) std::cout << "aliases:     " << absl::StrJoin(e.aliases(), " | ") << "\n";
    if (!e.former_names().empty()) {
      std::cout << "former:      " << absl::StrJoin(e.former_names(), " | ") << "\n";
    }
    if (e.population() > 0) std::cout << "population:  " << e.population() << "\n";
    if (!e.wikidata_id().empty()) std::cout << "wikidata:    " << e.wikidata_id() << "\n";
    if (!e.description().empty()) std::cout << "description: " << e.description() << "\n";
    for (const v1::Romanization& r : e.romanizations()) {
      std::cout << absl::StrFormat("%-13s", SystemWord(r.system()) + ":") << r.text() << "\n";
    }
    if (ids.size() > 1) std::cout << "\n";
  }
  return {missing == 0 ? kExitOk : kExitNotFound, ""};
}

// Sends `texts` in one Romanize call and prints one line per text (an empty line for a rejected
// text, with its reason on stderr, counted in `*rejected`); `*index` counts the texts sent so far.
// False with `*failure` set when the call fails.
bool RomanizeBatch(Client& client, const Options& o, const v1::RomanizeOptions& options,
                   const std::vector<std::string>& texts, int* index, int* rejected,
                   Exit* failure) {
  v1::RomanizeRequest request;
  *request.mutable_options() = options;
  for (const std::string& t : texts) request.add_texts(t);
  v1::RomanizeResponse response;
  if (!client.Succeeds([&](grpc::ClientContext* context) {
        return client.stub().Romanize(context, request, &response);
      }, failure)) {
    return false;
  }
  for (int i = 0; i < response.results_size(); ++i) {
    v1::RomanizeResult& result = *response.mutable_results(i);
    result.set_index(result.index() + *index);
    if (o.json) {
      std::cout << ToJson(result) << "\n";
    } else if (result.spellings_size() > 0) {
      std::vector<std::string> fields;
      for (const v1::Spelling& s : result.spellings()) {
        fields.push_back(s.text());
        fields.push_back(absl::StrFormat("%.3f", s.share()));
      }
      std::cout << absl::StrJoin(fields, "\t") << "\n";
    } else {
      std::cout << result.romanized() << "\n";
    }
    if (result.has_error()) {
      std::cerr << "irum: text " << result.index() + 1 << ": " << result.error().message() << "\n";
      ++*rejected;
    }
  }
  *index += response.results_size();
  std::cout.flush();
  return true;
}

// The --kind flag of the commands that take a kind of string (romanize, hangul, compare).
absl::StatusOr<v1::StringKind> StringKindOf(const Options& o, const std::string& command,
                                            v1::StringKind unspecified) {
  const std::vector<std::string>& kinds = o.kinds;
  if (kinds.size() > 1) {
    return absl::InvalidArgumentError(
        absl::StrCat(command, " takes one --kind: text, person or place"));
  }
  if (kinds.empty()) return unspecified;
  const std::string kind = absl::AsciiStrToLower(kinds[0]);
  if (kind == "text") return v1::STRING_KIND_TEXT;
  if (kind == "person") return v1::STRING_KIND_PERSON;
  if (kind == "place") return v1::STRING_KIND_PLACE;
  return absl::InvalidArgumentError(absl::StrCat("unknown kind '", kinds[0], "' for ", command,
                                                 " (expected text, person or place)"));
}

Exit ToHangul(Client& client, const Options& o, const std::vector<std::string>& args) {
  v1::ToHangulRequest request;
  absl::StatusOr<v1::StringKind> kind = StringKindOf(o, "hangul", v1::STRING_KIND_PERSON);
  if (!kind.ok()) return {kExitUsage, std::string(kind.status().message())};
  if (o.max_results < 1) return {kExitUsage, "--max_results must be at least 1"};
  request.set_kind(*kind);
  request.set_max_results(o.max_results);
  if (o.countries.size() > 1) return {kExitUsage, "hangul takes one --country: KP or KR"};
  if (!o.countries.empty()) request.set_country(o.countries[0]);
  request.set_skip_catalog(o.skip_catalog);
  int index = 0;
  int unread = 0;
  Exit failure{kExitOk, ""};
  const bool ok = InBatches(o, args, /*skip_blank=*/true, [&](const std::vector<std::string>& batch) {
    request.clear_names();
    for (const std::string& name : batch) request.add_names(name);
    v1::ToHangulResponse response;
    if (!client.Succeeds([&](grpc::ClientContext* context) {
          return client.stub().ToHangul(context, request, &response);
        }, &failure)) {
      return false;
    }
    for (v1::ToHangulResult& result : *response.mutable_results()) {
      const std::string& name = batch[static_cast<size_t>(result.index())];
      result.set_index(result.index() + index);
      if (o.json) {
        std::cout << ToJson(result) << "\n";
      } else {
        std::vector<std::string> columns = {name};
        for (const v1::HangulCandidate& c : result.candidates()) {
          columns.push_back(absl::StrFormat("%s %.2f", c.hangul(), c.score()));
        }
        if (result.candidates().empty() && !result.has_error()) {
          columns.push_back("(no reading)");
        } else if (result.not_korean()) {
          columns.push_back(absl::StrFormat("(not Korean? %.3f)", result.korean()));
        }
        std::cout << absl::StrJoin(columns, "\t") << "\n";
      }
      if (result.has_error()) {
        std::cerr << "irum: name " << result.index() + 1 << ": " << result.error().message() << "\n";
      }
      if (result.candidates().empty()) ++unread;
    }
    index += static_cast<int>(batch.size());
    std::cout.flush();
    return true;
  });
  if (!ok) return failure;
  return {unread == 0 ? kExitOk : kExitNotFound, ""};
}

Exit Compare(Client& client, const Options& o, const std::vector<std::string>& args) {
  v1::CompareRequest request;
  absl::StatusOr<v1::StringKind> kind = StringKindOf(o, "compare", v1::STRING_KIND_PERSON);
  if (!kind.ok()) return {kExitUsage, std::string(kind.status().message())};
  request.set_kind(*kind);
  if (!args.empty() && args.size() != 2) {
    return {kExitUsage, "compare takes two names, or tab-separated pairs on stdin"};
  }
  // Pairs from the arguments, or from stdin as A<TAB>B.
  std::vector<std::string> lines;
  if (args.size() == 2) lines.push_back(absl::StrCat(args[0], "\t", args[1]));
  int different = 0;
  int index = 0;
  Exit failure{kExitOk, ""};
  const bool ok = InBatches(o, lines, /*skip_blank=*/true, [&](const std::vector<std::string>& batch) {
    request.clear_pairs();
    for (const std::string& line : batch) {
      std::vector<std::string> names = absl::StrSplit(line, absl::MaxSplits('\t', 1));
      v1::NamePair* pair = request.add_pairs();
      pair->set_a(names[0]);
      pair->set_b(names.size() > 1 ? names[1] : "");
    }
    v1::CompareResponse response;
    if (!client.Succeeds([&](grpc::ClientContext* context) {
          return client.stub().Compare(context, request, &response);
        }, &failure)) {
      return false;
    }
    for (v1::CompareResult& result : *response.mutable_results()) {
      result.set_index(result.index() + index);
      if (o.json) {
        std::cout << ToJson(result) << "\n";
      } else if (result.has_error()) {
        std::cout << "error\n";
      } else {
        std::cout << (result.same() ? "same" : "different") << "\t"
                  << absl::StrFormat("%.2f", result.score()) << "\t"
                  << (result.same() ? result.shared_hangul()
                                    : absl::StrCat(result.a_hangul(), " / ", result.b_hangul()))
                  << "\n";
      }
      if (result.has_error()) {
        std::cerr << "irum: pair " << result.index() + 1 << ": " << result.error().message() << "\n";
      }
      if (!result.same()) ++different;
    }
    index += static_cast<int>(batch.size());
    std::cout.flush();
    return true;
  });
  if (!ok) return failure;
  return {different == 0 ? kExitOk : kExitNotFound, ""};
}

Exit Romanize(Client& client, const Options& o, const std::vector<std::string>& args) {
  v1::RomanizeOptions options;
  absl::StatusOr<v1::RomanizationSystem> system = ParseSystem(o.system);
  if (!system.ok()) return {kExitUsage, std::string(system.status().message())};
  options.set_system(*system);
  const bool common = *system == v1::ROMANIZATION_SYSTEM_COMMON;
  // irum romanizes names: without --kind, a text is romanized as a place name (capitalized), or
  // with the common spellings as a person's name.
  absl::StatusOr<v1::StringKind> kind = StringKindOf(
      o, "romanize", common ? v1::STRING_KIND_PERSON : v1::STRING_KIND_PLACE);
  if (!kind.ok()) return {kExitUsage, std::string(kind.status().message())};
  options.set_kind(*kind);
  options.set_ascii(o.ascii);
  options.set_hyphenate_given_name(o.hyphenate_given_name);
  options.set_no_unit_hyphen(!o.unit_hyphen);
  options.set_drop_unit_suffix(o.drop_unit_suffix);
  const std::vector<std::string>& countries = o.countries;
  if (!countries.empty() && !common) {
    return {kExitUsage, "romanize takes --country only with --system=common"};
  }
  if (countries.size() > 1) {
    return {kExitUsage, "romanize --system=common takes one --country: KP or KR"};
  }
  if (!countries.empty()) options.set_country(countries[0]);
  const int max_results = o.max_results;
  if (common && (max_results < 1 || max_results > 20)) {
    return {kExitUsage, "romanize --system=common takes --max_results from 1 to 20"};
  }
  if (common) options.set_max_spellings(max_results);

  Exit failure{kExitOk, ""};
  int index = 0;
  int rejected = 0;
  // Blank lines are romanized too (to blank lines): one line out per line in.
  const bool ok = InBatches(o, args, /*skip_blank=*/false, [&](const std::vector<std::string>& batch) {
    return RomanizeBatch(client, o, options, batch, &index, &rejected, &failure);
  });
  if (!ok) return failure;
  return {rejected == 0 ? kExitOk : kExitNotFound, ""};
}

Exit Info(Client& client, const Options& o, const std::vector<std::string>& args) {
  if (!args.empty()) return {kExitUsage, "info takes no arguments"};
  v1::GetInfoResponse response;
  grpc::Status status = client.Run([&](grpc::ClientContext* context) {
    return client.stub().GetInfo(context, v1::GetInfoRequest(), &response);
  });
  if (!status.ok()) return CallFailed(client, status);
  if (o.json) {
    std::cout << ToJson(response) << "\n";
    return {kExitOk, ""};
  }
  std::cout << "server:         " << response.server_version() << " at " << client.address() << "\n"
            << "tables:         " << response.table_version() << " (loaded "
            << response.loaded_at() << ")\n"
            << "entities:       " << response.entity_count() << " (" << response.person_count()
            << " persons, " << response.place_count() << " places, "
            << response.organization_count() << " organizations)\n"
            << "keys:           " << response.alias_count() << "\n"
            << "limits:         " << response.max_query_chars() << " characters per query, "
            << response.max_batch_queries() << " queries per batch, "
            << response.max_results_limit() << " results per query, "
            << response.max_text_chars() << " characters per text to romanize, "
            << response.max_response_bytes() << " bytes per response\n"
            << "connections:    at most " << response.max_connections()
            << " open; open files limit " << response.open_files_limit() << "\n"
            << "language:       " << response.pronunciation_exception_count()
            << " pronunciation exceptions, " << response.surname_count() << " surnames\n"
            << "retired IDs:    " << response.retired_count() << "\n"
            << "load:           " << absl::StrFormat("%.2f", response.load_seconds())
            << " s to read and index the tables; resident memory "
            << absl::StrFormat("%.1f", response.resident_bytes() / 1048576.0) << " MB (peak "
            << absl::StrFormat("%.1f", response.peak_resident_bytes() / 1048576.0) << " MB)\n";
  if (response.has_last_reload()) {
    const v1::ReloadStatus& r = response.last_reload();
    std::cout << "last reload:    " << r.at() << " (" << r.trigger() << ") "
              << (r.ok() ? "ok" : "FAILED, previous tables still serving") << ", "
              << absl::StrFormat("%.2f", r.seconds()) << " s, tables " << r.table_version() << "\n";
    if (!r.ok()) std::cout << "reload error:   " << r.error() << "\n";
  } else {
    std::cout << "last reload:    none since the start\n";
  }
  return {kExitOk, ""};
}

// What a mention links to, for people: the ID, or "?HANGUL" for an unknown name.
std::string MentionTarget(const v1::Mention& m) {
  if (m.candidates().empty()) return absl::StrCat("?", m.hangul());
  return m.candidates(0).id();
}

std::string HtmlEscape(absl::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

// `text` with each mention replaced by `mark(mention, its text)` and the rest by `plain(text)`.
template <typename Mark, typename Plain>
std::string Marked(const std::string& text, const v1::AnnotateResponse& response, Mark mark,
                   Plain plain) {
  std::string out;
  size_t at = 0;
  for (const v1::Mention& m : response.mentions()) {
    const size_t begin = static_cast<size_t>(m.begin()), end = static_cast<size_t>(m.end());
    if (begin < at || end > text.size()) continue;  // Not from this text: skip rather than cut.
    out += plain(text.substr(at, begin - at));
    out += mark(m, text.substr(begin, end - begin));
    at = end;
  }
  return out + plain(text.substr(at));
}

constexpr char kHtmlHead[] =
    "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>irum annotate</title>\n"
    "<style>body{font:16px/1.5 sans-serif;max-width:50em;margin:2em auto}"
    "pre{white-space:pre-wrap;font:inherit}mark{border-radius:3px;padding:0 2px}"
    "mark.person{background:#fde68a}mark.place{background:#bbf7d0}"
    "mark.organization{background:#bfdbfe}mark.unknown{background:#fecaca}"
    "mark.coreference{outline:1px dashed #888}</style></head><body>\n";

Exit Annotate(Client& client, const Options& o, const std::vector<std::string>& files) {
  v1::AnnotateOptions options;
  absl::StatusOr<std::vector<v1::EntityKind>> kinds = EntityKindsOf(o);
  if (!kinds.ok()) return {kExitUsage, std::string(kinds.status().message())};
  for (v1::EntityKind kind : *kinds) options.add_kinds(kind);
  options.set_min_score(o.min_score);
  options.set_no_unknown_names(!o.unknown_names);
  options.set_demonyms(o.demonyms);
  // The documents: the files, or stdin.
  std::vector<std::pair<std::string, std::string>> documents;
  if (files.empty()) {
    std::ostringstream text;
    text << std::cin.rdbuf();
    documents.push_back({"stdin", text.str()});
  }
  for (const std::string& file : files) {
    std::ifstream in(file, std::ios::binary);
    if (!in.is_open()) {
      return {kExitUsage, absl::StrCat("cannot open '", file, "': ", std::strerror(errno))};
    }
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) return {kExitUsage, absl::StrCat("cannot read '", file, "'")};
    documents.push_back({file, text.str()});
  }
  if (o.html) std::cout << kHtmlHead;
  int rejected = 0;
  for (const auto& [name, text] : documents) {
    v1::AnnotateRequest request;
    request.set_text(text);
    *request.mutable_options() = options;
    v1::AnnotateResponse response;
    grpc::Status status = client.Run([&](grpc::ClientContext* context) {
      return client.stub().Annotate(context, request, &response);
    });
    if (status.error_code() == grpc::StatusCode::INVALID_ARGUMENT) {
      std::cerr << "irum: " << name << ": " << status.error_message() << "\n";
      ++rejected;
      continue;
    }
    if (!status.ok()) return CallFailed(client, status);
    if (o.json) {
      std::cout << ToJson(response) << "\n";
    } else if (o.html) {
      std::cout << "<h2>" << HtmlEscape(name) << "</h2>\n<pre>"
                << Marked(text, response,
                          [](const v1::Mention& m, absl::string_view written) {
                            std::string kind = "unknown", title;
                            if (m.candidates().empty()) {
                              title = absl::StrFormat("not in the tables: %s (%.2f)", m.hangul(),
                                                      m.score());
                            } else {
                              const v1::Candidate& c = m.candidates(0);
                              kind = absl::AsciiStrToLower(absl::StripPrefix(
                                  v1::EntityKind_Name(c.kind()), "ENTITY_KIND_"));
                              if (c.match().method() == v1::Match::METHOD_COREFERENCE) {
                                kind += " coreference";
                              }
                              title = absl::StrFormat("%s · %s · %.2f", c.id(), c.hangul(),
                                                      c.score());
                            }
                            return absl::StrCat("<mark class=\"", kind, "\" title=\"",
                                                HtmlEscape(title), "\">", HtmlEscape(written),
                                                "</mark>");
                          },
                          [](absl::string_view plain) { return HtmlEscape(plain); })
                << "</pre>\n";
    } else {
      if (documents.size() > 1) std::cout << "== " << name << "\n";
      std::cout << Marked(text, response,
                          [](const v1::Mention& m, absl::string_view written) {
                            return absl::StrCat("[", written, "]{", MentionTarget(m), "}");
                          },
                          [](absl::string_view plain) { return std::string(plain); });
      if (!text.empty() && text.back() != '\n') std::cout << "\n";
      std::cout << "--\n";
      for (const v1::Mention& m : response.mentions()) {
        std::cout << absl::StrFormat("%d-%d\t%s\t%.2f\t%s", m.begin_char(), m.end_char(),
                                     MentionTarget(m), m.score(), m.text());
        if (!m.candidates().empty() &&
            m.candidates(0).match().method() == v1::Match::METHOD_COREFERENCE) {
          std::cout << "\t(coreference)";
        }
        std::cout << "\n";
      }
    }
    std::cout.flush();
  }
  if (o.html) std::cout << "</body></html>\n";
  return {rejected == 0 ? kExitOk : kExitNotFound, ""};
}

// The commands, in the order --help lists them.
struct Command {
  const char* name;
  const char* synopsis;  // What follows the command name.
  const char* summary;   // For --help; may run over several lines, each indented by the caller.
  Exit (*run)(Client& client, const Options& options, const std::vector<std::string>& args);
};

constexpr Command kCommands[] = {
    {"resolve", "QUERY...", "resolve names; with no QUERY, one per line from stdin", Resolve},
    {"entity", "ID...", "show entities by canonical ID (e.g. place/kp/kaesong)", Entity},
    {"info", "", "describe the server and its tables", Info},
    {"hangul", "NAME...",
     "the likeliest Hangul of Korean names, romanized or in\n"
     "Hanja, kana or Cyrillic (--kind person, place or text,\n"
     "default person; --country KP or KR when you know whose\n"
     "names they are; names the catalog knows read as it has\n"
     "them unless --skip_catalog); with no NAME, one per stdin line",
     ToHangul},
    {"compare", "A B",
     "whether two spellings are the same Korean name; with no\n"
     "arguments, one tab-separated pair per stdin line",
     Compare},
    {"romanize", "TEXT...",
     "write Hangul in a romanization system (--system; --kind\n"
     "text, person or place, default place); with no TEXT, one\n"
     "text per line from stdin, one line out per line in",
     Romanize},
    {"annotate", "[FILE...]",
     "the Korean persons, places and organizations a text\n"
     "mentions, linked, and Korean names no table knows (stdin\n"
     "when no FILE): the text marked [name]{ID}, then a list;\n"
     "--json, --html",
     Annotate},
};

std::string CommandNames() {
  std::vector<std::string> names;
  for (const Command& c : kCommands) names.push_back(c.name);
  return absl::StrCat(absl::StrJoin(names.begin(), names.end() - 1, ", "), " or ", names.back());
}

// --help: the commands from kCommands, then kUsage.
std::string UsageMessage() {
  constexpr int kColumn = 34;
  std::string out = "the irum client: resolves Korean names in any romanization to canonical IDs.\n\nUsage:\n";
  for (const Command& c : kCommands) {
    std::string head = absl::StrCat("  irum [flags] ", c.name, c.synopsis[0] ? " " : "", c.synopsis);
    head.resize(std::max<size_t>(head.size() + 1, kColumn), ' ');
    std::vector<std::string> lines = absl::StrSplit(c.summary, '\n');
    absl::StrAppend(&out, head, lines[0], "\n");
    for (size_t i = 1; i < lines.size(); ++i) {
      absl::StrAppend(&out, std::string(kColumn, ' '), lines[i], "\n");
    }
  }
  return absl::StrCat(out, kUsage);
}

}  // namespace

int main(int argc, char** argv) {
  const std::string usage = UsageMessage();
  absl::SetProgramUsageMessage(usage);
  absl::FlagsUsageConfig config;
  config.version_string = [] { return std::string("irum ") + IRUM_VERSION + "\n"; };
  absl::SetFlagsUsageConfig(config);
  std::vector<char*> positional = absl::ParseCommandLine(argc, argv);
  if (positional.size() < 2) {
    std::cerr << "irum: missing command (" << CommandNames() << "); see irum --help\n";
    return kExitUsage;
  }
  const std::string name = positional[1];
  const std::vector<std::string> args(positional.begin() + 2, positional.end());
  const Command* command = nullptr;
  for (const Command& c : kCommands) {
    if (name == c.name) command = &c;
  }
  if (command == nullptr) {
    std::cerr << "irum: unknown command '" << name << "' (expected " << CommandNames()
              << "); see irum --help\n";
    return kExitUsage;
  }
  absl::StatusOr<Options> options = ReadFlags();
  if (!options.ok()) {
    std::cerr << "irum: " << options.status().message() << "\n";
    return kExitUsage;
  }
  Client client(*options);
  const Exit exit = command->run(client, *options, args);
  std::cout.flush();
  if (!exit.message.empty()) std::cerr << "irum: " << exit.message << "\n";
  return exit.code;
}
