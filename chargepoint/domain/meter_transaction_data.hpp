#pragma once
// The transactionData of StopTransaction.req (OCPP 1.6 §6.49): the StopTxnSampledData measurands at
// every periodic sample and the StopTxnAlignedData measurands at every aligned boundary during the
// transaction, with Transaction.Begin and Transaction.End readings around them.
//
// Bounded: the entries are kept until the transaction stops (and persisted by the caller, so they
// survive a restart), and all of them go out in one message. An entry with seven measurands is
// about 700 bytes of JSON, so the default of 100 entries keeps the message near 70 KB whatever the
// length of the transaction. When full, one entry is dropped per new one, chosen so that what
// remains still spans the whole transaction as evenly as possible (see add()).
#include <cstddef>
#include <optional>
#include <span>
#include <vector>

#include "domain/meter_values.hpp"
#include "ocpp/messages/meter_value.hpp"

namespace chargepoint {

class TransactionMeterData {
 public:
  static constexpr std::size_t k_default_max_entries = 100;

  // The lists as configured when the transaction started (StopTxnSampledData, StopTxnAlignedData).
  // max_entries below 2 is taken as 2 (the Begin and End readings).
  TransactionMeterData(std::vector<ocpp::messages::Measurand> sampled,
                       std::vector<ocpp::messages::Measurand> aligned,
                       std::size_t max_entries = k_default_max_entries);

  // Readings, each built with build_meter_value() and added when it has any value. Begin and End
  // use both lists (sampled first, without repeats), so that each series has its first and last
  // point.
  void on_begin(const MeterSnapshot& snapshot);     // Transaction.Begin
  void on_periodic(const MeterSnapshot& snapshot);  // Sample.Periodic, StopTxnSampledData
  void on_aligned(const MeterSnapshot& snapshot);   // Sample.Clock, StopTxnAlignedData
  void on_end(const MeterSnapshot& snapshot);       // Transaction.End

  // Adds a ready entry (also how the caller restores persisted entries after a restart). When the
  // limit is reached, one entry other than the first and the newest is dropped: never a
  // Transaction.Begin/End reading; a Sample.Periodic one before a Sample.Clock one (aligned
  // readings are what interval tariffs bill on); among those, the one whose neighbours are closest
  // in time, so the resolution thins evenly instead of the tail or the head being cut off.
  void add(ocpp::messages::MeterValue value);

  // In the order added (chronological). nullopt when empty: the field is then left out.
  std::optional<std::vector<ocpp::messages::MeterValue>> transaction_data() const;
  std::span<const ocpp::messages::MeterValue> entries() const { return entries_; }
  std::size_t dropped() const { return dropped_; }

 private:
  void drop_one();

  std::vector<ocpp::messages::Measurand> sampled_;
  std::vector<ocpp::messages::Measurand> aligned_;
  std::vector<ocpp::messages::Measurand> both_;
  std::size_t max_entries_;
  std::vector<ocpp::messages::MeterValue> entries_;
  std::size_t dropped_ = 0;
};

}  // namespace chargepoint
