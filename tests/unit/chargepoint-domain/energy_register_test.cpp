#include <gtest/gtest.h>

#include <limits>

#include "domain/energy_register.hpp"

namespace {

using namespace chargepoint;
using namespace std::chrono_literals;
using Event = EnergyRegister::Event;

const common::WallTime k_start =
    common::WallTime{} + std::chrono::sys_days{std::chrono::year{2026} / 5 / 4}.time_since_epoch();

TEST(EnergyRegister, CountsTheHalsIncreaseFromTheFirstReading) {
  EnergyRegister reg;
  // The first reading is the reference, not energy of ours (a HAL may report a lifetime register).
  EXPECT_EQ(reg.update(5000.0, k_start).event, Event::reference_taken);
  EXPECT_EQ(reg.value_wh(), 0.0);
  const auto update = reg.update(5012.5, k_start + 1s);
  EXPECT_EQ(update.event, Event::counted);
  EXPECT_DOUBLE_EQ(update.hal_step_wh, 12.5);
  EXPECT_DOUBLE_EQ(update.value_wh, 12.5);
  reg.update(5100.75, k_start + 2s);
  EXPECT_DOUBLE_EQ(reg.value_wh(), 100.75);
  EXPECT_EQ(reg.value_whole_wh(), 100);
}

TEST(EnergyRegister, SurvivesDaemonRestartsThroughRestore) {
  common::WallTime now = k_start;
  double persisted_wh = 0.0;
  double hal_wh = 0.0;
  // Three runs of the daemon; the HAL (EO integrator) starts at 0 each time.
  for (int run = 0; run < 3; ++run) {
    EnergyRegister reg;
    ASSERT_TRUE(reg.restore(persisted_wh));
    hal_wh = 0.0;
    reg.update(hal_wh, now);
    for (int second = 0; second < 600; ++second) {
      now += 1s;
      hal_wh += 2.0;  // 7.2 kW
      const auto update = reg.update(hal_wh, now);
      ASSERT_EQ(update.event, Event::counted);
      if (update.persist_due) {
        persisted_wh = reg.value_wh();
        reg.mark_persisted(now);
      }
    }
    // What was counted after the last write is lost at the "power cut"; the register never goes
    // back.
    EXPECT_GE(reg.value_wh(), persisted_wh);
    EXPECT_LE(reg.value_wh() - persisted_wh, 120.0 + 2.0);
  }
  EXPECT_GE(persisted_wh, 3 * 1200.0 - 3 * 122.0);
  EXPECT_LE(persisted_wh, 3 * 1200.0);
}

TEST(EnergyRegister, HalRestartRebasesWithoutGoingBackwards) {
  EnergyRegister reg;
  reg.restore(10'000.0);
  reg.update(300.0, k_start);
  reg.update(800.0, k_start + 1s);
  EXPECT_DOUBLE_EQ(reg.value_wh(), 10'500.0);
  const auto restart = reg.update(0.0, k_start + 2s);
  EXPECT_EQ(restart.event, Event::hal_restarted);
  EXPECT_DOUBLE_EQ(restart.hal_step_wh, -800.0);
  EXPECT_DOUBLE_EQ(restart.value_wh, 10'500.0);
  reg.update(40.0, k_start + 3s);
  EXPECT_DOUBLE_EQ(reg.value_wh(), 10'540.0);
  // A restart that lands just below the old reading is a restart too.
  EXPECT_EQ(reg.update(39.0, k_start + 4s).event, Event::hal_restarted);
  reg.update(41.0, k_start + 5s);
  EXPECT_DOUBLE_EQ(reg.value_wh(), 10'542.0);
}

TEST(EnergyRegister, AbsurdJumpsAreNotCounted) {
  EnergyRegister reg;
  reg.update(100.0, k_start);
  const auto jump = reg.update(100.0 + 50'001.0, k_start + 1s);
  EXPECT_EQ(jump.event, Event::jump_ignored);
  EXPECT_DOUBLE_EQ(jump.hal_step_wh, 50'001.0);
  EXPECT_EQ(reg.value_wh(), 0.0);
  // The new level is the reference: counting goes on from there.
  EXPECT_EQ(reg.update(50'111.0, k_start + 2s).event, Event::counted);
  EXPECT_DOUBLE_EQ(reg.value_wh(), 10.0);
  // Exactly the limit is still plausible.
  EXPECT_EQ(reg.update(100'111.0, k_start + 3s).event, Event::counted);
}

TEST(EnergyRegister, InvalidReadingsAreIgnoredAndKeepTheReference) {
  EnergyRegister reg;
  reg.update(100.0, k_start);
  EXPECT_EQ(reg.update(std::numeric_limits<double>::quiet_NaN(), k_start + 1s).event,
            Event::invalid_reading);
  EXPECT_EQ(reg.update(std::numeric_limits<double>::infinity(), k_start + 2s).event,
            Event::invalid_reading);
  EXPECT_EQ(reg.update(-1.0, k_start + 3s).event, Event::invalid_reading);
  EXPECT_EQ(reg.update(150.0, k_start + 4s).event, Event::counted);
  EXPECT_DOUBLE_EQ(reg.value_wh(), 50.0);
  // Invalid before any reference: still nothing to count from.
  EnergyRegister fresh;
  EXPECT_EQ(fresh.update(std::numeric_limits<double>::quiet_NaN(), k_start).event,
            Event::invalid_reading);
  EXPECT_EQ(fresh.update(7.0, k_start).event, Event::reference_taken);
}

TEST(EnergyRegister, RestoreNeverLowersTheRegister) {
  EnergyRegister reg;
  EXPECT_FALSE(reg.restore(-1.0));
  EXPECT_FALSE(reg.restore(std::numeric_limits<double>::quiet_NaN()));
  EXPECT_FALSE(reg.restore(std::numeric_limits<double>::infinity()));
  EXPECT_TRUE(reg.restore(2000.0));
  EXPECT_FALSE(reg.restore(1999.0));
  EXPECT_EQ(reg.value_wh(), 2000.0);
  // A restore drops the reference: the next reading starts counting afresh.
  reg.update(10.0, k_start);
  reg.update(20.0, k_start + 1s);
  EXPECT_TRUE(reg.restore(2010.0));
  EXPECT_EQ(reg.update(0.0, k_start + 2s).event, Event::reference_taken);
  EXPECT_EQ(reg.value_wh(), 2010.0);
}

TEST(EnergyRegister, PersistsOnEnoughEnergyButNotTooOften) {
  EnergyRegister reg(EnergyRegister::Policy{
      .persist_step_wh = 100.0, .persist_min_interval = 60s, .max_step_wh = 50'000.0});
  reg.update(0.0, k_start);
  EXPECT_FALSE(reg.update(99.0, k_start + 1s).persist_due);
  // Never written before: the step alone decides.
  EXPECT_TRUE(reg.update(100.0, k_start + 2s).persist_due);
  reg.mark_persisted(k_start + 2s);
  EXPECT_FALSE(reg.persist_due(k_start + 2s));
  // Enough energy, too soon.
  EXPECT_FALSE(reg.update(300.0, k_start + 61s).persist_due);
  EXPECT_TRUE(reg.update(300.0, k_start + 62s).persist_due);
  reg.mark_persisted(k_start + 62s);
  // Time enough, not enough energy (idle): no writes at all while nothing flows.
  EXPECT_FALSE(reg.update(399.0, k_start + 1h).persist_due);
  // A wall clock set back counts as elapsed rather than blocking writes for the difference.
  reg.update(450.0, k_start + 1h + 1s);
  EXPECT_TRUE(reg.persist_due(k_start - 1h));
}

TEST(EnergyRegister, TransactionBoundariesPersistAnyChange) {
  EnergyRegister reg;
  reg.restore(500.0);
  EXPECT_FALSE(reg.persist_due(k_start, true));  // nothing new since the restore
  reg.update(0.0, k_start);
  reg.update(0.5, k_start + 1s);
  EXPECT_FALSE(reg.persist_due(k_start + 1s));
  EXPECT_TRUE(reg.persist_due(k_start + 1s, true));
  reg.mark_persisted(k_start + 1s);
  EXPECT_FALSE(reg.persist_due(k_start + 1s, true));
}

}  // namespace
