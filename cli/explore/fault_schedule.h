// kafkasim explore's random faults: each a kind, a broker, a start and a duration (at least a
// minimum, so a fault lasts long enough to matter), drawn from the seed, and written as the
// scenario actions that begin and end it. Faults on one broker never overlap, and all end
// before the run's heal time, when the converge phase starts.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "engine/scenario/scenario.h"

namespace ksim::cli::explore {

enum class FaultKind : uint8_t {
  kCrash,      // the broker crashes (memory lost, disk kept) and restarts after the duration
  kRestart,    // a clean restart: controlled shutdown, then restart
  kPartition,  // the broker is cut off from every other node, then the network heals
  kLoss,       // its links lose a share of messages, both ways
  kSlow,       // its links get slow, both ways
};

std::string_view fault_kind_name(FaultKind k);
// "crash,restart,partition,loss,slow" (any subset); nullopt with the unknown name in `bad`.
std::optional<std::vector<FaultKind>> parse_fault_kinds(const std::string& list, std::string& bad);

struct Fault {
  FaultKind kind = FaultKind::kCrash;
  std::string broker;  // its node name, broker-N
  int64_t start_ms = 0;
  int64_t duration_ms = 0;
  double loss = 0;         // kLoss: the share of messages lost
  int64_t latency_ms = 0;  // kSlow: the links' latency
};

struct FaultPlan {
  std::vector<FaultKind> kinds;
  int32_t max_faults = 4;
  int64_t min_duration_ms = 1000;
  int64_t max_duration_ms = 15000;
  // Faults start and end within [from_ms, heal_ms].
  int64_t from_ms = 0;
  int64_t heal_ms = 0;
};

// One to plan.max_faults faults for the scenario's brokers, drawn from `seed`.
std::vector<Fault> random_faults(const scenario::Scenario& s, const FaultPlan& plan, uint64_t seed);

// The timeline actions that begin and end `f` (at_ms set), in time order.
std::vector<nlohmann::ordered_json> fault_actions(const Fault& f, const scenario::Scenario& s);

// One line: "crash broker-2 at 4000 ms for 3000 ms".
std::string describe_fault(const Fault& f);

}  // namespace ksim::cli::explore
