#pragma once
// The charge point's schema as numbered migrations, and the options its state file is opened with.
#include <span>

#include "store/sqlite.hpp"

namespace chargepoint::store {

// Every migration of the charge point's state file, version 1 first.
std::span<const Migration> chargepoint_migrations();

// OpenOptions with the charge point's migrations; the other fields at their defaults.
OpenOptions chargepoint_open_options();

}  // namespace chargepoint::store
