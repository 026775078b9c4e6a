#pragma once
// csms-lite's schema as numbered migrations, and the options its state file is opened with.
#include <span>

#include "store/sqlite.hpp"

namespace csms::store {

// Every migration of csms-lite's database, version 1 first. Other modules append theirs after these
// (the REST API's users and sessions, tariffs): a released migration is never edited.
std::span<const Migration> csms_migrations();

// OpenOptions with csms-lite's migrations; WAL and synchronous=NORMAL are the db/ defaults.
OpenOptions csms_open_options();

}  // namespace csms::store
