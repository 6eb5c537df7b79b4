// kafka-consumer-groups.sh --reset-offsets, as Kafka 3.9's ConsumerGroupCommand prints the
// outcome the coordinator reported: its error, or the planned offsets in a table whose GROUP and
// TOPIC columns are as wide as their longest value (at least 15), partitions in the tool's
// HashMap order.
#pragma once

#include "cli/group_describe.h"
#include "engine/cluster/group_coordinator.h"

namespace ksim::cli {

ToolOutput reset_offsets_output(const cluster::ResetOffsetsOutcome& outcome);

// The warning the tool prints when neither --dry-run nor --execute is given (a dry run).
inline constexpr const char* kResetWithoutExecuteWarning =
    "WARN: No action will be performed as the --execute option is missing.In a future major "
    "release, the default behavior of this command will be to prompt the user before executing "
    "the reset rather than doing a dry run. You should add the --dry-run option explicitly if you "
    "are scripting this command and want to keep the current default behavior without "
    "prompting.";

}  // namespace ksim::cli
