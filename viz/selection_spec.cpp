#include "viz/selection_spec.h"

#include <charconv>

namespace ksim::viz {
namespace {

template <typename T>
bool number(const std::string& text, T& out) {
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, out);
  return ec == std::errc{} && ptr == end;
}

// "topic-3@2" -> ({topic, 3}, 2)
bool replica_of(const std::string& text, kafka::TopicPartition& tp, int32_t& broker) {
  const size_t at = text.rfind('@');
  if (at == std::string::npos) return false;
  const std::string tp_text = text.substr(0, at);
  const size_t dash = tp_text.rfind('-');
  if (dash == std::string::npos || dash == 0) return false;
  tp.topic = tp_text.substr(0, dash);
  return number(tp_text.substr(dash + 1), tp.partition) && number(text.substr(at + 1), broker);
}

}  // namespace

ParsedSelection parse_selection(const std::string& spec, const trace::NameTable& names) {
  const size_t colon = spec.find(':');
  const std::string kind = spec.substr(0, colon);
  const std::string rest = colon == std::string::npos ? "" : spec.substr(colon + 1);
  if (kind == "node") {
    for (size_t i = 0; i < names.nodes.size(); ++i) {
      if (names.nodes[i] == rest) return {NodeSelection{NodeId{static_cast<int32_t>(i)}}, ""};
    }
    return {std::nullopt, "--select node:NAME names no node of the scenario: \"" + rest + "\""};
  }
  if (kind == "replica") {
    ReplicaSelection r;
    if (replica_of(rest, r.tp, r.broker_id)) return {r, ""};
    return {std::nullopt,
            "--select replica: expects TOPIC-PARTITION@BROKER_ID, found \"" + rest + "\""};
  }
  if (kind == "record") {
    const size_t last = rest.rfind(':');
    RecordSelection r;
    if (last != std::string::npos && replica_of(rest.substr(0, last), r.tp, r.broker_id) &&
        number(rest.substr(last + 1), r.offset)) {
      return {r, ""};
    }
    return {std::nullopt,
            "--select record: expects TOPIC-PARTITION@BROKER_ID:OFFSET, found \"" + rest + "\""};
  }
  return {std::nullopt,
          "--select expects node:NAME, replica:TOPIC-P@BROKER or "
          "record:TOPIC-P@BROKER:OFFSET, found \"" +
              spec + "\""};
}

}  // namespace ksim::viz
