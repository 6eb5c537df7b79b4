#include <chrono>
#include <thread>

#include "cli/commands.h"
#include "cli/scenario_source.h"
#include "cli/step_session.h"

namespace ksim::cli {

int step_command(const StepOptions& o, std::istream& in, std::ostream& out, std::ostream& err) {
  const auto s = load_scenario(o.scenario, err);
  if (!s) return 2;
  StepSession session(*s, o.seed.value_or(s->seed));
  if (!o.replay) {
    session.interact(in, out);
    return 0;
  }
  out << s->name << ": " << s->summary << "\n";
  while (session.position() < session.timeline().recorded()) {
    session.command("n", out);
    // The CLI, not the engine, may look at the wall clock: it only paces the terminal.
    if (o.delay_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(o.delay_ms));
  }
  out << "end of the run: " << session.timeline().recorded() << " steps\n";
  return 0;
}

}  // namespace ksim::cli
