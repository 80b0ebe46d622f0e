// irumd: the irum gRPC server. Loads the tables, serves irum.v1.Irum, reloads on SIGHUP, stops
// cleanly on SIGINT or SIGTERM.
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>

#include <grpcpp/grpcpp.h>
#include <unicode/uversion.h>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "server/base/connection_guard.h"
#include "server/base/process.h"
#include "server/catalog/table_reader.h"
#include "server/loader/table_files.h"
#include "server/service/protobuf_log.h"
#include "server/service/server.h"
#include "server/text/normalize.h"

ABSL_FLAG(std::string, listen, "127.0.0.1:50051",
          "Address to listen on, host:port. Port 0 picks a free port. Use 0.0.0.0:PORT to accept "
          "connections from other machines.");
ABSL_FLAG(std::string, metrics_listen, "",
          "Serve Prometheus metrics over HTTP at http://HOST:PORT/metrics (calls and errors by "
          "method and code, latency histograms, the tables' version and entity counts, reloads; "
          "README.md lists them). Port 0 picks a free port. Empty (the default): no metrics.");
ABSL_FLAG(std::string, tables, "tables",
          "Directory holding the curated tables (*.tsv): every table file of the bundled set "
          "(tables/) must be there, and others may be added.");
ABSL_FLAG(bool, check, false,
          "Validate the tables, print every problem as 'file:line: error|warning [rule]: "
          "message', and exit without serving: status 0 when there is no error (warnings do not "
          "fail), 1 when there is one.");
ABSL_FLAG(std::string, base_tables, "",
          "With --check: a directory holding an earlier version of the tables (scripts/check-tables "
          "--base REV checks one out); every ID it has must still be in use or listed in "
          "retired.tsv.");
ABSL_FLAG(int, max_query_chars, 256,
          "Longest query accepted, in Unicode characters, counted as sent and again after "
          "Unicode compatibility normalization (NFKC expands some characters: ⅷ -> viii).");
ABSL_FLAG(int, max_batch_queries, 1000,
          "Most items in one batch call: queries of BatchResolve, texts of Romanize, names of "
          "ToHangul, pairs of Compare.");
ABSL_FLAG(int, max_text_chars, 4096, "Longest text Romanize accepts, in Unicode characters.");
ABSL_FLAG(int, max_document_bytes, 1 << 20,
          "Longest text Annotate accepts, in UTF-8 bytes (a request must also fit "
          "--max_message_bytes).");
ABSL_FLAG(int, default_results, 10, "Candidates returned when a request does not say how many.");
ABSL_FLAG(int, max_results, 100, "Most candidates returned for one query, whatever is asked.");
ABSL_FLAG(int, max_message_bytes, 4 << 20, "Largest request accepted, in bytes.");
ABSL_FLAG(int64_t, max_response_bytes, 16 << 20,
          "Largest answer built, in serialized bytes: a call whose answer would be larger fails "
          "with RESOURCE_EXHAUSTED (a batch stops at the item that crosses it). The default, four "
          "times --max_message_bytes's default, passes every proportionate answer (Romanize's are "
          "two to three times its request) and bounds what a small request can make the server "
          "build; raise it with --max_message_bytes.");
ABSL_FLAG(bool, watch, false,
          "Reload the tables when a *.tsv file in --tables changes (added, removed, edited or "
          "replaced), as SIGHUP does: calls in flight finish on the tables they started with, and "
          "tables with errors are reported while the previous ones keep serving.");
ABSL_FLAG(absl::Duration, watch_interval, absl::Milliseconds(250),
          "With --watch: how often the table files are looked at.");
ABSL_FLAG(absl::Duration, watch_quiet, absl::Milliseconds(500),
          "With --watch: how long the files must stay unchanged before the reload, so that a save "
          "in several steps (or a git checkout) gives one reload.");
ABSL_FLAG(double, reload_max_loss, 0.05,
          "A reload (SIGHUP or --watch) is refused, and the previous tables keep serving, when "
          "more than this share of the entities served would be lost (their IDs neither in the "
          "new tables nor retired in them). 1 accepts any loss; the first load has no limit, so a "
          "restart serves smaller tables on purpose.");
ABSL_FLAG(int, max_connections, 10000,
          "Most client connections open at once; one more is closed as soon as it is accepted. "
          "Lowered to the open files limit (raised at start to the hard limit, `ulimit -Hn`) minus "
          "64 descriptors kept for the rest. When descriptors run out anyway, waiting connections "
          "are closed and the server keeps accepting.");
ABSL_FLAG(int, max_streams_per_connection, 256,
          "Calls one connection may have open at once (streams included); a client past it waits "
          "for one of its calls to end. Open more connections for more parallel calls.");
ABSL_FLAG(absl::Duration, handshake_timeout, absl::Seconds(10),
          "A connection that has not begun speaking HTTP/2 (gRPC) within this is closed.");
ABSL_FLAG(absl::Duration, max_connection_idle, absl::Minutes(5),
          "A connection without a call for this long is closed (clients reconnect when they next "
          "call). 'inf' keeps idle connections.");
ABSL_FLAG(absl::Duration, max_connection_age, absl::Minutes(30),
          "A connection is asked to close after this long, so that clients re-resolve and spread "
          "over replicas; its calls then have --max_connection_age_grace to finish (streams "
          "included). 'inf' turns it off.");
ABSL_FLAG(absl::Duration, max_connection_age_grace, absl::Minutes(1),
          "See --max_connection_age.");
ABSL_FLAG(absl::Duration, keepalive_time, absl::Minutes(1),
          "The server pings a connection silent for this long, and closes it when the answer "
          "takes longer than --keepalive_timeout (a client gone without closing).");
ABSL_FLAG(absl::Duration, keepalive_timeout, absl::Seconds(20), "See --keepalive_time.");
ABSL_FLAG(std::string, tls_cert, "",
          "PEM file of the server's certificate (then its intermediates): serve over TLS. Needs "
          "--tls_key. Without it the server speaks plaintext.");
ABSL_FLAG(std::string, tls_key, "", "PEM file of the private key of --tls_cert.");
ABSL_FLAG(std::string, tls_client_ca, "",
          "With --tls_cert: PEM file of the CA certificates that sign client certificates; a "
          "client without a certificate signed by one of them is refused (mutual TLS).");
ABSL_FLAG(bool, insecure, false,
          "Allow plaintext (no --tls_cert) on an address that other machines can reach (anything "
          "but 127.0.0.0/8, ::1, localhost and unix: sockets), e.g. behind a service mesh that "
          "encrypts. Without it irumd refuses to start so; with it, it logs a warning.");
ABSL_FLAG(bool, reflection, true,
          "Serve gRPC server reflection (grpc.reflection.v1alpha), which lists the services and "
          "their messages to any client. --reflection=false turns it off.");
ABSL_FLAG(absl::Duration, shutdown_grace, absl::Seconds(5),
          "On SIGINT/SIGTERM, how long running calls may take to finish. Meanwhile new connections "
          "are closed at once and new calls (and the next request of a stream) are answered "
          "UNAVAILABLE; after it, batches stop before their next item (UNAVAILABLE) and what is "
          "left a second later is cancelled. Idle connections do not delay the exit.");

namespace {

constexpr char kProgram[] = "irumd";
// Descriptors --max_connections leaves for what is not a client connection: gRPC's own (epoll,
// wakeup descriptors), the table files a reload reads, the connection guard's reserve.
constexpr int64_t kReservedDescriptors = 64;

// Protobuf's log lines a minute at most (one for each request with a string that is not UTF-8).
constexpr int kProtobufLogLinesPerMinute = 10;

std::string VersionString() {
  return absl::StrCat(kProgram, " ", IRUM_VERSION, " (gRPC ", grpc::Version(), ", ICU ",
                      U_ICU_VERSION, ")");
}

int Fail(const std::string& message) {
  std::cerr << kProgram << ": " << message << std::endl;
  return 1;
}

// Validates the tables like the server would load them, printing every problem; with `base_dir`,
// also that no ID of that earlier version was removed without a redirect.
int CheckTables(const std::string& dir, const std::string& base_dir,
                const irum::text::Normalizer& normalizer) {
  absl::StatusOr<irum::loader::CheckedTables> checked =
      irum::loader::CheckTables(dir, normalizer, base_dir);
  if (!checked.ok()) return Fail(std::string(checked.status().message()));
  for (const irum::catalog::Diagnostic& d : checked->errors) std::cerr << d.ToString() << "\n";
  for (const irum::catalog::Diagnostic& d : checked->warnings) std::cerr << d.ToString() << "\n";
  if (!checked->errors.empty()) {
    std::cerr << checked->errors.size() << " error(s), " << checked->warnings.size()
              << " warning(s) in " << dir << std::endl;
    return 1;
  }
  const irum::catalog::Catalog& catalog = *checked->catalog;
  std::cout << dir << ": " << catalog.entities().size() << " entities ("
            << catalog.CountOfKind(irum::catalog::EntityKind::kPerson) << " persons, "
            << catalog.CountOfKind(irum::catalog::EntityKind::kPlace) << " places, "
            << catalog.CountOfKind(irum::catalog::EntityKind::kOrganization)
            << " organizations), " << catalog.retired_count() << " retired IDs, "
            << catalog.pronunciation_count() << " pronunciation exceptions, "
            << catalog.surname_count() << " surnames in " << checked->table_count << " tables, "
            << catalog.key_count() << " keys, version " << catalog.version() << ": OK";
  if (!checked->warnings.empty()) std::cout << " (" << checked->warnings.size() << " warning(s))";
  std::cout << std::endl;
  return 0;
}

double Megabytes(int64_t bytes) { return static_cast<double>(bytes) / (1 << 20); }

// Loads the tables again and, when they are valid, serves them; reports the outcome on
// stdout/stderr and to GetInfo.
void Reload(const std::string& dir, const irum::text::Normalizer& normalizer,
            const std::string& trigger, double max_loss, irum::service::IrumServer& server) {
  const absl::Time start = absl::Now();
  absl::StatusOr<irum::loader::CheckedTables> checked = irum::loader::CheckTables(dir, normalizer);
  irum::service::ReloadReport report;
  report.trigger = trigger;
  report.took = absl::Now() - start;
  report.at = absl::Now();
  if (!checked.ok()) {
    report.error = std::string(checked.status().message());
  } else if (!checked->errors.empty()) {
    report.error = std::string(irum::catalog::ErrorsToStatus(checked->errors).message());
  } else if (absl::Status loss = irum::loader::CheckReloadLoss(*server.service().catalog(),
                                                               *checked->catalog, max_loss);
             !loss.ok()) {
    report.error = std::string(loss.message());
    report.refused = true;
    report.table_version = checked->catalog->version();
  }
  if (!report.error.empty()) {
    std::cerr << kProgram << ": reload (" << trigger
              << ") failed, still serving the previous tables:\n"
              << report.error << std::endl;
    server.service().RecordReload(std::move(report));
    return;
  }
  std::shared_ptr<const irum::catalog::Catalog> catalog = std::move(checked->catalog);
  report.ok = true;
  report.table_version = catalog->version();
  const size_t entities = catalog->entities().size();
  server.service().SetCatalog(std::move(catalog), report.took);
  server.service().RecordReload(report);
  std::cout << kProgram << ": reloaded (" << trigger << ") " << entities << " entities (tables "
            << report.table_version << ") in " << absl::FormatDuration(report.took) << std::endl;
}

// The contents of the file --`flag` names, into `*text`; false (and a message) when it cannot be
// read or is empty.
bool ReadFlagFile(const char* flag, const std::string& path, std::string* text) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream contents;
  contents << in.rdbuf();
  if (!in || contents.str().empty()) {
    std::cerr << kProgram << ": cannot read --" << flag << " file '" << path << "'" << std::endl;
    return false;
  }
  *text = contents.str();
  return true;
}

bool Positive(const char* name, int64_t value) {
  if (value > 0) return true;
  std::cerr << kProgram << ": --" << name << " must be positive, got " << value << std::endl;
  return false;
}

bool Positive(const char* name, absl::Duration value) {
  if (value > absl::ZeroDuration()) return true;
  std::cerr << kProgram << ": --" << name << " must be positive, got "
            << absl::FormatDuration(value) << std::endl;
  return false;
}

}  // namespace

// The glibc tunable (2.35 and later; older versions ignore it) by which malloc backs its memory
// with transparent huge pages (2 MiB: madvise(MADV_HUGEPAGE) on what it maps). Tunables are read
// only as a process starts.
constexpr char kHugePageTunable[] = "glibc.malloc.hugetlb=1";

// Starts irumd again, same arguments, with kHugePageTunable, unless GLIBC_TUNABLES is set already
// (that choice stands: GLIBC_TUNABLES=glibc.malloc.hugetlb=0 keeps 4 KiB pages). Returns when it
// does not (set already, or the exec failed: irumd then runs on as it is).
// Why: loading a catalog first touches all of its memory, a gigabyte at a million entities, and
// each 4 KiB page first touched is a page fault; on the virtual machines of docs/performance.md a
// fault costs about 20 us, and the 380,000 of a million-entity load took 5 to 7 of its 12 to 18
// seconds. With huge pages, 17,000 faults. Resident memory is the same.
void ExecWithHugePages(char** argv) {
  if (std::getenv("GLIBC_TUNABLES") != nullptr) return;
  if (::setenv("GLIBC_TUNABLES", kHugePageTunable, 1) != 0) return;
  ::execv("/proc/self/exe", argv);
  ::unsetenv("GLIBC_TUNABLES");
}

int main(int argc, char** argv) {
  ExecWithHugePages(argv);
  // Debian builds Abseil without NDEBUG, so every absl::Mutex (gRPC's own included) kept the
  // deadlock detector's graph of lock order up to date on each lock: Abseil's mutex code was 7.3%
  // of irumd's samples under unary Resolve with it, 2.1% without (perf). The tests keep it on.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  absl::SetProgramUsageMessage(
      "the irum name-resolution server.\n\n"
      "Usage: irumd [--listen=127.0.0.1:50051] [--tables=tables] [flags]\n"
      "       irumd --check [--tables=DIR] [--base_tables=DIR]\n"
      "                                         validate the tables and exit\n\n"
      "Serves irum.v1.Irum (see proto/irum/v1/irum.proto), grpc.health.v1.Health and server\n"
      "reflection. SIGHUP (or, with --watch, a change to a table file) reloads the tables: tables\n"
      "with errors, a directory without one of the bundled set's table files, or tables that\n"
      "would lose more entities than --reload_max_loss allows are reported and the old tables\n"
      "keep serving. SIGINT or SIGTERM stop the server: calls running get --shutdown_grace to\n"
      "finish, new calls are answered UNAVAILABLE, and idle connections do not delay the exit.\n\n"
      "At start the soft limit on open files is raised to the hard limit (both logged); at most\n"
      "--max_connections connections are open at once, each with at most\n"
      "--max_streams_per_connection calls, and connections that are silent\n"
      "(--handshake_timeout), idle (--max_connection_idle), old (--max_connection_age) or dead\n"
      "(--keepalive_time) are closed.\n\n"
      "TLS: --tls_cert and --tls_key; with --tls_client_ca, mutual TLS (clients need a\n"
      "certificate signed by that CA). Plaintext on an address other machines can reach (not\n"
      "loopback) needs --insecure. Reflection is on unless --reflection=false.\n\n"
      "Metrics: --metrics_listen=HOST:PORT serves Prometheus metrics at /metrics on a port of\n"
      "their own (plain HTTP); the second line of stdout then says where.\n\n"
      "Memory: irumd starts itself again with GLIBC_TUNABLES=glibc.malloc.hugetlb=1 (transparent\n"
      "huge pages: a million entities load in half the time) unless GLIBC_TUNABLES is set.");
  std::vector<char*> rest = absl::ParseCommandLine(argc, argv);
  if (rest.size() > 1) {
    std::cerr << kProgram << ": unexpected argument '" << rest[1] << "' (see --help)" << std::endl;
    return 2;
  }
  if (!Positive("max_query_chars", absl::GetFlag(FLAGS_max_query_chars)) ||
      !Positive("max_batch_queries", absl::GetFlag(FLAGS_max_batch_queries)) ||
      !Positive("max_text_chars", absl::GetFlag(FLAGS_max_text_chars)) ||
      !Positive("max_document_bytes", absl::GetFlag(FLAGS_max_document_bytes)) ||
      !Positive("default_results", absl::GetFlag(FLAGS_default_results)) ||
      !Positive("max_results", absl::GetFlag(FLAGS_max_results)) ||
      !Positive("max_message_bytes", absl::GetFlag(FLAGS_max_message_bytes)) ||
      !Positive("max_response_bytes", absl::GetFlag(FLAGS_max_response_bytes)) ||
      !Positive("max_connections", absl::GetFlag(FLAGS_max_connections)) ||
      !Positive("max_streams_per_connection", absl::GetFlag(FLAGS_max_streams_per_connection)) ||
      !Positive("handshake_timeout", absl::GetFlag(FLAGS_handshake_timeout)) ||
      !Positive("max_connection_idle", absl::GetFlag(FLAGS_max_connection_idle)) ||
      !Positive("max_connection_age", absl::GetFlag(FLAGS_max_connection_age)) ||
      !Positive("max_connection_age_grace", absl::GetFlag(FLAGS_max_connection_age_grace)) ||
      !Positive("keepalive_time", absl::GetFlag(FLAGS_keepalive_time)) ||
      !Positive("keepalive_timeout", absl::GetFlag(FLAGS_keepalive_timeout))) {
    return 2;
  }
  const std::string tls_cert = absl::GetFlag(FLAGS_tls_cert);
  const std::string tls_key = absl::GetFlag(FLAGS_tls_key);
  const std::string tls_client_ca = absl::GetFlag(FLAGS_tls_client_ca);
  if (tls_cert.empty() != tls_key.empty()) {
    std::cerr << kProgram << ": --tls_cert and --tls_key go together" << std::endl;
    return 2;
  }
  if (!tls_client_ca.empty() && tls_cert.empty()) {
    std::cerr << kProgram << ": --tls_client_ca needs --tls_cert and --tls_key" << std::endl;
    return 2;
  }
  const std::string listen = absl::GetFlag(FLAGS_listen);
  const bool exposed_plaintext = tls_cert.empty() && !irum::service::IsLoopbackAddress(listen);
  if (exposed_plaintext && !absl::GetFlag(FLAGS_insecure) && !absl::GetFlag(FLAGS_check)) {
    std::cerr << kProgram << ": --listen=" << listen
              << " can be reached from other machines: serve it over TLS (--tls_cert, --tls_key) "
                 "or pass --insecure to serve plaintext"
              << std::endl;
    return 2;
  }
  const double max_loss = absl::GetFlag(FLAGS_reload_max_loss);
  if (!(max_loss >= 0 && max_loss <= 1)) {  // NaN too.
    std::cerr << kProgram << ": --reload_max_loss must be from 0 to 1, got " << max_loss
              << std::endl;
    return 2;
  }

  absl::StatusOr<irum::text::Normalizer> normalizer = irum::text::Normalizer::Create();
  if (!normalizer.ok()) return Fail(std::string(normalizer.status().message()));
  const std::string tables_dir = absl::GetFlag(FLAGS_tables);
  if (absl::GetFlag(FLAGS_check)) {
    return CheckTables(tables_dir, absl::GetFlag(FLAGS_base_tables), *normalizer);
  }

  irum::service::LimitProtobufLogging(kProtobufLogLinesPerMinute);

  // Signals are taken synchronously by this thread (sigwait below); block them before gRPC starts
  // its threads so that they inherit the mask.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  // Descriptors: gRPC's listener stops for good when it runs out (accept4 failing with EMFILE), so
  // take all the system allows, cap the connections below it and guard the listener.
  const irum::base::OpenFileLimit limit_before = irum::base::RaiseOpenFileLimit();
  const irum::base::OpenFileLimit limit = irum::base::GetOpenFileLimit();
  int64_t max_connections = absl::GetFlag(FLAGS_max_connections);
  if (limit.soft > 0) {
    max_connections = std::min(max_connections, std::max<int64_t>(1, limit.soft - kReservedDescriptors));
  }
  const bool reserve = irum::base::GuardConnections(static_cast<int>(max_connections));
  std::cerr << kProgram << ": open files limit " << limit.soft << " (was " << limit_before.soft
            << ", hard limit " << limit.hard << "); at most " << max_connections
            << " connections open at once" << (reserve ? "" : " (no reserve descriptor)")
            << std::endl;

  const absl::Time load_start = absl::Now();
  absl::StatusOr<std::shared_ptr<const irum::catalog::Catalog>> catalog =
      irum::loader::LoadCatalog(tables_dir, *normalizer);
  if (!catalog.ok()) {
    return Fail(absl::StrCat("cannot load tables:\n", catalog.status().message()));
  }
  const absl::Duration load_time = absl::Now() - load_start;
  // The log (stderr): stdout's first line is the "serving" line that scripts read the address from.
  std::cerr << kProgram << ": loaded " << (*catalog)->entities().size() << " entities from "
            << tables_dir << " in " << absl::FormatDuration(load_time) << "; resident memory "
            << absl::StrFormat("%.1f", Megabytes(irum::base::ResidentBytes())) << " MB"
            << std::endl;
  if ((*catalog)->english_word_count() == 0) {
    std::cerr << kProgram << ": warning: no English lexicon at " << irum::loader::kEnglishLexiconPath
              << " (Debian package wamerican): Annotate judges unknown names by the decoder alone"
              << std::endl;
  }
  if ((*catalog)->korean_word_count() == 0) {
    std::cerr << kProgram << ": warning: no Korean lexicon at " << irum::loader::kKoreanLexiconPath
              << " (Debian package hunspell-ko): Annotate links a person's two-syllable name that "
                 "is also a word (조국) without a title after it too"
              << std::endl;
  }

  irum::service::ServerOptions options;
  options.listen_address = listen;
  options.max_receive_message_bytes = absl::GetFlag(FLAGS_max_message_bytes);
  options.service.limits.max_query_chars = absl::GetFlag(FLAGS_max_query_chars);
  options.service.max_batch_queries = absl::GetFlag(FLAGS_max_batch_queries);
  options.service.limits.max_text_chars = absl::GetFlag(FLAGS_max_text_chars);
  options.service.limits.max_document_bytes = absl::GetFlag(FLAGS_max_document_bytes);
  options.service.default_max_results =
      std::min(absl::GetFlag(FLAGS_default_results), absl::GetFlag(FLAGS_max_results));
  options.service.max_results_limit = absl::GetFlag(FLAGS_max_results);
  options.service.max_response_bytes = absl::GetFlag(FLAGS_max_response_bytes);
  options.service.server_version = VersionString();
  options.reflection = absl::GetFlag(FLAGS_reflection);
  options.metrics.listen_address = absl::GetFlag(FLAGS_metrics_listen);
  options.metrics.connection_guard = true;
  if (!tls_cert.empty() &&
      (!ReadFlagFile("tls_cert", tls_cert, &options.tls.cert_chain) ||
       !ReadFlagFile("tls_key", tls_key, &options.tls.private_key) ||
       (!tls_client_ca.empty() &&
        !ReadFlagFile("tls_client_ca", tls_client_ca, &options.tls.client_ca)))) {
    return 1;
  }
  std::cerr << kProgram << ": "
            << (tls_cert.empty() ? "plaintext (no --tls_cert)"
                : tls_client_ca.empty() ? "TLS"
                                        : "mutual TLS (client certificates required)")
            << (options.reflection ? ", reflection on" : ", reflection off") << std::endl;
  if (exposed_plaintext) {
    std::cerr << kProgram << ": warning: --insecure: serving plaintext on " << listen
              << ", which other machines can reach: anyone on the network can read and send calls"
              << std::endl;
  }
  options.service.open_files_limit = limit.soft;
  options.service.max_connections = max_connections;
  options.connections.max_streams = absl::GetFlag(FLAGS_max_streams_per_connection);
  options.connections.handshake_timeout = absl::GetFlag(FLAGS_handshake_timeout);
  options.connections.max_idle = absl::GetFlag(FLAGS_max_connection_idle);
  options.connections.max_age = absl::GetFlag(FLAGS_max_connection_age);
  options.connections.max_age_grace = absl::GetFlag(FLAGS_max_connection_age_grace);
  options.connections.keepalive_time = absl::GetFlag(FLAGS_keepalive_time);
  options.connections.keepalive_timeout = absl::GetFlag(FLAGS_keepalive_timeout);

  const size_t entity_count = (*catalog)->entities().size();
  const std::string version = (*catalog)->version();
  absl::StatusOr<std::unique_ptr<irum::service::IrumServer>> server =
      irum::service::IrumServer::Start(options, *std::move(catalog), load_time);
  if (!server.ok()) return Fail(std::string(server.status().message()));

  const bool watch = absl::GetFlag(FLAGS_watch);
  std::optional<irum::loader::TableWatcher> watcher;
  if (watch) watcher.emplace(tables_dir, absl::GetFlag(FLAGS_watch_quiet));
  std::cout << kProgram << ": serving " << entity_count << " entities (tables " << version
            << ") on " << (*server)->address() << (watch ? ", watching " + tables_dir : "")
            << std::endl;
  if (!(*server)->metrics_address().empty()) {
    std::cout << kProgram << ": metrics on http://" << (*server)->metrics_address() << "/metrics"
              << std::endl;
  }

  const timespec interval = absl::ToTimespec(absl::GetFlag(FLAGS_watch_interval));
  for (;;) {
    int signal_number = 0;
    if (watch) {
      signal_number = sigtimedwait(&signals, nullptr, &interval);
      if (signal_number < 0) {  // Timed out (or interrupted): look at the files.
        if (watcher->Poll(absl::Now())) {
          Reload(tables_dir, *normalizer, "watch", max_loss, **server);
        }
        continue;
      }
    } else if (sigwait(&signals, &signal_number) != 0) {
      continue;
    }
    if (signal_number != SIGHUP) break;
    if (watcher) watcher->MarkLoaded();
    Reload(tables_dir, *normalizer, "signal", max_loss, **server);
  }
  std::cout << kProgram << ": shutting down" << std::endl;
  irum::base::RefuseNewConnections();  // Clients connecting now go to another server at once.
  (*server)->Drain(absl::GetFlag(FLAGS_shutdown_grace));
  // Every call is answered: close the connections, so that no call a client sends in the last
  // instant is cancelled by gRPC's stop (its client sees the connection closed: UNAVAILABLE), and
  // idle connections do not hold the stop.
  irum::base::CloseConnections();
  (*server)->Shutdown(absl::ZeroDuration());
  std::cout << kProgram << ": stopped" << std::endl;
  return 0;
}
