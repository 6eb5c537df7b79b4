// A node handler's window on the world while it handles one event: read the time, send
// messages, set timers, allocate record ids and record the state changes it makes. Handlers
// never touch the queue or the trace directly, so every effect is attributed to this step.
#pragma once

#include "engine/runtime/runtime.h"
#include "engine/trace/trace.h"

namespace ksim::runtime {

class Context {
 public:
  // `trace` may be null: replaying toward a seek target records nothing.
  Context(Runtime& rt, trace::Trace* trace, NodeId self, Step step)
      : rt_(rt), trace_(trace), self_(self), step_(step) {}

  SimTime now() const { return rt_.now; }
  NodeId self() const { return self_; }
  Step step() const { return step_; }

  void send(NodeId to, proto::Payload payload);
  void set_timer(SimTime delay, proto::TimerKind kind, int64_t arg = 0);
  RecordId new_record_id() { return RecordId{rt_.next_record_id++}; }

  // Names a topic id for the trace (the controller calls this when it creates a topic).
  void name_group(int32_t key, const std::string& name) {
    if (trace_ != nullptr) trace_->name_group(self_.value, key, name);
  }
  void name_topic(int32_t topic_id, const std::string& name) {
    if (trace_ != nullptr) trace_->name_topic(topic_id, name);
  }

  // The node stops itself cleanly (a broker's controlled shutdown ends): like a crash, its
  // memory and timers go and its disk stays, but by its own choice.
  void stop_self() { stop_requested_ = true; }
  bool stop_requested() const { return stop_requested_; }

  // Marks this step's outcome with a Kafka error code (e.g. an admin action that failed).
  void report_error(int16_t kafka_error_code) {
    if (trace_ != nullptr) trace_->set_error(kafka_error_code);
  }

  // Records that `field` of `entity` went from `from` to `to` (nothing when equal).
  void record(trace::EntityRef entity, trace::Field field, int64_t from, int64_t to) {
    if (trace_ != nullptr && from != to) trace_->add_change({entity, field, from, to});
  }

 private:
  Runtime& rt_;
  trace::Trace* trace_;
  NodeId self_;
  Step step_;
  bool stop_requested_ = false;
};

}  // namespace ksim::runtime
