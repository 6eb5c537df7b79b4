#include <fmt/format.h>

#include <fstream>

#include "cli/commands.h"
#include "cli/export/exporter.h"
#include "cli/scenario_source.h"
#include "engine/scenario/build.h"

namespace ksim::cli {

int export_command(const ExportOptions& o, std::ostream& out, std::ostream& err) {
  const auto& formats = export_formats();
  const auto format = std::find_if(formats.begin(), formats.end(),
                                   [&](const ExportFormat& f) { return f.name == o.format; });
  if (format == formats.end()) {
    err << "kafkasim export: unknown format \"" << o.format << "\"\n";
    return 2;
  }
  const auto s = load_scenario(o.scenario, err);
  if (!s) return 2;
  const uint64_t seed = o.seed.value_or(s->seed);
  world::Timeline t(scenario::build_world(*s, seed),
                    trace::TraceHeader{.scenario = s->name, .seed = seed});
  scenario::LessonCheck check(*s);
  check.record(t, world::RunLimits{.until = s->stop_at});
  const int64_t from = o.from.value_or(0);
  const int64_t to = o.to.value_or(t.recorded());
  if (from < 0 || to > t.recorded() || from > to) {
    err << fmt::format(
        "kafkasim export: the window --from {} --to {} is not within the run's {} steps\n", from,
        to, t.recorded());
    return 2;
  }
  const trace::NameTable names = scenario::names_of(*s);
  ExportInput in{*s, t, names, Step{from}, Step{to}, check.results()};
  const std::string text = format->write(in);
  if (o.output == "-") {
    out << text;
    return 0;
  }
  std::ofstream file(o.output, std::ios::binary);
  if (!file || !(file << text)) {
    err << "kafkasim export: cannot write " << o.output << "\n";
    return 1;
  }
  out << fmt::format("{}: {} steps ({} to {}) as {}\n", o.output, to - from, from, to, o.format);
  return 0;
}

}  // namespace ksim::cli
