// Status propagation helpers (the Debian Abseil has no status_macros.h).
//
//   IRUM_RETURN_IF_ERROR(DoThing());
//   IRUM_ASSIGN_OR_RETURN(Catalog catalog, BuildCatalog(entities));
#ifndef IRUM_SERVER_BASE_STATUS_MACROS_H_
#define IRUM_SERVER_BASE_STATUS_MACROS_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define IRUM_STATUS_CONCAT_INNER_(a, b) a##b
#define IRUM_STATUS_CONCAT_(a, b) IRUM_STATUS_CONCAT_INNER_(a, b)

// Evaluates `expr` (an absl::Status) and returns it from the enclosing function unless it is OK.
#define IRUM_RETURN_IF_ERROR(expr)                  \
  do {                                              \
    ::absl::Status irum_status_ = (expr);           \
    if (!irum_status_.ok()) return irum_status_;    \
  } while (false)

// Evaluates `rexpr` (an absl::StatusOr<T>); returns its status when not OK, else moves the value into
// `lhs`, which may be a declaration.
#define IRUM_ASSIGN_OR_RETURN(lhs, rexpr) \
  IRUM_ASSIGN_OR_RETURN_IMPL_(IRUM_STATUS_CONCAT_(irum_statusor_, __LINE__), lhs, rexpr)

#define IRUM_ASSIGN_OR_RETURN_IMPL_(statusor, lhs, rexpr) \
  auto statusor = (rexpr);                                \
  if (!statusor.ok()) return statusor.status();           \
  lhs = std::move(statusor).value()

#endif  // IRUM_SERVER_BASE_STATUS_MACROS_H_
