// kafkasim shell: Kafka's CLI tools run against the simulated cluster at one moment of a run.
// The session holds the scenario as its JSON document and the world at the current moment.
// A command that changes the cluster forks the run: it appends the actions it takes (anchored
// right after the last step delivered, so they replay there exactly) and any client it starts
// to the document, rebuilds the world from the document and replays it to the current step,
// then advances simulated time until the command is done. So the shell's world is always the
// world of its own scenario file, and `exit` can print what the shell added as scenario JSON.
// Commands that only read (--list, --describe) answer from the current world.
#pragma once

#include <functional>
#include <istream>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "engine/scenario/scenario.h"
#include "engine/trace/trace.h"
#include "engine/world/world.h"

namespace ksim::cli::shell {

class Session {
 public:
  // `doc` and `scenario` are the same file (`file` names it in messages); the session starts
  // at `at` (a simulated time) or after `steps` steps, whichever comes first.
  Session(nlohmann::ordered_json doc, std::string file, scenario::Scenario scenario, uint64_t seed,
          SimTime at, int64_t steps);

  // One line typed at the prompt (or, while a console producer reads, one record). Returns
  // false when the learner typed exit.
  bool line(const std::string& text, std::ostream& out, std::ostream& err);
  // End of input (Ctrl-D): ends a console producer; returns false when the shell itself ends.
  bool end_of_input(std::ostream& out, std::ostream& err);
  // Reads lines from `in` until exit or the end of input (a terminal's Ctrl-D only ends a
  // console producer), with a prompt when `prompts`.
  void interact(std::istream& in, std::ostream& out, std::ostream& err, bool prompts);

  std::string prompt() const;
  // What the shell added to the scenario, as scenario JSON with a comment line on how to use
  // it; empty when the shell changed nothing.
  std::string additions_text() const;
  // The whole forked scenario: the original with the additions, its stop time moved past the
  // shell's last moment.
  nlohmann::ordered_json saved_document() const;
  bool changed() const { return !added_actions_.empty() || !added_clients_.empty(); }

  // For the tools (cli/shell/tools.h).
  const world::World& world() const { return world_; }
  const trace::Trace& trace() const { return trace_; }
  const scenario::Scenario& scenario() const { return scenario_; }
  uint64_t seed() const { return seed_; }
  // The broker node a bootstrap list names (host:port,...): broker-N:PORT, or any host with
  // port 9092 + N - 1; the first that names a broker of the cluster. nullopt when none does.
  std::optional<std::string> bootstrap_broker(const std::string& servers) const;
  bool running(const std::string& node) const;
  // A node name not yet used: "<base>-1", "<base>-2", ...
  std::string fresh_name(const std::string& base) const;

  // Forks the run with timeline actions (as the scenario file writes them, without a time):
  // they happen now, after a note with `command` (unless "") so the saved lesson narrates it.
  // Prints the loader's problems and returns false when the scenario refuses them.
  bool fork(const std::string& command, std::vector<nlohmann::ordered_json> actions,
            std::ostream& err);
  // Adds a client ("producers" or "consumers") that starts now, with its first actions.
  bool start_client(const std::string& command, const char* list, nlohmann::ordered_json client,
                    std::vector<nlohmann::ordered_json> actions, std::ostream& err);
  // Steps until `done` holds or `limit` of simulated time has passed; true when done.
  bool advance_until(const std::function<bool(const world::World&)>& done, SimTime limit);
  // Lets the scenario run on for `duration` (the shell's sleep).
  void advance(SimTime duration);

  // A console producer reading records: the tool's state, kept between lines.
  struct ProducerMode {
    std::string node;
    std::string topic;
    bool parse_key = false;
    std::string key_separator = "\t";
    std::optional<std::string> null_marker;
    int64_t lines = 0;
  };
  std::optional<ProducerMode>& producer_mode() { return producer_mode_; }

 private:
  // Rebuilds the world from the document and replays it to `steps`; false (the document
  // restored to `before`) with the loader's problems printed when the document does not load.
  bool reload(const nlohmann::ordered_json& before, std::ostream& err);
  nlohmann::ordered_json anchored(nlohmann::ordered_json action) const;

  nlohmann::ordered_json doc_;
  std::string file_;
  scenario::Scenario scenario_;
  uint64_t seed_;
  trace::Trace trace_;  // before world_: building the world records into it
  world::World world_;
  std::vector<nlohmann::ordered_json> added_actions_;
  std::vector<std::pair<std::string, nlohmann::ordered_json>> added_clients_;  // (list, client)
  std::optional<ProducerMode> producer_mode_;
};

}  // namespace ksim::cli::shell
