#include "cli/step_session.h"

#include <fmt/format.h>

#include <sstream>

#include "cli/cli_view.h"
#include "engine/scenario/build.h"
#include "engine/scenario/lesson_check.h"
#include "engine/trace/beat.h"

namespace ksim::cli {
namespace {

constexpr const char* kHelp =
    "commands: n [K] next K events (Enter = n) | l [K] next K lesson beats (skips events that\n"
    "          change nothing a learner sees) | b [K] back K events | j STEP jump to a step |\n"
    "          t MS jump to a time | d describe (kafka-topics, kafka-consumer-groups) |\n"
    "          w where am I | h help | q quit\n";

}  // namespace

StepSession::StepSession(const scenario::Scenario& s, uint64_t seed)
    : names_(scenario::names_of(s)),
      timeline_(scenario::build_world(s, seed),
                trace::TraceHeader{.scenario = s.name, .seed = seed}),
      limits_{.until = s.stop_at} {
  // Recorded with the lesson's checks, so a step that breaks an invariant says so.
  scenario::LessonCheck check(s);
  check.record(timeline_, limits_);
}

void StepSession::show_last(std::ostream& out) const {
  const int64_t p = timeline_.position();
  if (p == 0) {
    out << "at the start: nothing has happened yet (" << timeline_.recorded()
        << " steps recorded)\n";
    return;
  }
  out << trace::render_line(timeline_.trace(), Step{p - 1}, names_) << "\n";
  for (const trace::Observation& o : timeline_.trace().observations(Step{p - 1})) {
    out << fmt::format("        observation {} ({}): {}\n", o.invariant,
                       trace::observation_class_name(o.kind), o.detail);
  }
}

void StepSession::forward(int64_t count, std::ostream& out) {
  for (int64_t i = 0; i < count; ++i) {
    if (timeline_.position() >= timeline_.recorded()) {
      out << "end of the run (" << timeline_.recorded() << " steps)\n";
      return;
    }
    timeline_.seek(timeline_.position() + 1);
    show_last(out);
  }
}

void StepSession::forward_beats(int64_t count, std::ostream& out) {
  for (int64_t i = 0; i < count; ++i) {
    int64_t skipped = 0;
    for (;;) {
      if (timeline_.position() >= timeline_.recorded()) {
        out << "end of the run (" << timeline_.recorded() << " steps)\n";
        return;
      }
      const Step next{timeline_.position()};
      timeline_.seek(next.value + 1);
      if (trace::is_lesson_beat(timeline_.trace(), next)) break;
      ++skipped;
    }
    if (skipped > 0) out << fmt::format("        ({} quiet steps)\n", skipped);
    show_last(out);
  }
}

bool StepSession::command(const std::string& line, std::ostream& out) {
  std::istringstream words(line);
  std::string verb;
  words >> verb;
  int64_t arg = 1;
  const bool has_arg = static_cast<bool>(words >> arg);
  if (verb.empty() || verb == "n" || verb == "next") {
    forward(has_arg ? arg : 1, out);
  } else if (verb == "b" || verb == "back") {
    const int64_t target = std::max<int64_t>(0, timeline_.position() - (has_arg ? arg : 1));
    timeline_.seek(target);
    show_last(out);
  } else if (verb == "j" || verb == "jump") {
    if (!has_arg || arg < 0 || arg >= timeline_.recorded()) {
      out << fmt::format("jump needs a step between 0 and {}\n", timeline_.recorded() - 1);
      return true;
    }
    timeline_.seek(arg + 1);
    show_last(out);
  } else if (verb == "l" || verb == "beat") {
    forward_beats(has_arg ? arg : 1, out);
  } else if (verb == "t" || verb == "time") {
    if (!has_arg || arg < 0) {
      out << "time needs a simulated time in ms\n";
      return true;
    }
    // The first step at or after the time: position = steps delivered before it.
    const trace::Trace& t = timeline_.trace();
    int64_t p = 0;
    while (p < timeline_.recorded() && t.entry(Step{p}).time < SimTime::from_ms(arg)) ++p;
    timeline_.seek(p);
    out << fmt::format("at {} ms: {} steps delivered\n", arg, p);
  } else if (verb == "d" || verb == "describe") {
    out << kafka_cli_view(timeline_.current());
  } else if (verb == "w" || verb == "where") {
    out << fmt::format("after {} of {} steps, t={}us\n", timeline_.position(), timeline_.recorded(),
                       timeline_.current().now().us);
  } else if (verb == "h" || verb == "help" || verb == "?") {
    out << kHelp;
  } else if (verb == "q" || verb == "quit") {
    return false;
  } else {
    out << "unknown command \"" << verb << "\"\n" << kHelp;
  }
  return true;
}

void StepSession::interact(std::istream& in, std::ostream& out) {
  out << kHelp;
  std::string line;
  while (out << "> " << std::flush, std::getline(in, line)) {
    if (!command(line, out)) return;
  }
}

}  // namespace ksim::cli
