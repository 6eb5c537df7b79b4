#include "engine/check/log_walk.h"

#include <fmt/format.h>

namespace ksim::check {

std::vector<std::pair<int64_t, uint64_t>> record_ids(const log::PartitionLog& log, int64_t lo,
                                                     int64_t hi) {
  std::vector<std::pair<int64_t, uint64_t>> out;
  if (lo >= hi) return out;
  bool done = false;
  for_each_batch_from(log, lo, [&](const kafka::RecordBatch& b, int64_t, int64_t) {
    if (done || b.base_offset >= hi) {
      done = true;
      return;
    }
    for (const kafka::BatchRecord& r : b.records) {
      const int64_t offset = b.base_offset + r.offset_delta;
      if (offset >= lo && offset < hi) out.emplace_back(offset, r.record.id.value);
    }
  });
  return out;
}

std::optional<int64_t> first_record_in(const log::PartitionLog& log, int64_t lo, int64_t hi) {
  std::optional<int64_t> found;
  if (lo >= hi) return found;
  for_each_batch_from(log, lo, [&](const kafka::RecordBatch& b, int64_t, int64_t) {
    if (found || b.base_offset >= hi) return;
    for (const kafka::BatchRecord& r : b.records) {
      const int64_t offset = b.base_offset + r.offset_delta;
      if (offset >= lo && offset < hi) {
        found = offset;
        return;
      }
    }
  });
  return found;
}

const cluster::Broker* broker_by_id(const world::World& w, int32_t broker_id) {
  for (const world::Node& n : w.nodes) {
    const auto* b = std::get_if<cluster::Broker>(&n.logic);
    if (b != nullptr && b->broker_id == broker_id) return b;
  }
  return nullptr;
}

std::string broker_name(const world::World& w, int32_t broker_id) {
  const cluster::Broker* b = broker_by_id(w, broker_id);
  return b == nullptr ? fmt::format("broker id {}", broker_id)
                      : w.nodes[static_cast<size_t>(b->id.value)].name;
}

std::string offsets_text(const std::vector<int64_t>& offsets) {
  std::string out;
  for (size_t i = 0; i < offsets.size();) {
    size_t j = i;
    while (j + 1 < offsets.size() && offsets[j + 1] == offsets[j] + 1) ++j;
    if (!out.empty()) out += ", ";
    out += j == i ? fmt::format("{}", offsets[i]) : fmt::format("{}..{}", offsets[i], offsets[j]);
    i = j + 1;
  }
  return out;
}

}  // namespace ksim::check
