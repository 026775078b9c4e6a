// What is stored in a file is there after the file is closed and opened again, and a full disk
// costs the new write, never what was already stored.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "store/auth_cache_repository.hpp"
#include "store/meter_register_repository.hpp"
#include "store/outbox_repository.hpp"
#include "db/settings_repository.hpp"
#include "store/transaction_repository.hpp"
#include "store_test_support.hpp"

namespace {

using namespace chargepoint::store;
using store_test::open_or_fail;
using store_test::TempDir;

TEST(Persistence, EveryRepositorySurvivesCloseAndReopen) {
  TempDir dir;
  const auto path = dir.file("state.db");
  std::int64_t active_tx = 0;
  std::int64_t stopping_tx = 0;
  {
    auto db = open_or_fail(path);
    SettingsRepository settings(db);
    AuthCacheRepository cache(db);
    TransactionRepository transactions(db);
    OutboxRepository outbox(db);
    MeterRegisterRepository registers(db);

    ASSERT_TRUE(settings.put("availability.1", "Inoperative"));
    ASSERT_TRUE(cache.upsert({"TAG1", "Accepted", 2'000'000'000, std::nullopt, 5}));
    active_tx = *transactions.begin({1, "TAG1", 1000, 10'000, std::nullopt});
    ASSERT_TRUE(transactions.set_remote_id(active_tx, 77, "Accepted"));
    ASSERT_TRUE(transactions.checkpoint_meter(active_tx, 1800, 70'000));
    stopping_tx = *transactions.begin({2, "TAG2", 50, 20'000, std::nullopt});
    ASSERT_TRUE(transactions.mark_stopping(stopping_tx, {60, 30'000, "Remote", std::nullopt}));
    ASSERT_TRUE(outbox.push(
        {"StopTransaction", R"({"transactionId":-2,"meterStop":60})", stopping_tx, 30'000}));
    ASSERT_TRUE(registers.save(1, 1800, 70'000));
  }
  auto db = open_or_fail(path);
  EXPECT_EQ(*SettingsRepository(db).get("availability.1"), "Inoperative");
  EXPECT_EQ((*AuthCacheRepository(db).find("tag1"))->expiry_unix_s, 2'000'000'000);
  EXPECT_EQ((*MeterRegisterRepository(db).load(1))->energy_wh, 1800);

  // What the daemon does after a power cut: close what was active at its last checkpoint.
  TransactionRepository transactions(db);
  auto unfinished = *transactions.find_active();
  ASSERT_EQ(unfinished.size(), 2u);
  EXPECT_EQ(unfinished[0].local_id, active_tx);
  EXPECT_EQ(unfinished[0].remote_id, 77);
  EXPECT_EQ(unfinished[0].last_meter_wh, 1800);
  EXPECT_EQ(unfinished[0].last_meter_unix_ms, 70'000);
  EXPECT_EQ(unfinished[1].state, TransactionState::Stopping);
  EXPECT_EQ(unfinished[1].stop_reason, "Remote");
  ASSERT_TRUE(transactions.mark_stopping(
      active_tx, {*unfinished[0].last_meter_wh, *unfinished[0].last_meter_unix_ms, "PowerLoss",
                  std::nullopt}));

  OutboxRepository outbox(db);
  ASSERT_TRUE(outbox.patch_transaction_id(stopping_tx, 88));
  auto queued = *outbox.front();
  ASSERT_TRUE(queued);
  EXPECT_EQ(nlohmann::json::parse(queued->payload_json)["transactionId"], 88);
}

TEST(Persistence, ADiskFullErrorKeepsWhatWasStored) {
  TempDir dir;
  const auto path = dir.file("state.db");
  std::size_t stored = 0;
  {
    auto db = open_or_fail(path);
    SettingsRepository settings(db);
    OutboxRepository outbox(db);
    ASSERT_TRUE(settings.put("kept", "yes"));
    // A small "disk": this connection may not grow the file past a few more pages.
    const auto pages = std::stoll(store_test::query_text(db, "PRAGMA page_count"));
    ASSERT_TRUE(db.exec("PRAGMA max_page_count = " + std::to_string(pages + 4)));

    const NewOutboxMessage message{"DataTransfer", "{\"data\":\"" + std::string(1500, 'd') + "\"}",
                                   std::nullopt, 1};
    Result<std::int64_t> pushed = std::int64_t{0};
    for (int i = 0; i < 1000 && pushed; ++i) {
      pushed = outbox.push(message);
      if (pushed) ++stored;
    }
    ASSERT_FALSE(pushed) << "the page limit was never reached";
    EXPECT_EQ(pushed.error().kind, ErrorKind::Full) << pushed.error().message;
    EXPECT_NE(pushed.error().message.find(path), std::string::npos) << pushed.error().message;
    EXPECT_GT(stored, 0u);
    EXPECT_EQ(*outbox.size(), stored);

    const std::vector<NewOutboxMessage> batch(5, message);
    auto many = outbox.push_many(batch);
    ASSERT_FALSE(many);
    EXPECT_EQ(many.error().kind, ErrorKind::Full);
    EXPECT_EQ(*outbox.size(), stored);

    // Space freed (here: the limit lifted), the same connection carries on.
    ASSERT_TRUE(db.exec("PRAGMA max_page_count = 1000000"));
    ASSERT_TRUE(outbox.push_many(batch));
    stored += 5;
  }
  auto db = open_or_fail(path);
  EXPECT_EQ(*OutboxRepository(db).size(), stored);
  EXPECT_EQ(*SettingsRepository(db).get("kept"), "yes");
}

}  // namespace
