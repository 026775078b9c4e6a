#include "store/id_tag_repository.hpp"

#include <array>

namespace csms::store {

namespace {

Result<void> check_id_tag(std::string_view what, std::string_view value) {
  if (value.empty() || value.size() > IdTagRepository::k_max_id_tag_chars) {
    return make_error(ErrorKind::InvalidArgument, std::string(what) +
                                                      " must be 1 to 20 characters (OCPP 1.6 "
                                                      "IdToken), got " +
                                                      std::to_string(value.size()));
  }
  return {};
}

Result<void> check_status(std::string_view status) {
  constexpr std::array<std::string_view, 4> k_statuses{"Accepted", "Blocked", "Expired", "Invalid"};
  for (const auto known : k_statuses) {
    if (status == known) return {};
  }
  return make_error(ErrorKind::InvalidArgument,
                    "id tag status \"" + std::string(status) +
                        "\" is not one of Accepted, Blocked, Expired, Invalid");
}

StoredIdTag read_tag(const Statement& row) {
  return StoredIdTag{row.column_text(0), row.column_text(1), row.column_optional_int64(2),
                     row.column_optional_text(3), row.column_int64(4)};
}

}  // namespace

Result<void> IdTagRepository::put(const StoredIdTag& tag) {
  if (auto valid = check_id_tag("idTag", tag.id_tag); !valid) return valid;
  if (tag.parent_id_tag) {
    if (auto valid = check_id_tag("parentIdTag", *tag.parent_id_tag); !valid) return valid;
  }
  if (auto valid = check_status(tag.status); !valid) return valid;
  auto statement = Statement::prepare(
      db_,
      "INSERT INTO id_tags (id_tag, status, expiry_ms, parent_id_tag, updated_at_ms) VALUES (?1, "
      "?2, ?3, ?4, ?5) "
      "ON CONFLICT (id_tag) DO UPDATE SET status = excluded.status, expiry_ms = "
      "excluded.expiry_ms, "
      "parent_id_tag = excluded.parent_id_tag, updated_at_ms = excluded.updated_at_ms");
  if (!statement) return statement.error();
  statement->bind(1, tag.id_tag)
      .bind(2, tag.status)
      .bind(3, tag.expiry_ms)
      .bind(4, tag.parent_id_tag)
      .bind(5, tag.updated_at_ms);
  auto changed = statement->run();
  if (!changed) return changed.error();
  return {};
}

Result<std::optional<StoredIdTag>> IdTagRepository::find(std::string_view id_tag) {
  auto statement = Statement::prepare(db_,
                                      "SELECT id_tag, status, expiry_ms, parent_id_tag, "
                                      "updated_at_ms FROM id_tags WHERE id_tag = ?1");
  if (!statement) return statement.error();
  statement->bind(1, id_tag);
  auto row = statement->step();
  if (!row) return row.error();
  if (!*row) return std::optional<StoredIdTag>{};
  return std::optional<StoredIdTag>{read_tag(*statement)};
}

Result<std::vector<StoredIdTag>> IdTagRepository::all() {
  auto statement = Statement::prepare(db_,
                                      "SELECT id_tag, status, expiry_ms, parent_id_tag, "
                                      "updated_at_ms FROM id_tags ORDER BY id_tag");
  if (!statement) return statement.error();
  std::vector<StoredIdTag> tags;
  if (auto done =
          for_each_row(*statement, [&](const Statement& row) { tags.push_back(read_tag(row)); });
      !done) {
    return done.error();
  }
  return tags;
}

Result<bool> IdTagRepository::remove(std::string_view id_tag) {
  auto statement = Statement::prepare(db_, "DELETE FROM id_tags WHERE id_tag = ?1");
  if (!statement) return statement.error();
  statement->bind(1, id_tag);
  auto changed = statement->run();
  if (!changed) return changed.error();
  return *changed > 0;
}

}  // namespace csms::store
