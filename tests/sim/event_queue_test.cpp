#include "engine/sim/event_queue.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "engine/sim/prng.h"

using ksim::EventQueue;
using ksim::SimTime;

TEST_CASE("events come out in time order", "[sim][queue]") {
  // Goal: the earliest time always runs first, whatever the push order.
  EventQueue<int> q;
  for (int t : {50, 10, 40, 20, 30}) q.push(SimTime::from_us(t), t);
  std::vector<int> order;
  while (!q.empty()) order.push_back(q.pop().body);
  CHECK(order == std::vector<int>{10, 20, 30, 40, 50});
}

TEST_CASE("events at the same time run in the order they were scheduled", "[sim][queue]") {
  // Goal: the sequence number, and nothing else, breaks ties.
  EventQueue<std::string> q;
  q.push(SimTime::from_us(5), "first");
  q.push(SimTime::from_us(1), "early");
  q.push(SimTime::from_us(5), "second");
  q.push(SimTime::from_us(5), "third");
  CHECK(q.pop().body == "early");
  CHECK(q.pop().body == "first");
  CHECK(q.pop().body == "second");
  CHECK(q.pop().body == "third");
}

TEST_CASE("interleaved pushes and pops match a reference model", "[sim][queue]") {
  // Goal: with many ties and reused slots, every pop is the (time, push order) minimum of what
  // is pending, as a linear-scan reference model computes it.
  EventQueue<uint64_t> q;
  ksim::Prng rng(17);
  std::vector<std::pair<int64_t, uint64_t>> model;  // pending (time, push index)
  uint64_t pushed = 0;
  const auto pop_both = [&] {
    const auto min = std::min_element(model.begin(), model.end());
    const auto p = q.pop();
    CHECK(p.time.us == min->first);
    CHECK(p.body == min->second);
    model.erase(min);
  };
  for (int round = 0; round < 300; ++round) {
    const int pushes = static_cast<int>(rng.between(0, 3));
    for (int i = 0; i < pushes; ++i) {
      const int64_t t = round + rng.between(0, 4);
      q.push(SimTime::from_us(t), pushed);
      model.emplace_back(t, pushed++);
    }
    if (!model.empty()) pop_both();
  }
  while (!model.empty()) pop_both();
  CHECK(q.empty());
}

TEST_CASE("a copied queue continues identically", "[sim][queue]") {
  // Goal: the queue is a value: a copy pops the same events in the same order.
  EventQueue<int> q;
  for (int i = 0; i < 100; ++i) q.push(SimTime::from_us((i * 37) % 11), i);
  for (int i = 0; i < 30; ++i) q.pop();
  EventQueue<int> copy = q;
  CHECK(copy == q);
  while (!q.empty()) {
    auto a = q.pop();
    auto b = copy.pop();
    CHECK(a.time == b.time);
    CHECK(a.seq == b.seq);
    CHECK(a.body == b.body);
  }
}

TEST_CASE("peek shows the next event without removing it", "[sim][queue]") {
  // Goal: peek and next_time describe exactly what pop returns next.
  EventQueue<int> q;
  q.push(SimTime::from_us(9), 9);
  q.push(SimTime::from_us(3), 3);
  CHECK(q.peek() == 3);
  CHECK(q.next_time() == SimTime::from_us(3));
  CHECK(q.size() == 2);
  CHECK(q.pop().body == 3);
}
