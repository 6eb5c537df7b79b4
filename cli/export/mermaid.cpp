// A Mermaid sequence diagram of the window's lesson beats (engine/trace/beat.h): the scenario's
// actions and narration, messages that changed state or carried records (with the changes as
// notes), client messages that were lost, and crashed nodes' downtime shaded. Heartbeats and
// fetches that change nothing are left out: they are the run's background, not its story. Mermaid
// refuses diagrams over 50,000 characters, so the window is cut where it would not fit, and the
// diagram says so.
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "cli/export/exporter.h"
#include "engine/trace/beat.h"

namespace ksim::cli {
namespace {

constexpr size_t kMermaidLimit = 50'000;
constexpr size_t kClosingRoom = 600;  // the cut notice and closing every open rect
constexpr size_t kMaxChangesShown = 3;

// Mermaid message and note text: ';' and '#' end or escape statements, so they are written as
// entity codes; a line break would end the statement.
std::string mermaid_text(std::string_view text) {
  return replace_chars(text, {{';', "#59;"}, {'#', "#35;"}, {'\n', "<br/>"}});
}

std::string participant(NodeId n) { return fmt::format("n{}", n.value); }

// The statements one step adds, or none when the step is background.
std::vector<std::string> statements(const ExportInput& in, Step step, const std::string& everyone,
                                    std::vector<NodeId>& crashed) {
  const trace::Trace& t = in.timeline.trace();
  const trace::TraceEntry& e = t.entry(step);
  // A metadata offset moving is bookkeeping; what the metadata says shows in other changes.
  std::vector<trace::StateChange> changes;
  for (const trace::StateChange& c : t.changes(step)) {
    if (c.field != trace::Field::kMetadataOffset) changes.push_back(c);
  }
  std::vector<std::string> out;
  if (!trace::is_lesson_beat(t, step)) return out;
  switch (e.kind) {
    case trace::EventKind::kAction: {
      const auto kind = static_cast<proto::ActionKind>(e.what);
      const std::string where = e.node == kScenarioNode
                                    ? fmt::format("over {}", everyone)
                                    : fmt::format("over {}", participant(e.node));
      if (kind == proto::ActionKind::kCrashNode) {
        out.push_back("rect rgb(255, 228, 228)");
        crashed.push_back(e.node);
      }
      out.push_back(
          fmt::format("Note {}: {}", where, mermaid_text(trace::describe_entry(e, in.names))));
      if (kind == proto::ActionKind::kRestartNode || kind == proto::ActionKind::kStartNode) {
        // Close the node's downtime if it is the innermost one open (rects must nest).
        if (!crashed.empty() && crashed.back() == e.node) {
          out.push_back("end");
          crashed.pop_back();
        }
      }
      break;
    }
    case trace::EventKind::kDeliver:
      out.push_back(fmt::format("{}->>{}: {}", participant(e.from), participant(e.node),
                                mermaid_text(what_name(e))));
      break;
    case trace::EventKind::kDrop:
      out.push_back(fmt::format("{}-x{}: {} lost ({})", participant(e.from), participant(e.node),
                                mermaid_text(what_name(e)), drop_reason_name(e.drop)));
      return out;
    case trace::EventKind::kTimer:
      if (changes.empty()) return out;
      out.push_back(
          fmt::format("Note over {}: {}", participant(e.node), mermaid_text(what_name(e))));
      break;
  }
  if (!changes.empty()) {
    std::string shown;
    for (size_t i = 0; i < changes.size() && i < kMaxChangesShown; ++i) {
      if (i > 0) shown += "<br/>";
      shown += mermaid_text(trace::describe_change(t, changes[i], in.names));
    }
    if (changes.size() > kMaxChangesShown) {
      shown += fmt::format("<br/>and {} more", changes.size() - kMaxChangesShown);
    }
    const NodeId at = e.node == kScenarioNode ? NodeId{changes[0].entity.node} : e.node;
    out.push_back(fmt::format("Note right of {}: {}", participant(at), shown));
  }
  return out;
}

}  // namespace

std::string export_mermaid(ExportInput& in) {
  std::string out = "sequenceDiagram\n";
  for (size_t i = 0; i < in.names.nodes.size(); ++i) {
    out += fmt::format("  participant n{} as {}\n", i, mermaid_text(in.names.nodes[i]));
  }
  const std::string everyone =
      in.names.nodes.empty() ? "n0" : fmt::format("n0,n{}", in.names.nodes.size() - 1);
  std::vector<NodeId> crashed;  // open downtime rects, innermost last
  for (int64_t s = in.from.value; s < in.to.value; ++s) {
    std::string lines;
    for (const std::string& st : statements(in, Step{s}, everyone, crashed)) {
      lines += fmt::format("  {}\n", st);
    }
    if (out.size() + lines.size() + kClosingRoom > kMermaidLimit) {
      out += fmt::format(
          "  Note over {}: cut at step {}: the rest of the window would not fit in Mermaid's "
          "50,000 characters (export a smaller window with --from and --to)\n",
          everyone, s);
      break;
    }
    out += lines;
  }
  for (size_t i = 0; i < crashed.size(); ++i) out += "  end\n";
  return out;
}

}  // namespace ksim::cli
