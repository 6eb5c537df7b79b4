#include <fmt/format.h>

#include <fstream>

#include "cli/commands.h"
#include "cli/scenario_source.h"
#include "cli/shell/shell_session.h"

namespace ksim::cli {

int shell_command(const ShellOptions& o, std::istream& in, std::ostream& out, std::ostream& err) {
  auto loaded = load_scenario_document(o.scenario, err);
  if (!loaded) return 2;
  const scenario::Scenario* s = &loaded->scenario;
  if (!s->cluster) {
    err << "kafkasim shell: " << s->name << " has no Kafka cluster (it is a toy world)\n";
    return 2;
  }
  const SimTime at = o.at_ms ? SimTime::from_ms(*o.at_ms) : s->stop_at;
  shell::Session session(std::move(loaded->doc), loaded->path, *s, o.seed.value_or(s->seed), at,
                         o.step.value_or(INT64_MAX));
  out << fmt::format(
      "kafkasim shell: {} at {} ms (step {}). Kafka's CLI tools answer as the cluster would; "
      "commands that change it fork the run. Type help, or exit.\n",
      s->name, session.world().now().ms(), session.world().steps_done);
  session.interact(in, out, err, o.prompts);
  out << session.additions_text();
  if (!o.save.empty() && session.changed()) {
    std::ofstream saved(o.save);
    saved << session.saved_document().dump(2) << "\n";
    if (!saved) {
      err << fmt::format("kafkasim shell: cannot write {}\n", o.save);
      return 1;
    }
    out << fmt::format("# Saved the forked scenario to {}: kafkasim run {}\n", o.save, o.save);
  }
  return 0;
}

}  // namespace ksim::cli
