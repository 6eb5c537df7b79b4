#include "engine/cluster/offsets_records.h"

#include <fmt/format.h>

#include <map>
#include <vector>

namespace ksim::cluster {
namespace {

class Writer {
 public:
  void i16(int16_t v) { fixed(static_cast<uint16_t>(v), 2); }
  void i32(int32_t v) { fixed(static_cast<uint32_t>(v), 4); }
  void i64(int64_t v) { fixed(static_cast<uint64_t>(v), 8); }
  void str(const std::string& s) {
    i16(static_cast<int16_t>(s.size()));
    out_ += s;
  }
  void nullable_str(const std::optional<std::string>& s) {
    if (s) {
      str(*s);
    } else {
      i16(-1);
    }
  }
  void bytes(const std::string& b) {
    i32(static_cast<int32_t>(b.size()));
    out_ += b;
  }
  std::string take() { return std::move(out_); }

 private:
  void fixed(uint64_t v, int bytes) {
    for (int i = bytes - 1; i >= 0; --i) out_.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
  }
  std::string out_;
};

class Reader {
 public:
  explicit Reader(const std::string& in) : in_(in) {}
  std::optional<int64_t> fixed(int bytes) {
    if (at_ + static_cast<size_t>(bytes) > in_.size()) return std::nullopt;
    uint64_t v = 0;
    for (int i = 0; i < bytes; ++i) v = (v << 8) | static_cast<uint8_t>(in_[at_++]);
    if (bytes < 8 && (v >> (8 * bytes - 1)) != 0) v |= ~uint64_t{0} << (8 * bytes);
    return static_cast<int64_t>(v);
  }
  std::optional<std::string> str() {
    const auto n = fixed(2);
    if (!n || *n < 0 || at_ + static_cast<size_t>(*n) > in_.size()) return std::nullopt;
    std::string s = in_.substr(at_, static_cast<size_t>(*n));
    at_ += static_cast<size_t>(*n);
    return s;
  }
  std::optional<std::optional<std::string>> nullable_str() {
    const size_t at = at_;
    const auto n = fixed(2);
    if (n == -1) return std::optional<std::string>();
    at_ = at;
    auto s = str();
    if (!s) return std::nullopt;
    return std::optional<std::string>(std::move(*s));
  }
  std::optional<std::string> bytes() {
    const auto n = fixed(4);
    if (!n || *n < 0 || at_ + static_cast<size_t>(*n) > in_.size()) return std::nullopt;
    std::string s = in_.substr(at_, static_cast<size_t>(*n));
    at_ += static_cast<size_t>(*n);
    return s;
  }
  bool done() const { return at_ == in_.size(); }

 private:
  const std::string& in_;
  size_t at_ = 0;
};

// ConsumerProtocolSubscription v0: topics, then null user data.
std::string encode_subscription(const proto::GroupSubscription& sub) {
  Writer w;
  w.i16(0);
  w.i32(static_cast<int32_t>(sub.topics.size()));
  for (const std::string& t : sub.topics) w.str(t);
  w.i32(-1);
  return w.take();
}

std::optional<proto::GroupSubscription> decode_subscription(const std::string& bytes) {
  Reader r(bytes);
  if (r.fixed(2) != 0) return std::nullopt;
  const auto n = r.fixed(4);
  if (!n || *n < 0) return std::nullopt;
  proto::GroupSubscription sub;
  for (int64_t i = 0; i < *n; ++i) {
    auto t = r.str();
    if (!t) return std::nullopt;
    sub.topics.push_back(std::move(*t));
  }
  return sub;
}

// ConsumerProtocolAssignment v0: partitions by topic, then null user data.
std::string encode_assignment(const std::vector<kafka::TopicPartition>& parts) {
  std::map<std::string, std::vector<int32_t>> by_topic;
  for (const kafka::TopicPartition& tp : parts) by_topic[tp.topic].push_back(tp.partition);
  Writer w;
  w.i16(0);
  w.i32(static_cast<int32_t>(by_topic.size()));
  for (const auto& [topic, ps] : by_topic) {
    w.str(topic);
    w.i32(static_cast<int32_t>(ps.size()));
    for (int32_t p : ps) w.i32(p);
  }
  w.i32(-1);
  return w.take();
}

std::optional<std::vector<kafka::TopicPartition>> decode_assignment(const std::string& bytes) {
  Reader r(bytes);
  if (r.fixed(2) != 0) return std::nullopt;
  const auto topics = r.fixed(4);
  if (!topics || *topics < 0) return std::nullopt;
  std::vector<kafka::TopicPartition> out;
  for (int64_t i = 0; i < *topics; ++i) {
    auto topic = r.str();
    const auto n = r.fixed(4);
    if (!topic || !n || *n < 0) return std::nullopt;
    for (int64_t j = 0; j < *n; ++j) {
      const auto p = r.fixed(4);
      if (!p) return std::nullopt;
      out.push_back(kafka::TopicPartition{*topic, static_cast<int32_t>(*p)});
    }
  }
  return out;
}

}  // namespace

std::string encode_group_value(const GroupState& g, int64_t now_ms) {
  Writer w;
  w.i16(3);
  w.str(g.protocol_type);
  w.i32(g.generation);
  w.nullable_str(g.protocol_name.empty() ? std::nullopt : std::optional(g.protocol_name));
  w.nullable_str(g.leader_id.empty() ? std::nullopt : std::optional(g.leader_id));
  w.i64(now_ms);
  w.i32(static_cast<int32_t>(g.members.size()));
  for (const GroupMember& m : g.members) {
    w.str(m.member_id);
    w.nullable_str(m.group_instance_id);
    w.str(m.client_id);
    w.str(fmt::format("/node-{}", m.node.value));  // client host
    w.i32(m.rebalance_timeout_ms);
    w.i32(m.session_timeout_ms);
    proto::GroupSubscription sub;
    for (const proto::JoinGroupProtocol& p : m.protocols) {
      if (p.name == g.protocol_name) sub = p.subscription;
    }
    w.bytes(encode_subscription(sub));
    w.bytes(encode_assignment(m.assignment));
  }
  return w.take();
}

std::optional<GroupState> decode_group_value(const std::string& group_id,
                                             const std::string& bytes) {
  Reader r(bytes);
  if (r.fixed(2) != 3) return std::nullopt;
  GroupState g;
  g.group_id = group_id;
  auto protocol_type = r.str();
  const auto generation = r.fixed(4);
  auto protocol = r.nullable_str();
  auto leader = r.nullable_str();
  const auto ts = r.fixed(8);
  const auto count = r.fixed(4);
  if (!protocol_type || !generation || !protocol || !leader || !ts || !count || *count < 0) {
    return std::nullopt;
  }
  g.protocol_type = std::move(*protocol_type);
  g.generation = static_cast<int32_t>(*generation);
  g.protocol_name = protocol->value_or("");
  g.leader_id = leader->value_or("");
  for (int64_t i = 0; i < *count; ++i) {
    GroupMember m;
    auto id = r.str();
    auto instance = r.nullable_str();
    auto client = r.str();
    auto host = r.str();
    const auto rebalance = r.fixed(4);
    const auto session = r.fixed(4);
    auto sub = r.bytes();
    auto assignment = r.bytes();
    if (!id || !instance || !client || !host || !rebalance || !session || !sub || !assignment) {
      return std::nullopt;
    }
    const auto subscription = decode_subscription(*sub);
    const auto partitions = decode_assignment(*assignment);
    if (!subscription || !partitions) return std::nullopt;
    m.member_id = std::move(*id);
    m.group_instance_id = std::move(*instance);
    m.client_id = std::move(*client);
    m.rebalance_timeout_ms = static_cast<int32_t>(*rebalance);
    m.session_timeout_ms = static_cast<int32_t>(*session);
    m.protocols.push_back(proto::JoinGroupProtocol{g.protocol_name, *subscription});
    m.assignment = std::move(*partitions);
    g.members.push_back(std::move(m));
  }
  if (!r.done()) return std::nullopt;
  g.phase = g.members.empty() ? GroupPhase::kEmpty : GroupPhase::kStable;
  return g;
}

std::string encode_key(const OffsetCommitKey& k) {
  Writer w;
  w.i16(1);
  w.str(k.group);
  w.str(k.tp.topic);
  w.i32(k.tp.partition);
  return w.take();
}

std::string encode_key(const GroupMetadataKey& k) {
  Writer w;
  w.i16(2);
  w.str(k.group);
  return w.take();
}

std::string encode_value(const OffsetCommitValue& v) {
  Writer w;
  w.i16(3);
  w.i64(v.offset);
  w.i32(v.leader_epoch);
  w.str(v.metadata);
  w.i64(v.commit_timestamp_ms);
  return w.take();
}

std::optional<OffsetsTopicKey> decode_key(const std::string& bytes) {
  Reader r(bytes);
  const auto version = r.fixed(2);
  if (version == 0 || version == 1) {
    auto group = r.str();
    auto topic = r.str();
    const auto partition = r.fixed(4);
    if (!group || !topic || !partition || !r.done()) return std::nullopt;
    return OffsetCommitKey{*group, kafka::TopicPartition{*topic, static_cast<int32_t>(*partition)}};
  }
  if (version == 2) {
    auto group = r.str();
    if (!group || !r.done()) return std::nullopt;
    return GroupMetadataKey{*group};
  }
  return std::nullopt;
}

std::optional<OffsetCommitValue> decode_offset_value(const std::string& bytes) {
  Reader r(bytes);
  if (r.fixed(2) != 3) return std::nullopt;
  OffsetCommitValue v;
  const auto offset = r.fixed(8);
  const auto epoch = r.fixed(4);
  auto metadata = r.str();
  const auto ts = r.fixed(8);
  if (!offset || !epoch || !metadata || !ts || !r.done()) return std::nullopt;
  v.offset = *offset;
  v.leader_epoch = static_cast<int32_t>(*epoch);
  v.metadata = std::move(*metadata);
  v.commit_timestamp_ms = *ts;
  return v;
}

std::string describe_offsets_record(const std::optional<std::string>& key,
                                    const std::optional<std::string>& value) {
  const std::optional<OffsetsTopicKey> k = key ? decode_key(*key) : std::nullopt;
  if (!k) return "not a group coordinator record";
  if (const auto* offset = std::get_if<OffsetCommitKey>(&*k)) {
    const std::string where =
        fmt::format("offset {} {}", offset->group, kafka::to_string(offset->tp));
    if (!value) return "tombstone " + where;
    const std::optional<OffsetCommitValue> v = decode_offset_value(*value);
    return v ? fmt::format("{} = {}", where, v->offset) : where + " = ?";
  }
  const auto& group = std::get<GroupMetadataKey>(*k);
  return value ? "group " + group.group : "tombstone group " + group.group;
}

}  // namespace ksim::cluster
