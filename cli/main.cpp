// kafkasim: run, step through and validate lesson scenarios. Option parsing only; each
// subcommand lives in its own file (commands.h).
#include <fmt/format.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/commands.h"
#include "cli/export/exporter.h"
#include "cli/partition_command.h"

int main(int argc, char** argv) {
  using namespace ksim::cli;
  CLI::App app{"kafkasim: a step-through simulator of Apache Kafka internals"};
  app.require_subcommand(1);

  RunOptions run;
  auto* run_cmd = app.add_subcommand(
      "run",
      "Run a scenario, print a summary, every expectation's result and every invariant "
      "observation (exit 0 only if all expectations hold; 3 if an engine invariant broke)");
  run_cmd->add_option("scenario", run.scenario, "Scenario file or lesson name")->required();
  run_cmd->add_option("--seed", run.seed, "Seed (default: the scenario's)");
  auto* until = run_cmd->add_option("--until", run.until_ms, "Stop at this simulated time (ms)")
                    ->check(CLI::NonNegativeNumber);
  run_cmd->add_option("--steps", run.max_steps, "Stop after this many steps")
      ->check(CLI::NonNegativeNumber)
      ->excludes(until);
  run_cmd->add_flag("--contrast", run.contrast,
                    "Run the lesson's contrast variant (one setting flipped; an expect fails)");
  run_cmd->add_option("--trace", run.trace_file, "Write the JSON Lines trace here ('-': stdout)");

  StepOptions step;
  auto* step_cmd = app.add_subcommand("step", "Step through a scenario in the terminal");
  step_cmd->add_option("scenario", step.scenario, "Scenario file or lesson name")->required();
  step_cmd->add_option("--seed", step.seed, "Seed (default: the scenario's)");
  step_cmd->add_flag("--replay", step.replay, "Print every step without waiting for commands");
  step_cmd->add_option("--delay-ms", step.delay_ms, "Pause between replayed steps")
      ->check(CLI::Range(0, 10000));

  std::vector<std::string> to_validate;
  auto* validate_cmd = app.add_subcommand("validate", "Check scenario files, report every problem");
  validate_cmd->add_option("scenarios", to_validate, "Scenario files or lesson names")->required();

  auto* lessons_cmd = app.add_subcommand("lessons", "List the lessons in scenarios/");

  DescribeOptions describe;
  auto* describe_cmd = app.add_subcommand(
      "describe",
      "Kafka's CLI view of the cluster at a moment of the run (kafka-topics --describe, "
      "kafka-consumer-groups --describe)");
  describe_cmd->add_option("scenario", describe.scenario, "Scenario file or lesson name")
      ->required();
  describe_cmd->add_option("--seed", describe.seed, "Seed (default: the scenario's)");
  auto* at = describe_cmd->add_option("--at", describe.at_ms, "Simulated time, in ms");
  describe_cmd->add_option("--step", describe.step, "Number of steps delivered")->excludes(at);
  describe_cmd->add_flag("--topics", describe.topics, "kafka-topics.sh --describe");
  describe_cmd->add_flag("--groups", describe.groups,
                         "kafka-consumer-groups.sh --describe --all-groups");
  describe_cmd->add_option("--group", describe.group,
                           "kafka-consumer-groups.sh --describe --group");
  describe_cmd->add_flag("--list", describe.list, "kafka-consumer-groups.sh --list");
  describe_cmd->add_flag("--members", describe.members, "with --group/--groups: the members");
  describe_cmd->add_flag("--verbose", describe.verbose, "with --members: their assignments");
  describe_cmd->add_flag("--state", describe.state, "with --group/--groups: the group's state");
  describe_cmd->add_flag("--offsets", describe.offsets,
                         "with --group/--groups: committed offsets and lag (the default)");

  ExportOptions exporting;
  auto* export_cmd =
      app.add_subcommand("export", "Write the run (or a window of it) in another format");
  export_cmd->add_option("scenario", exporting.scenario, "Scenario file or lesson name")
      ->required();
  std::string format_help = "The format:";
  std::vector<std::string> format_names;
  for (const ExportFormat& f : export_formats()) {
    format_help += fmt::format("\n  {:<10} {}", f.name, f.summary);
    format_names.emplace_back(f.name);
  }
  export_cmd->add_option("--format", exporting.format, format_help)
      ->required()
      ->check(CLI::IsMember(format_names));
  export_cmd->add_option("--seed", exporting.seed, "Seed (default: the scenario's)");
  export_cmd->add_option("--from", exporting.from, "First step of the window (default 0)")
      ->check(CLI::NonNegativeNumber);
  export_cmd->add_option("--to", exporting.to, "One past the window's last step (default: the end)")
      ->check(CLI::NonNegativeNumber);
  export_cmd->add_option("-o,--output", exporting.output, "Output file ('-': stdout)");

  ShellOptions shell;
  auto* shell_cmd = app.add_subcommand(
      "shell",
      "Kafka's CLI tools (kafka-topics, kafka-console-producer, kafka-console-consumer, "
      "kafka-consumer-groups) against the simulated cluster at a moment of the run");
  shell_cmd->add_option("scenario", shell.scenario, "Scenario file or lesson name")->required();
  shell_cmd->add_option("--seed", shell.seed, "Seed (default: the scenario's)");
  auto* shell_at =
      shell_cmd->add_option("--at", shell.at_ms, "Simulated time, in ms (default: the end)")
          ->check(CLI::NonNegativeNumber);
  shell_cmd->add_option("--step", shell.step, "Number of steps delivered")
      ->check(CLI::NonNegativeNumber)
      ->excludes(shell_at);
  shell_cmd->add_option("--save", shell.save, "At exit, write the forked scenario to this file");

  ExploreOptions explore;
  auto* explore_cmd = app.add_subcommand(
      "explore",
      "Seeded random faults against a scenario with every invariant checked at every step; "
      "shrinks the first violation to a repro scenario");
  explore_cmd->add_option("scenario", explore.scenario, "Scenario file or lesson name")->required();
  explore_cmd->add_option("--seeds", explore.seeds, "How many seeds to try")
      ->check(CLI::PositiveNumber);
  explore_cmd->add_option("--first-seed", explore.first_seed, "The first seed (default 1)");
  explore_cmd->add_option("--faults", explore.faults,
                          "Fault kinds, comma-separated: crash,restart,partition,loss,slow");
  explore_cmd->add_option("--max-faults", explore.max_faults, "Faults per seed at most")
      ->check(CLI::Range(1, 50));
  explore_cmd->add_option("--min-fault-ms", explore.min_fault_ms, "Shortest fault")
      ->check(CLI::PositiveNumber);
  explore_cmd->add_option("--max-fault-ms", explore.max_fault_ms, "Longest fault")
      ->check(CLI::PositiveNumber);
  explore_cmd
      ->add_option("--budget-steps", explore.budget_steps,
                   "Steps the converge phase may take after the heal")
      ->check(CLI::PositiveNumber);
  explore_cmd->add_option("--json", explore.json_file, "Write the figures as JSON here");
  explore_cmd->add_option("--repro-dir", explore.repro_dir, "Where to write the shrunk repro");
  explore_cmd->add_option("--write-seed", explore.write_seed,
                          "Only write this seed's scenario with its faults (to look at it)");
  explore_cmd->add_option(
      "--target", explore.target,
      "The invariant whose first violation is shrunk (default: the first found)");

  int32_t partitions = 0;
  std::vector<std::string> keys;
  auto* partition_cmd = app.add_subcommand(
      "partition", "The partition Kafka's default partitioner picks for each key (murmur2)");
  partition_cmd->add_option("--partitions", partitions, "Number of partitions")->required();
  partition_cmd->add_option("keys", keys, "Keys (UTF-8 strings)")->required();

  CLI11_PARSE(app, argc, argv);
  run.progress = isatty(STDERR_FILENO) != 0;
  if (run_cmd->parsed()) return run_command(run, std::cout, std::cerr);
  if (step_cmd->parsed()) return step_command(step, std::cin, std::cout, std::cerr);
  if (validate_cmd->parsed()) return validate_command(to_validate, std::cout, std::cerr);
  if (lessons_cmd->parsed()) return lessons_command(std::cout, std::cerr);
  if (describe_cmd->parsed()) return describe_command(describe, std::cout, std::cerr);
  if (export_cmd->parsed()) return export_command(exporting, std::cout, std::cerr);
  if (explore_cmd->parsed()) return explore_command(explore, std::cout, std::cerr);
  if (shell_cmd->parsed()) {
    shell.prompts = isatty(STDIN_FILENO) != 0;
    return shell_command(shell, std::cin, std::cout, std::cerr);
  }
  if (partition_cmd->parsed()) return partition_command(partitions, keys, std::cout, std::cerr);
  return 1;
}
