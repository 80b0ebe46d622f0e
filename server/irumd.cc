// irumd: the irum gRPC server. Loads the tables, serves irum.v1.Irum, reloads on SIGHUP, stops
// cleanly on SIGINT or SIGTERM.
#include <signal.h>

#include <cstdio>
#include <iostream>
#include <memory>
#include <string>

#include <grpcpp/grpcpp.h>
#include <unicode/uversion.h>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "server/catalog/table_reader.h"
#include "server/loader/table_files.h"
#include "server/service/server.h"
#include "server/text/normalize.h"

ABSL_FLAG(std::string, listen, "127.0.0.1:50051",
          "Address to listen on, host:port. Port 0 picks a free port. Use 0.0.0.0:PORT to accept "
          "connections from other machines.");
ABSL_FLAG(std::string, tables, "tables", "Directory holding the curated tables (*.tsv).");
ABSL_FLAG(bool, check, false,
          "Validate the tables, print every problem as file:line: message, and exit (status 0 "
          "when valid, 1 when not) without serving.");
ABSL_FLAG(int, max_query_chars, 256, "Longest query accepted, in Unicode characters.");
ABSL_FLAG(int, max_batch_queries, 1000,
          "Most items in one batch call: queries of BatchResolve, texts of Romanize, names of "
          "ToHangul, pairs of Compare.");
ABSL_FLAG(int, max_text_chars, 4096, "Longest text Romanize accepts, in Unicode characters.");
ABSL_FLAG(int, default_results, 10, "Candidates returned when a request does not say how many.");
ABSL_FLAG(int, max_results, 100, "Most candidates returned for one query, whatever is asked.");
ABSL_FLAG(int, max_message_bytes, 4 << 20, "Largest request accepted, in bytes.");
ABSL_FLAG(absl::Duration, shutdown_grace, absl::Seconds(5),
          "On SIGINT/SIGTERM, how long running calls may take to finish before they are cancelled.");

namespace {

constexpr char kProgram[] = "irumd";

std::string VersionString() {
  return absl::StrCat(kProgram, " ", IRUM_VERSION, " (gRPC ", grpc::Version(), ", ICU ",
                      U_ICU_VERSION, ")");
}

int Fail(const std::string& message) {
  std::cerr << kProgram << ": " << message << std::endl;
  return 1;
}

// Validates the tables like the server would load them, printing every problem.
int CheckTables(const std::string& dir, const irum::text::Normalizer& normalizer) {
  absl::StatusOr<std::vector<irum::catalog::TableText>> tables = irum::loader::ReadTableFiles(dir);
  if (!tables.ok()) return Fail(std::string(tables.status().message()));
  irum::catalog::ParsedTables parsed = irum::catalog::ParseTables(*tables, normalizer);
  for (const irum::catalog::Diagnostic& d : parsed.errors) std::cerr << d.ToString() << "\n";
  if (!parsed.errors.empty()) {
    std::cerr << parsed.errors.size() << " problem(s) in " << dir << std::endl;
    return 1;
  }
  absl::StatusOr<std::shared_ptr<const irum::catalog::Catalog>> catalog =
      irum::catalog::Catalog::Build(std::move(parsed.entities),
                                    irum::loader::TableVersion(*tables), normalizer,
                                    parsed.language);
  if (!catalog.ok()) return Fail(std::string(catalog.status().message()));
  std::cout << dir << ": " << (*catalog)->entities().size() << " entities and "
            << (*catalog)->pronunciation_count() << " pronunciation exceptions, "
            << (*catalog)->surname_count() << " surnames in " << tables->size()
            << " tables, " << (*catalog)->key_count() << " keys, version " << (*catalog)->version()
            << ": OK" << std::endl;
  return 0;
}

bool Positive(const char* name, int value) {
  if (value > 0) return true;
  std::cerr << kProgram << ": --" << name << " must be positive, got " << value << std::endl;
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "the irum name-resolution server.\n\n"
      "Usage: irumd [--listen=127.0.0.1:50051] [--tables=tables] [flags]\n"
      "       irumd --check [--tables=DIR]     validate the tables and exit\n\n"
      "Serves irum.v1.Irum (see proto/irum/v1/irum.proto), grpc.health.v1.Health and server\n"
      "reflection. SIGHUP reloads the tables (a table with errors is reported and the old tables\n"
      "keep serving); SIGINT or SIGTERM stop the server.");
  std::vector<char*> rest = absl::ParseCommandLine(argc, argv);
  if (rest.size() > 1) {
    std::cerr << kProgram << ": unexpected argument '" << rest[1] << "' (see --help)" << std::endl;
    return 2;
  }
  if (!Positive("max_query_chars", absl::GetFlag(FLAGS_max_query_chars)) ||
      !Positive("max_batch_queries", absl::GetFlag(FLAGS_max_batch_queries)) ||
      !Positive("max_text_chars", absl::GetFlag(FLAGS_max_text_chars)) ||
      !Positive("default_results", absl::GetFlag(FLAGS_default_results)) ||
      !Positive("max_results", absl::GetFlag(FLAGS_max_results)) ||
      !Positive("max_message_bytes", absl::GetFlag(FLAGS_max_message_bytes))) {
    return 2;
  }

  absl::StatusOr<irum::text::Normalizer> normalizer = irum::text::Normalizer::Create();
  if (!normalizer.ok()) return Fail(std::string(normalizer.status().message()));
  const std::string tables_dir = absl::GetFlag(FLAGS_tables);
  if (absl::GetFlag(FLAGS_check)) return CheckTables(tables_dir, *normalizer);

  // Signals are taken synchronously by this thread (sigwait below); block them before gRPC starts
  // its threads so that they inherit the mask.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  absl::StatusOr<std::shared_ptr<const irum::catalog::Catalog>> catalog =
      irum::loader::LoadCatalog(tables_dir, *normalizer);
  if (!catalog.ok()) {
    return Fail(absl::StrCat("cannot load tables:\n", catalog.status().message()));
  }

  irum::service::ServerOptions options;
  options.listen_address = absl::GetFlag(FLAGS_listen);
  options.max_receive_message_bytes = absl::GetFlag(FLAGS_max_message_bytes);
  options.service.limits.max_query_chars = absl::GetFlag(FLAGS_max_query_chars);
  options.service.max_batch_queries = absl::GetFlag(FLAGS_max_batch_queries);
  options.service.max_text_chars = absl::GetFlag(FLAGS_max_text_chars);
  options.service.default_max_results =
      std::min(absl::GetFlag(FLAGS_default_results), absl::GetFlag(FLAGS_max_results));
  options.service.max_results_limit = absl::GetFlag(FLAGS_max_results);
  options.service.server_version = VersionString();

  const size_t entity_count = (*catalog)->entities().size();
  const std::string version = (*catalog)->version();
  absl::StatusOr<std::unique_ptr<irum::service::IrumServer>> server =
      irum::service::IrumServer::Start(options, *std::move(catalog));
  if (!server.ok()) return Fail(std::string(server.status().message()));
  std::cout << kProgram << ": serving " << entity_count << " entities (tables " << version
            << ") on " << (*server)->address() << std::endl;

  for (;;) {
    int signal_number = 0;
    if (sigwait(&signals, &signal_number) != 0) continue;
    if (signal_number != SIGHUP) break;
    absl::StatusOr<std::shared_ptr<const irum::catalog::Catalog>> next =
        irum::loader::LoadCatalog(tables_dir, *normalizer);
    if (!next.ok()) {
      std::cerr << kProgram << ": reload failed, still serving the previous tables:\n"
                << next.status().message() << std::endl;
      continue;
    }
    std::cout << kProgram << ": reloaded " << (*next)->entities().size() << " entities (tables "
              << (*next)->version() << ")" << std::endl;
    (*server)->service().SetCatalog(*std::move(next));
  }
  std::cout << kProgram << ": shutting down" << std::endl;
  (*server)->Shutdown(absl::GetFlag(FLAGS_shutdown_grace));
  std::cout << kProgram << ": stopped" << std::endl;
  return 0;
}
