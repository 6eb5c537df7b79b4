// The smaller client APIs a broker answers: InitProducerId (an idempotent producer's identity)
// and ListOffsets (the log start offset, the high watermark, or the first offset at a time;
// what auto.offset.reset, seekToBeginning/End and lag ask).
#include "engine/cluster/broker_internal.h"

namespace ksim::cluster::detail {
namespace {

// UnifiedLog.fetchOffsetByTimestamp: the first record whose timestamp is at or after `ts`.
proto::ListOffsetsPartitionResponse offset_for_time(const log::PartitionLog& log, int64_t ts) {
  proto::ListOffsetsPartitionResponse out;
  for (size_t i = 0; i < log.segment_count(); ++i) {
    for (const kafka::BatchPtr& batch : log.segment(i).batches()) {
      if (batch->max_timestamp_ms < ts) continue;
      for (const kafka::BatchRecord& r : batch->records) {
        if (r.record.timestamp_ms >= ts) {
          out.timestamp = r.record.timestamp_ms;
          out.offset = batch->base_offset + r.offset_delta;
          out.leader_epoch = batch->partition_leader_epoch;
          return out;
        }
      }
    }
  }
  return out;  // none: offset -1, as Kafka answers
}

proto::ListOffsetsPartitionResponse list_offset(Broker& b, const proto::ListOffsetsPartition& q) {
  proto::ListOffsetsPartitionResponse out;
  out.tp = q.tp;
  HostedPartition* p = hosted(b, q.tp);
  if (p == nullptr || !is_leader(b, *p)) {
    out.error = b.memory.image.partition(q.tp) != nullptr
                    ? proto::ErrorCode::NOT_LEADER_OR_FOLLOWER
                    : proto::ErrorCode::UNKNOWN_TOPIC_OR_PARTITION;
    return out;
  }
  const log::PartitionLog& log = *log_of(b, q.tp);
  if (q.timestamp == proto::kEarliestTimestamp) {
    out.offset = log.log_start_offset();
  } else if (q.timestamp == proto::kLatestTimestamp) {
    out.offset = log.high_watermark();  // read_uncommitted: the HW, not the LEO
  } else {
    out = offset_for_time(log, q.timestamp);
    out.tp = q.tp;
    return out;
  }
  out.leader_epoch = p->leader_epoch;
  return out;
}

}  // namespace

void handle_list_offsets(Broker& b, NodeId from, const proto::ListOffsetsRequest& req,
                         runtime::Context& ctx) {
  proto::ListOffsetsResponse resp;
  resp.correlation_id = req.correlation_id;
  for (const proto::ListOffsetsPartition& q : req.partitions) {
    resp.partitions.push_back(list_offset(b, q));
  }
  ctx.send(from, std::move(resp));
}

void handle_init_producer_id(Broker& b, NodeId from, const proto::InitProducerIdRequest& req,
                             runtime::Context& ctx) {
  // Simplification (docs/clients.md#simplifications): Kafka's brokers take blocks of 1000
  // ids from the controller; here broker N owns the block starting at (N - 1) * 1000000 and
  // counts through it on its disk, so ids stay unique across restarts without the round trip.
  const int64_t id = static_cast<int64_t>(b.broker_id - 1) * 1000000 + b.disk.producer_ids_issued;
  ++b.disk.producer_ids_issued;
  ctx.send(from, proto::InitProducerIdResponse{req.correlation_id, proto::ErrorCode::NONE, id, 0});
}

}  // namespace ksim::cluster::detail
