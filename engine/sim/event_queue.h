// The event queue: a binary min-heap ordered by (time, sequence number). The sequence number
// is assigned at push, so events due at the same microsecond run in the order they were
// scheduled and nothing else ever breaks a tie. The heap holds only small keys; event bodies
// sit in a slot table with a free list, so sifting moves 24 bytes whatever the event carries.
// The queue is a plain value: copying it is part of copying the world for a checkpoint.
#pragma once

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

#include "engine/sim/check.h"
#include "engine/sim/time.h"

namespace ksim {

struct QueueKey {
  SimTime time;
  uint64_t seq = 0;
  uint32_t slot = 0;
  friend bool operator==(const QueueKey&, const QueueKey&) = default;
};

// True when a runs before b: the heap comparator's total order.
constexpr bool runs_before(const QueueKey& a, const QueueKey& b) {
  return a.time != b.time ? a.time < b.time : a.seq < b.seq;
}

template <typename Body>
class EventQueue {
 public:
  struct Popped {
    SimTime time;
    uint64_t seq;
    Body body;
  };

  EventQueue() = default;
  // A copy holds only the pending bodies, compacted: the slot table of a long run keeps its
  // high-water mark of popped slots, which a checkpoint has no use for.
  EventQueue(const EventQueue& other) : next_seq_(other.next_seq_) {
    heap_.reserve(other.heap_.size());
    bodies_.reserve(other.heap_.size());
    for (const QueueKey& k : other.heap_) {
      heap_.push_back(QueueKey{k.time, k.seq, static_cast<uint32_t>(bodies_.size())});
      bodies_.push_back(other.bodies_[k.slot]);
    }
  }
  EventQueue& operator=(const EventQueue& other) {
    if (this != &other) *this = EventQueue(other);
    return *this;
  }
  EventQueue(EventQueue&&) noexcept = default;
  EventQueue& operator=(EventQueue&&) noexcept = default;

  // Schedules a body built from `args` at `time`; returns its sequence number.
  template <typename... Args>
  uint64_t push(SimTime time, Args&&... args) {
    uint32_t slot;
    if (free_.empty()) {
      slot = static_cast<uint32_t>(bodies_.size());
      bodies_.emplace_back(std::forward<Args>(args)...);
    } else {
      slot = free_.back();
      free_.pop_back();
      bodies_[slot] = Body(std::forward<Args>(args)...);
    }
    const uint64_t seq = next_seq_++;
    heap_.push_back(QueueKey{time, seq, slot});
    sift_up(heap_.size() - 1);
    return seq;
  }

  bool empty() const { return heap_.empty(); }
  size_t size() const { return heap_.size(); }
  // Requires: !empty().
  SimTime next_time() const { return heap_.front().time; }
  uint64_t next_seq() const { return next_seq_; }

  // The earliest event's body, left in place. Requires: !empty().
  const Body& peek() const { return bodies_[heap_.front().slot]; }

  // Removes and returns the earliest event. Requires: !empty().
  Popped pop() {
    KSIM_ASSERT(!heap_.empty(), "pop from an empty event queue");
    const QueueKey top = heap_.front();
    heap_.front() = heap_.back();
    heap_.pop_back();
    if (!heap_.empty()) sift_down(0);
    free_.push_back(top.slot);
    return Popped{top.time, top.seq, std::move(bodies_[top.slot])};
  }

  // Visits every pending event in (time, seq) order without changing the queue
  // (the viewer draws in-flight messages from this). Cost: O(n log n).
  template <typename Visitor>
  void for_each_pending(Visitor&& visit) const {
    std::vector<QueueKey> keys = heap_;
    std::sort(keys.begin(), keys.end(), runs_before);
    for (const QueueKey& k : keys) visit(k.time, k.seq, bodies_[k.slot]);
  }

  // The same pending events in the same order, whatever slots hold them.
  friend bool operator==(const EventQueue& a, const EventQueue& b) {
    if (a.next_seq_ != b.next_seq_ || a.heap_.size() != b.heap_.size()) return false;
    std::vector<QueueKey> ka = a.heap_;
    std::vector<QueueKey> kb = b.heap_;
    std::sort(ka.begin(), ka.end(), runs_before);
    std::sort(kb.begin(), kb.end(), runs_before);
    for (size_t i = 0; i < ka.size(); ++i) {
      if (ka[i].time != kb[i].time || ka[i].seq != kb[i].seq) return false;
      if (!(a.bodies_[ka[i].slot] == b.bodies_[kb[i].slot])) return false;
    }
    return true;
  }

 private:
  void sift_up(size_t i) {
    const QueueKey item = heap_[i];
    while (i > 0) {
      const size_t parent = (i - 1) / 2;
      if (!runs_before(item, heap_[parent])) break;
      heap_[i] = heap_[parent];
      i = parent;
    }
    heap_[i] = item;
  }

  void sift_down(size_t i) {
    const size_t n = heap_.size();
    const QueueKey item = heap_[i];
    for (;;) {
      size_t child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && runs_before(heap_[child + 1], heap_[child])) ++child;
      if (!runs_before(heap_[child], item)) break;
      heap_[i] = heap_[child];
      i = child;
    }
    heap_[i] = item;
  }

  std::vector<QueueKey> heap_;
  std::vector<Body> bodies_;
  std::vector<uint32_t> free_;
  uint64_t next_seq_ = 0;
};

}  // namespace ksim
