// Kafka 3.9's command-line tools as kafkasim shell runs them: each takes the words after the
// tool's name and the whole line as typed (saved as the lesson's narration when it forks),
// and writes what the tool would write to stdout and stderr. Errors are Kafka's own words;
// where kafkasim adds something (a hint, what it simulates differently) the line starts with
// "kafkasim:". docs/shell.md lists the options each tool accepts.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "cli/shell/shell_session.h"

namespace ksim::cli::shell {

using Words = std::vector<std::string>;

// kafka-topics: --list, --describe, --create, --delete, --alter --partitions.
void kafka_topics(Session& s, const Words& args, const std::string& command, std::ostream& out,
                  std::ostream& err);
// kafka-console-producer: starts a producer, then each line the learner types is a record.
void kafka_console_producer(Session& s, const Words& args, const std::string& command,
                            std::ostream& out, std::ostream& err);
void console_producer_line(Session& s, const std::string& line, std::ostream& out,
                           std::ostream& err);
void console_producer_end(Session& s, std::ostream& out, std::ostream& err);
// kafka-console-consumer: a consumer that runs until it has been idle a while (the learner's
// Ctrl-C), printing what it consumed.
void kafka_console_consumer(Session& s, const Words& args, const std::string& command,
                            std::ostream& out, std::ostream& err);
// kafka-consumer-groups: --list, --describe, --reset-offsets.
void kafka_consumer_groups(Session& s, const Words& args, const std::string& command,
                           std::ostream& out, std::ostream& err);

// Shared by the tools (tool_common.cpp).
// Said after JOpt Simple refuses --zookeeper, as every Kafka 3.x tool does.
inline constexpr const char* kZookeeperHint =
    "kafkasim: Kafka 3.x tools no longer talk to ZooKeeper (KIP-500: the cluster keeps its "
    "metadata in its own KRaft quorum); use --bootstrap-server localhost:9092";
// The running broker a tool's --bootstrap-server (or --broker-list) names; nullopt after
// printing the warning Kafka's client logs when no broker answers (with a kafkasim hint).
std::optional<std::string> reachable_bootstrap(const Session& s, const std::string& servers,
                                               std::ostream& err);
// The broker on node `name` (a name bootstrap_broker returned).
const cluster::Broker& broker_node(const Session& s, const std::string& name);
// Creates `topic` as a broker's auto.create.topics.enable would (num.partitions,
// default.replication.factor) when it does not exist; false (after printing the client's
// error) when auto-creation is off.
bool ensure_topic(Session& s, const std::string& topic, std::ostream& err);

}  // namespace ksim::cli::shell
