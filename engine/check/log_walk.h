// Reading a partition log by offset for the checks: the batches from an offset on, the records
// in a range, a broker by id whatever its state (a crashed broker keeps its disk), and offsets
// as a learner reads them ("3..4, 7").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/log/partition_log.h"
#include "engine/world/world.h"

namespace ksim::check {

// Calls f(batch, segment_base, segment_upper_bound) for every batch whose last offset is at
// least `from`, in offset order, after f was called for the batch just before them (if any),
// so a caller can check the step from one batch to the next.
template <typename F>
void for_each_batch_from(const log::PartitionLog& log, int64_t from, F&& f) {
  const kafka::RecordBatch* before = nullptr;
  int64_t before_base = 0;
  int64_t before_upper = 0;
  bool started = false;
  for (size_t i = 0; i < log.segment_count(); ++i) {
    const log::Segment& seg = log.segment(i);
    const int64_t upper = log.segment_upper_bound(i);
    const auto& batches = seg.batches();
    if (batches.empty()) continue;
    if (!started && batches.back()->last_offset() < from) {
      before = batches.back().get();
      before_base = seg.base_offset();
      before_upper = upper;
      continue;
    }
    size_t j = started ? 0 : seg.find_batch(from);
    if (!started) {
      if (j > 0) {
        before = batches[j - 1].get();
        before_base = seg.base_offset();
        before_upper = upper;
      }
      if (before != nullptr) f(*before, before_base, before_upper);
      started = true;
    }
    for (; j < batches.size(); ++j) f(*batches[j], seg.base_offset(), upper);
  }
}

// The (offset, record id) of every record in [lo, hi), in offset order.
std::vector<std::pair<int64_t, uint64_t>> record_ids(const log::PartitionLog& log, int64_t lo,
                                                     int64_t hi);

// The first offset in [lo, hi) that holds a record, if any.
std::optional<int64_t> first_record_in(const log::PartitionLog& log, int64_t lo, int64_t hi);

// The broker with this id, running or not, and its node.
const cluster::Broker* broker_by_id(const world::World& w, int32_t broker_id);

// The node name of broker `broker_id` ("broker-2"), or "broker id N" if none has it.
std::string broker_name(const world::World& w, int32_t broker_id);

// "3..4, 7" for {3, 4, 7}. Requires: sorted.
std::string offsets_text(const std::vector<int64_t>& offsets);

}  // namespace ksim::check
