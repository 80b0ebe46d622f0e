// Whole requests through the real server, from bytes: the first byte picks a method of irum.v1.Irum
// (or the health check), the rest is cut into messages, each a length byte and that many bytes,
// sent as they are (well-formed requests or not): one to a unary method, each in turn on a stream
// (ResolveStream, AnnotateStream, BatchResolveStream), reading an answer after each. The server
// runs in this process on 127.0.0.1:0. Every call must end with a status a client can act on: OK
// (its answer parses as the method's response), or a refusal (INVALID_ARGUMENT, NOT_FOUND,
// RESOURCE_EXHAUSTED, UNIMPLEMENTED for bytes that are no request...), never UNKNOWN, INTERNAL,
// DATA_LOSS or a deadline run out; and the server must not crash. IRUM_FUZZ_VERBOSE=1 prints each
// call's status.
#include <grpcpp/create_channel.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>
#include <grpcpp/support/byte_buffer.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "irum/v1/irum.pb.h"
#include "server/service/server.h"
#include "tests/fuzz/fuzz_common.h"

namespace irum::fuzz {
namespace {

struct Method {
  const char* path;
  bool stream;
  google::protobuf::Message* (*new_response)();
};

template <typename T>
google::protobuf::Message* New() {
  return new T();
}

const Method kMethods[] = {
    {"/irum.v1.Irum/Resolve", false, &New<v1::ResolveResponse>},
    {"/irum.v1.Irum/BatchResolve", false, &New<v1::BatchResolveResponse>},
    {"/irum.v1.Irum/ResolveStream", true, &New<v1::ResolveResult>},
    {"/irum.v1.Irum/GetEntity", false, &New<v1::GetEntityResponse>},
    {"/irum.v1.Irum/GetInfo", false, &New<v1::GetInfoResponse>},
    {"/irum.v1.Irum/Romanize", false, &New<v1::RomanizeResponse>},
    {"/irum.v1.Irum/ToHangul", false, &New<v1::ToHangulResponse>},
    {"/irum.v1.Irum/Compare", false, &New<v1::CompareResponse>},
    {"/irum.v1.Irum/Annotate", false, &New<v1::AnnotateResponse>},
    {"/irum.v1.Irum/AnnotateStream", true, &New<v1::AnnotateResponse>},
    {"/grpc.health.v1.Health/Check", false, nullptr},
    // Last, so that the seeds' first bytes keep naming the methods above.
    {"/irum.v1.Irum/BatchResolveStream", true, &New<v1::BatchResolveResponse>},
};
constexpr size_t kMaxMessages = 8;

void Fail(const char* method, const std::string& what) {
  std::fprintf(stderr, "service_fuzzer: %s: %s\n", method, what.c_str());
  std::abort();
}

grpc::ByteBuffer Buffer(absl::string_view bytes) {
  grpc::Slice slice(bytes.data(), bytes.size());
  return grpc::ByteBuffer(&slice, 1);
}

void CheckStatus(const Method& m, const grpc::Status& status) {
  if (std::getenv("IRUM_FUZZ_VERBOSE") != nullptr) {
    std::fprintf(stderr, "%s: %d %s\n", m.path, status.error_code(), status.error_message().c_str());
  }
  switch (status.error_code()) {
    case grpc::StatusCode::UNKNOWN:
    case grpc::StatusCode::INTERNAL:
    case grpc::StatusCode::DATA_LOSS:
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      Fail(m.path, "status " + std::to_string(status.error_code()) + ": " + status.error_message());
    default:
      break;
  }
}

void CheckAnswer(const Method& m, const grpc::ByteBuffer& answer) {
  if (m.new_response == nullptr) return;
  std::vector<grpc::Slice> slices;
  if (!answer.Dump(&slices).ok()) Fail(m.path, "an answer that cannot be read");
  std::string bytes;
  for (const grpc::Slice& s : slices) bytes.append(reinterpret_cast<const char*>(s.begin()), s.size());
  std::unique_ptr<google::protobuf::Message> response(m.new_response());
  if (!response->ParseFromString(bytes)) Fail(m.path, "an answer that does not parse");
}

// Waits for the one operation in flight on `cq`; its ok.
bool Next(grpc::CompletionQueue* cq) {
  void* tag = nullptr;
  bool ok = false;
  if (!cq->Next(&tag, &ok)) Fail("completion queue", "shut down");
  return ok;
}

struct Connection {
  std::unique_ptr<service::IrumServer> server;
  std::unique_ptr<grpc::GenericStub> stub;
};

Connection& Connect() {
  static Connection* const connection = [] {
    auto* c = new Connection();
    service::ServerOptions options;
    options.listen_address = "127.0.0.1:0";
    absl::StatusOr<std::unique_ptr<service::IrumServer>> server =
        service::IrumServer::Start(options, BundledCatalogPtr());
    if (!server.ok()) Fail("start", server.status().ToString());
    c->server = *std::move(server);
    c->stub = std::make_unique<grpc::GenericStub>(
        grpc::CreateChannel(c->server->address(), grpc::InsecureChannelCredentials()));
    return c;
  }();
  return *connection;
}

}  // namespace
}  // namespace irum::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace irum::fuzz;
  if (size == 0) return 0;
  const Method& method = kMethods[data[0] % (sizeof(kMethods) / sizeof(kMethods[0]))];
  std::vector<absl::string_view> messages;
  absl::string_view rest = AsText(data + 1, size - 1);
  while (!rest.empty() && messages.size() < kMaxMessages) {
    const size_t length = std::min<size_t>(static_cast<uint8_t>(rest[0]), rest.size() - 1);
    messages.push_back(rest.substr(1, length));
    rest.remove_prefix(1 + length);
  }
  if (messages.empty()) messages.push_back({});
  Connection& connection = Connect();
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
  grpc::CompletionQueue cq;
  grpc::Status status;
  if (!method.stream) {
    std::unique_ptr<grpc::GenericClientAsyncResponseReader> call =
        connection.stub->PrepareUnaryCall(&context, method.path, Buffer(messages[0]), &cq);
    call->StartCall();
    grpc::ByteBuffer answer;
    call->Finish(&answer, &status, nullptr);
    Next(&cq);
    CheckStatus(method, status);
    if (status.ok()) CheckAnswer(method, answer);
  } else {
    std::unique_ptr<grpc::GenericClientAsyncReaderWriter> call =
        connection.stub->PrepareCall(&context, method.path, &cq);
    call->StartCall(nullptr);
    bool open = Next(&cq);
    for (absl::string_view m : messages) {
      if (!open) break;
      call->Write(Buffer(m), nullptr);
      open = Next(&cq);
      if (!open) break;
      grpc::ByteBuffer answer;
      call->Read(&answer, nullptr);
      open = Next(&cq);
      if (open) CheckAnswer(method, answer);
    }
    if (open) {
      call->WritesDone(nullptr);
      Next(&cq);
      for (;;) {  // Answers still to come.
        grpc::ByteBuffer answer;
        call->Read(&answer, nullptr);
        if (!Next(&cq)) break;
        CheckAnswer(method, answer);
      }
    }
    call->Finish(&status, nullptr);
    Next(&cq);
    CheckStatus(method, status);
  }
  cq.Shutdown();
  void* tag;
  bool ok;
  while (cq.Next(&tag, &ok)) {
  }
  return 0;
}
