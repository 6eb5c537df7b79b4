#include "cli/shell/shell_session.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <iostream>

#include "cli/shell/tool_args.h"
#include "cli/shell/tools.h"
#include "engine/scenario/build.h"
#include "engine/scenario/loader.h"
#include "engine/sim/check.h"

namespace ksim::cli::shell {

using Json = nlohmann::ordered_json;

namespace {

world::World build_to(const scenario::Scenario& s, uint64_t seed, trace::Trace& trace, SimTime at,
                      int64_t steps) {
  world::World w = scenario::build_world(s, seed);
  while (w.steps_done < steps && world::step(w, &trace, at) == world::StepResult::kStepped) {
  }
  return w;
}

// "bin/kafka-topics.sh" -> "kafka-topics".
std::string tool_name(std::string word) {
  if (const size_t slash = word.rfind('/'); slash != std::string::npos) word.erase(0, slash + 1);
  if (word.size() > 3 && word.compare(word.size() - 3, 3, ".sh") == 0) word.resize(word.size() - 3);
  return word;
}

constexpr const char* kHelp =
    R"(Kafka's CLI tools, run against the simulated cluster (docs/shell.md):
  kafka-topics --bootstrap-server HOST:PORT --list | --describe [--topic T] | --create --topic T
      [--partitions N] [--replication-factor N] [--config k=v] [--if-not-exists] | --delete --topic T
      | --alter --topic T --partitions N
  kafka-console-producer --bootstrap-server HOST:PORT --topic T [--property parse.key=true]
      [--property key.separator=:] [--producer-property k=v] [--request-required-acks A] [--sync]
      then one record per line; Ctrl-D (end of input) stops it
  kafka-console-consumer --bootstrap-server HOST:PORT --topic T [--from-beginning] [--group G]
      [--partition P [--offset O]] [--max-messages N] [--timeout-ms MS]
      [--property print.key=true] (print.partition, print.offset, print.timestamp, print.value)
  kafka-consumer-groups --bootstrap-server HOST:PORT --list | --describe --group G
      [--members [--verbose] | --state | --offsets] | --reset-offsets --group G --topic T
      --to-earliest | --to-latest | --to-offset N | --shift-by N  [--dry-run | --execute]
Brokers answer at broker-N:9092, or at localhost:9092, localhost:9093, ... (any host name).
Shell commands:
  sleep SECONDS   let the scenario run on
  time            where the run is now
  help            this text
  exit            leave, printing what the shell added as scenario JSON
)";

}  // namespace

Session::Session(Json doc, std::string file, scenario::Scenario scenario, uint64_t seed, SimTime at,
                 int64_t steps)
    : doc_(std::move(doc)),
      file_(std::move(file)),
      scenario_(std::move(scenario)),
      seed_(seed),
      trace_(trace::TraceHeader{.scenario = scenario_.name, .seed = seed}),
      world_(build_to(scenario_, seed_, trace_, at, steps)) {}

bool Session::reload(const Json& before, std::ostream& err) {
  const scenario::LoadResult loaded = scenario::load_text(doc_.dump(), file_);
  if (!loaded.scenario) {
    for (const scenario::Diagnostic& d : loaded.problems) {
      err << "kafkasim: the scenario cannot take this command: " << scenario::to_string(d) << "\n";
    }
    doc_ = before;
    return false;
  }
  scenario_ = *loaded.scenario;
  const int64_t target = world_.steps_done;
  trace_ = trace::Trace(trace_.header());
  world_ = build_to(scenario_, seed_, trace_, SimTime::never(), target);
  // Invariant: a fork only adds what happens after the current step, so the replay gets there.
  KSIM_ASSERT(world_.steps_done == target, "the forked run reaches the shell's step");
  return true;
}

Json Session::anchored(Json action) const {
  Json a = Json::object();
  if (world_.steps_done == 0) {
    a["at_ms"] = 0;
  } else {
    a["after_step"] = world_.steps_done - 1;
  }
  for (auto& [k, v] : action.items()) a[k] = v;
  return a;
}

bool Session::fork(const std::string& command, std::vector<Json> actions, std::ostream& err) {
  const Json before = doc_;
  std::vector<Json> added;
  if (!command.empty())
    added.push_back(anchored(Json{{"action", "note"}, {"text", "$ " + command}}));
  for (Json& a : actions) added.push_back(anchored(std::move(a)));
  Json& timeline = doc_["timeline"];
  if (!timeline.is_array()) timeline = Json::array();
  for (const Json& a : added) timeline.push_back(a);
  if (!reload(before, err)) return false;
  added_actions_.insert(added_actions_.end(), added.begin(), added.end());
  return true;
}

bool Session::start_client(const std::string& command, const char* list, Json client,
                           std::vector<Json> actions, std::ostream& err) {
  const Json before = doc_;
  if (world_.steps_done == 0) {
    client["start_ms"] = 0;
  } else {
    client["start_after_step"] = world_.steps_done - 1;
  }
  Json& clients = doc_["cluster"][list];
  if (!clients.is_array()) clients = Json::array();
  clients.push_back(client);
  if (!fork(command, std::move(actions), err)) {
    doc_ = before;
    return false;
  }
  added_clients_.emplace_back(list, std::move(client));
  return true;
}

bool Session::advance_until(const std::function<bool(const world::World&)>& done, SimTime limit) {
  const SimTime deadline = world_.now() + limit;
  while (!done(world_)) {
    if (world::step(world_, &trace_, deadline) != world::StepResult::kStepped) return false;
  }
  return true;
}

void Session::advance(SimTime duration) {
  const SimTime deadline = world_.now() + duration;
  while (world::step(world_, &trace_, deadline) == world::StepResult::kStepped) {
  }
}

std::optional<std::string> Session::bootstrap_broker(const std::string& servers) const {
  const int32_t brokers = scenario_.cluster ? scenario_.cluster->brokers : 0;
  size_t at = 0;
  while (at <= servers.size()) {
    size_t end = servers.find(',', at);
    if (end == std::string::npos) end = servers.size();
    const std::string server = servers.substr(at, end - at);
    at = end + 1;
    const size_t colon = server.rfind(':');
    const std::string host = server.substr(0, colon);
    for (int32_t id = 1; id <= brokers; ++id) {
      if (host == fmt::format("broker-{}", id)) return host;
    }
    if (colon == std::string::npos) continue;
    const std::string port = server.substr(colon + 1);
    if (port.empty() || port.size() > 5 ||
        !std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      continue;
    }
    const int32_t id = std::stoi(port) - 9092 + 1;
    if (id >= 1 && id <= brokers) return fmt::format("broker-{}", id);
  }
  return std::nullopt;
}

bool Session::running(const std::string& node) const {
  for (size_t i = 0; i < world_.nodes.size(); ++i) {
    if (world_.nodes[i].name == node) return world_.rt.status[i].up;
  }
  return false;
}

std::string Session::fresh_name(const std::string& base) const {
  for (int n = 1;; ++n) {
    const std::string name = fmt::format("{}-{}", base, n);
    if (std::find(scenario_.nodes.begin(), scenario_.nodes.end(), name) == scenario_.nodes.end()) {
      return name;
    }
  }
}

std::string Session::prompt() const {
  if (producer_mode_) return ">";
  return fmt::format("{} @ {:.3f} s> ", scenario_.name, static_cast<double>(world_.now().us) / 1e6);
}

bool Session::line(const std::string& text, std::ostream& out, std::ostream& err) {
  if (producer_mode_) {
    console_producer_line(*this, text, out, err);
    return true;
  }
  const auto words = split_words(text);
  if (!words) {
    err << "kafkasim: a quote is not closed\n";
    return true;
  }
  if (words->empty() || words->front().front() == '#') return true;
  const std::string tool = tool_name(words->front());
  const std::vector<std::string> args(words->begin() + 1, words->end());
  if (tool == "exit" || tool == "quit") return false;
  if (tool == "help") {
    out << kHelp;
  } else if (tool == "time") {
    out << fmt::format("{} ms, step {}\n", world_.now().ms(), world_.steps_done);
  } else if (tool == "sleep") {
    double seconds = -1;
    if (args.size() == 1) {
      try {
        seconds = std::stod(args[0]);
      } catch (const std::exception&) {
        seconds = -1;
      }
    }
    if (seconds < 0 || seconds > 86400) {
      err << "sleep: give a number of seconds (0 to 86400)\n";
    } else {
      advance(SimTime::from_us(static_cast<int64_t>(seconds * 1e6)));
    }
  } else if (tool == "kafka-topics") {
    kafka_topics(*this, args, text, out, err);
  } else if (tool == "kafka-console-producer") {
    kafka_console_producer(*this, args, text, out, err);
  } else if (tool == "kafka-console-consumer") {
    kafka_console_consumer(*this, args, text, out, err);
  } else if (tool == "kafka-consumer-groups") {
    kafka_consumer_groups(*this, args, text, out, err);
  } else {
    err << fmt::format("kafkasim shell: {}: command not found (type help)\n", words->front());
  }
  return true;
}

bool Session::end_of_input(std::ostream& out, std::ostream& err) {
  if (!producer_mode_) return false;
  console_producer_end(*this, out, err);
  return true;
}

void Session::interact(std::istream& in, std::ostream& out, std::ostream& err, bool prompts) {
  for (;;) {
    if (prompts) out << prompt() << std::flush;
    std::string text;
    if (!std::getline(in, text)) {
      if (prompts) out << "\n";
      if (!end_of_input(out, err)) return;
      // A terminal's Ctrl-D ended the producer; the shell reads on. std::cin reads through C's
      // stdin, whose end-of-file flag sticks until cleared.
      in.clear();
      if (&in == &std::cin) std::clearerr(stdin);
      continue;
    }
    if (!line(text, out, err)) return;
  }
}

Json Session::saved_document() const {
  Json doc = doc_;
  // A run stops at stop_at_ms: the saved lesson must run past the shell's last moment.
  const int64_t stop_ms = doc.value("stop_at_ms", int64_t{0});
  if (changed() && world_.now().ms() >= stop_ms) {
    doc["stop_at_ms"] = (world_.now().ms() / 1000 + 2) * 1000;
  }
  return doc;
}

std::string Session::additions_text() const {
  if (!changed()) return "";
  Json add = Json::object();
  for (const auto& [list, client] : added_clients_) add["cluster"][list].push_back(client);
  add["timeline"] = added_actions_;
  const Json saved = saved_document();
  if (saved.value("stop_at_ms", int64_t{0}) != doc_.value("stop_at_ms", int64_t{0})) {
    add["stop_at_ms"] = saved["stop_at_ms"];
  }
  return fmt::format(
      "# What this shell added, as scenario JSON: put the clients in \"cluster\" and the actions\n"
      "# at the end of \"timeline\" of {} (or use --save FILE), and kafkasim run replays it.\n{}\n",
      file_, add.dump(2));
}

}  // namespace ksim::cli::shell
