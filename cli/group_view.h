// What kafka-consumer-groups would learn about a group at one moment of a run: the group as its
// coordinator holds it, its committed offsets, and each partition's log end offset (the high
// watermark) from the partition's leader.
#pragma once

#include <string>
#include <vector>

#include "cli/group_describe.h"
#include "engine/world/world.h"

namespace ksim::cli {

// The group `group` in `w`; a group no running coordinator knows is reported Dead, as Kafka
// 3.9's coordinator reports an unknown group.
GroupView group_view(const world::World& w, const std::string& group);

// Every group some running coordinator knows, sorted by id (kafka-consumer-groups --list).
std::vector<std::string> group_ids(const world::World& w);

}  // namespace ksim::cli
