#pragma once
// The one-time setup code, also kept in a file (mode 0600) for whoever missed the log line: a
// person with shell access (`sudo cat /var/lib/eo-ocpp/csms-lite.db.setup-code`) or a test harness.
// Only root or the service user can read it, the same people who can read the journal.
#include <string>

#include "auth/auth_service.hpp"

namespace csms {

// "<database path>.setup-code"; empty for an in-memory database (no file then).
std::string setup_code_path(const std::string& database_path);

// Replaces the file atomically: line 1 the code, line 2 the setup link, line 3 when it expires.
// Returns why not ("" on success); never throws.
std::string write_setup_code_file(const std::string& path, const auth::SetupCode& code,
                                  const std::string& link_message);

// Removes it once the admin password is set (a stale code must not look valid). "" or why not.
std::string remove_setup_code_file(const std::string& path);

}  // namespace csms
