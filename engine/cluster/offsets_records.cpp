#include "engine/cluster/offsets_records.h"

#include <fmt/format.h>

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
  bool done() const { return at_ == in_.size(); }

 private:
  const std::string& in_;
  size_t at_ = 0;
};

}  // namespace

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
