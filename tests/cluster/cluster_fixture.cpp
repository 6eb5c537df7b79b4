#include "tests/cluster/cluster_fixture.h"

namespace ksim::testing {

std::set<uint64_t> ClusterStory::records_in(int broker_id, bool below_hw_only, int p) const {
  std::set<uint64_t> ids;
  const log::PartitionLog& log = log_of(broker_id, p);
  const int64_t limit = below_hw_only ? log.high_watermark() : log.log_end_offset();
  for (size_t i = 0; i < log.segment_count(); ++i) {
    for (const kafka::BatchPtr& batch : log.segment(i).batches()) {
      for (const kafka::BatchRecord& r : batch->records) {
        if (batch->base_offset + r.offset_delta < limit) ids.insert(r.record.id.value);
      }
    }
  }
  return ids;
}

NodeId ClusterStory::active_controller_node() const {
  for (int i = 0; i < controllers_; ++i) {
    const NodeId node{brokers_ + i};
    if (world_.rt.status_of(node).up &&
        controller_at(node).memory.role == cluster::QuorumRole::kActive) {
      return node;
    }
  }
  return NodeId{-1};
}

void ClusterStory::isolate(int broker_id) {
  std::vector<NodeId> others;
  for (size_t i = 0; i < world_.nodes.size(); ++i) {
    if (NodeId{static_cast<int32_t>(i)} != broker_node(broker_id)) {
      others.push_back(NodeId{static_cast<int32_t>(i)});
    }
  }
  act(proto::PartitionNetwork{{broker_node(broker_id)}, others, false});
}

void ClusterStory::run_until(const std::function<bool()>& done, int max_steps) {
  for (int i = 0; i < max_steps; ++i) {
    if (done()) return;
    REQUIRE(world::step(world_, &trace_) == world::StepResult::kStepped);
  }
  if (!done()) FAIL("the condition did not hold within " << max_steps << " steps");
}

void ClusterStory::run_for_ms(int64_t ms, int max_steps) {
  const SimTime until = world_.now() + SimTime::from_ms(ms);
  for (int i = 0; i < max_steps; ++i) {
    if (world::step(world_, &trace_, until) != world::StepResult::kStepped) return;
  }
  FAIL("run_for_ms did not reach its time within " << max_steps << " steps");
}

bool ClusterStory::truncated(int broker_id) const {
  for (size_t i = 0; i < trace_.size(); ++i) {
    for (const trace::StateChange& c : trace_.changes(Step{static_cast<int64_t>(i)})) {
      if (c.field == trace::Field::kTruncatedTo && c.entity.node == broker_node(broker_id).value) {
        return true;
      }
    }
  }
  return false;
}

kafka::ErrorCode ClusterStory::produce_and_wait(int16_t acks, int count, int attempts) {
  kafka::ErrorCode error = kafka::ErrorCode::NONE;
  for (int i = 0; i < attempts; ++i) {
    const size_t n = client().memory.produced.size();
    produce(acks, count);
    run_until([&] {
      const auto& produced = client().memory.produced;
      return produced.size() > n && produced.back().answered;
    });
    error = client().memory.produced.back().error;
    if (error != kafka::ErrorCode::NOT_LEADER_OR_FOLLOWER &&
        error != kafka::ErrorCode::REQUEST_TIMED_OUT &&
        error != kafka::ErrorCode::NETWORK_EXCEPTION) {
      return error;
    }
  }
  return error;
}

int ClusterStory::acked() const {
  int n = 0;
  for (const auto& o : client().memory.produced) {
    n += o.answered && o.error == kafka::ErrorCode::NONE ? 1 : 0;
  }
  return n;
}

std::set<uint64_t> ClusterStory::acked_records() const {
  std::set<uint64_t> ids;
  for (const auto& o : client().memory.produced) {
    if (!o.answered || o.error != kafka::ErrorCode::NONE || o.acks == 0) continue;
    for (RecordId r : o.records) ids.insert(r.value);
  }
  return ids;
}

}  // namespace ksim::testing
