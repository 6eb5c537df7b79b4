// The kafkasim subcommands. Each returns the process exit code; output goes to the given
// streams so tests can run them in-process. Option parsing lives only in main.cpp.
#pragma once

#include <cstdint>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

namespace ksim::cli {

struct RunOptions {
  std::string scenario;
  std::optional<uint64_t> seed;      // default: the scenario's
  std::optional<int64_t> until_ms;   // default: the scenario's stop time
  std::optional<int64_t> max_steps;  // default: no limit
  std::string trace_file;            // JSON Lines trace; "" for none, "-" for stdout
  bool contrast = false;             // run the lesson's contrast variant
  bool progress = false;             // a progress bar on stderr (main: when it is a terminal)
};
// Exit codes: 0 when every expectation holds, 1 when one fails or is never reached, 2 for a
// broken scenario file, 3 when an engine invariant broke (a kafkasim bug, docs/invariants.md).
int run_command(const RunOptions& o, std::ostream& out, std::ostream& err);

struct StepOptions {
  std::string scenario;
  std::optional<uint64_t> seed;
  bool replay = false;  // print every step without waiting for commands
  int delay_ms = 0;     // pause between replayed lines (for a watchable terminal replay)
};
int step_command(const StepOptions& o, std::istream& in, std::ostream& out, std::ostream& err);

struct DescribeOptions {
  std::string scenario;
  std::optional<uint64_t> seed;
  std::optional<int64_t> at_ms;      // the moment: a simulated time ...
  std::optional<int64_t> step;       // ... or the number of steps delivered
  bool topics = false;               // kafka-topics --describe
  bool groups = false;               // kafka-consumer-groups --describe --all-groups
  std::optional<std::string> group;  // kafka-consumer-groups --describe --group G
  bool members = false;              // ... --members
  bool verbose = false;              // ... --members --verbose
  bool state = false;                // ... --state
  bool offsets = false;              // ... --offsets (the default view)
  bool list = false;                 // kafka-consumer-groups --list
};
// Kafka's CLI view of the cluster at one moment of the run.
int describe_command(const DescribeOptions& o, std::ostream& out, std::ostream& err);

struct ExportOptions {
  std::string scenario;
  std::optional<uint64_t> seed;
  std::string format;           // a name from export_formats() (cli/export/exporter.h)
  std::optional<int64_t> from;  // the window's first step (default 0)
  std::optional<int64_t> to;    // one past its last step (default: the end of the run)
  std::string output = "-";     // a file, or "-" for stdout
};
// The recorded run, or a window of it, in another format (jsonl, csv, ...).
int export_command(const ExportOptions& o, std::ostream& out, std::ostream& err);

struct ShellOptions {
  std::string scenario;
  std::optional<uint64_t> seed;
  std::optional<int64_t> at_ms;  // the moment: a simulated time (default: the scenario's end)
  std::optional<int64_t> step;   // ... or the number of steps delivered
  std::string save;              // write the forked scenario here at exit ("": don't)
  bool prompts = false;          // print prompts (main: when stdin is a terminal)
};
// Kafka's CLI tools against the simulated cluster at one moment (cli/shell/shell_session.h).
// At exit prints what the commands added as scenario JSON. Exit code 2 for a broken scenario.
int shell_command(const ShellOptions& o, std::istream& in, std::ostream& out, std::ostream& err);

struct ExploreOptions {
  std::string scenario;
  int64_t seeds = 100;      // how many seeds to try
  uint64_t first_seed = 1;  // seeds first_seed, first_seed + 1, ...
  std::string faults = "crash,restart,partition,loss,slow";  // the kinds to inject
  int32_t max_faults = 4;                                    // per seed
  int64_t min_fault_ms = 1000;                               // every fault lasts at least this
  int64_t max_fault_ms = 15000;
  int64_t budget_steps = 1000000;      // the converge phase's step budget
  std::string json_file;               // the figures as JSON ("": none)
  std::string repro_dir = ".";         // where a shrunk repro is written
  std::optional<uint64_t> write_seed;  // only write this seed's faulted scenario, unshrunk
  std::string target;                  // the invariant to shrink ("": the first found)
};
// Seeded random fault schedules against a scenario, with the invariants checked at every step
// (docs/explore.md). Exit 0 when no invariant broke, 1 when one did (a repro is written), 2 for
// a broken scenario or option.
int explore_command(const ExploreOptions& o, std::ostream& out, std::ostream& err);

int validate_command(const std::vector<std::string>& scenarios, std::ostream& out,
                     std::ostream& err);

int lessons_command(std::ostream& out, std::ostream& err);

}  // namespace ksim::cli
