// One self-contained HTML file that steps through the run in a browser, offline: the window's
// lesson beats (engine/trace/beat.h; the steps left out change nothing but metadata offsets)
// as embedded JSON, a small timeline, and the cluster state the beats so far add up to (nodes
// up or down, each replica's leader, epoch, ISR size, high watermark and log end offset, each
// group's state and generation). No script, style or font is loaded from anywhere.
//
// `#step=N` in the address opens at the N-th beat; `#play=K` opens at the first and presses
// Next K times, so a headless browser can check that stepping changes the display.
#include <fmt/format.h>

#include "cli/export/exporter.h"
#include "engine/trace/beat.h"

namespace ksim::cli {
namespace {

// A JSON string literal that is also safe inside a <script> element: '<', '>' and '&' only
// ever occur inside strings, where \u escapes mean the same characters.
std::string json_string(std::string_view s) {
  std::string json;
  trace::append_json_string(json, s);
  return replace_chars(json, {{'<', "\\u003c"}, {'>', "\\u003e"}, {'&', "\\u0026"}});
}

// The state a change sets: a row ("node", "replica" or "group"), the row's name, a column.
struct Cell {
  std::string table;
  std::string row;
  std::string column;
};

std::optional<Cell> cell_of(const trace::Trace& t, const trace::StateChange& c,
                            const trace::NameTable& names) {
  const std::string node = names.node(NodeId{c.entity.node});
  const std::string field(trace::field_name(c.field));
  switch (c.entity.kind) {
    case trace::EntityKind::kNode:
      if (c.field != trace::Field::kNodeUp) return std::nullopt;
      return Cell{"node", node, "up"};
    case trace::EntityKind::kReplica: {
      const auto topic = t.topic_names().find(trace::topic_id_of(c.entity.index));
      const std::string name = topic == t.topic_names().end() ? "?" : topic->second;
      if (name.rfind("__", 0) == 0) return std::nullopt;  // internal topics
      return Cell{"replica",
                  fmt::format("{}-{} @ {}", name, trace::partition_of(c.entity.index), node),
                  field};
    }
    case trace::EntityKind::kGroup: {
      const auto g = t.group_names().find({c.entity.node, c.entity.index});
      return Cell{"group",
                  fmt::format("{} @ {}", g == t.group_names().end() ? "?" : g->second, node),
                  field};
    }
    case trace::EntityKind::kBroker:
      return std::nullopt;
  }
  return std::nullopt;
}

constexpr const char* kPage = R"HTML(<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>kafkasim: {title}</title>
<style>
body {{ font: 14px system-ui, sans-serif; margin: 1em; color: #222; }}
#bar {{ display: flex; gap: .5em; align-items: center; }}
#timeline {{ width: 100%; }}
#event {{ font-family: monospace; white-space: pre-wrap; background: #f4f4f4; padding: .5em; }}
#note {{ background: #fff8dc; padding: .5em; min-height: 1.5em; }}
table {{ border-collapse: collapse; margin: .5em 1em .5em 0; display: inline-table;
  vertical-align: top; }}
td, th {{ border: 1px solid #ccc; padding: 2px 6px; text-align: right; }}
td:first-child {{ text-align: left; }}
.down {{ color: #b00; font-weight: bold; }}
.changed {{ background: #ffe9a8; }}
</style></head><body>
<h1>{title}</h1>
<p>{summary}</p>
<div id="bar"><button id="prev">&larr; Back</button><button id="next">Next &rarr;</button>
<span id="where"></span></div>
<input id="timeline" type="range" min="0" value="0">
<div id="note"></div>
<div id="event"></div>
<div id="state"></div>
<script id="data" type="application/json">{data}</script>
<script>
"use strict";
const run = JSON.parse(document.getElementById("data").textContent);
const beats = run.beats;
let at = 0;
function stateAt(index) {{
  const state = {{ node: {{}}, replica: {{}}, group: {{}} }};
  let note = "";
  for (let i = 0; i <= index && i < beats.length; i++) {{
    for (const c of beats[i].changes) {{
      const rows = state[c[0]];
      (rows[c[1]] = rows[c[1]] || {{}})[c[2]] = c[3];
    }}
    if (beats[i].note !== undefined) note = beats[i].note;
  }}
  return {{ state, note }};
}}
function table(title, rows, columns, changed) {{
  const names = Object.keys(rows).sort();
  if (names.length === 0) return "";
  let html = "<table><tr><th>" + title + "</th>" +
      columns.map(c => "<th>" + c + "</th>").join("") + "</tr>";
  for (const name of names) {{
    html += "<tr><td>" + name + "</td>";
    for (const c of columns) {{
      const v = rows[name][c];
      const cls = changed.has(name + "|" + c) ? " class=changed" : "";
      const shown = v === undefined ? "" : (c === "up" ? (v ? "up" : "<span class=down>down</span>") : v);
      html += "<td" + cls + ">" + shown + "</td>";
    }}
    html += "</tr>";
  }}
  return html + "</table>";
}}
function show() {{
  const b = beats[at];
  if (b === undefined) {{ document.getElementById("where").textContent = "no events"; return; }}
  const {{ state, note }} = stateAt(at);
  const changed = new Set(b.changes.map(c => c[1] + "|" + c[2]));
  document.getElementById("where").textContent =
      "beat " + (at + 1) + " of " + beats.length + ", step " + b.step + ", t = " + b.time;
  document.getElementById("timeline").value = at;
  document.getElementById("event").textContent = b.text;
  document.getElementById("note").textContent = note;
  document.getElementById("state").innerHTML =
      table("node", state.node, ["up"], changed) +
      table("replica", state.replica,
            ["leader", "leader_epoch", "isr_size", "high_watermark", "log_end_offset"], changed) +
      table("group", state.group, ["group_state", "generation"], changed);
}}
function go(index) {{ at = Math.max(0, Math.min(beats.length - 1, index)); show(); }}
document.getElementById("timeline").max = Math.max(0, beats.length - 1);
document.getElementById("prev").onclick = () => go(at - 1);
document.getElementById("next").onclick = () => go(at + 1);
document.getElementById("timeline").oninput = e => go(Number(e.target.value));
document.addEventListener("keydown", e => {{
  if (e.key === "ArrowRight") go(at + 1);
  if (e.key === "ArrowLeft") go(at - 1);
}});
const hash = new URLSearchParams(location.hash.slice(1));
go(Number(hash.get("step") || 0));
for (let i = 0; i < Number(hash.get("play") || 0); i++) document.getElementById("next").click();
</script></body></html>
)HTML";

std::string escape_html(std::string_view s) {
  return replace_chars(s, {{'<', "&lt;"}, {'>', "&gt;"}, {'&', "&amp;"}});
}

}  // namespace

std::string export_html(ExportInput& in) {
  const trace::Trace& t = in.timeline.trace();
  std::string data = "{\"beats\":[";
  bool first = true;
  for (int64_t s = in.from.value; s < in.to.value; ++s) {
    const Step step{s};
    if (!trace::is_lesson_beat(t, step)) continue;
    const trace::TraceEntry& e = t.entry(step);
    if (!first) data += ",\n";
    first = false;
    data += fmt::format("{{\"step\":{},\"time\":{},\"text\":{},\"changes\":[", s,
                        json_string(fmt::format("{}.{:03} ms", e.time.us / 1000, e.time.us % 1000)),
                        json_string(trace::render_line(t, step, in.names)));
    bool first_change = true;
    for (const trace::StateChange& c : t.changes(step)) {
      const auto cell = cell_of(t, c, in.names);
      if (!cell) continue;
      if (!first_change) data.push_back(',');
      first_change = false;
      data += fmt::format("[{},{},{},{}]", json_string(cell->table), json_string(cell->row),
                          json_string(cell->column), c.to);
    }
    data += "]";
    if (e.kind == trace::EventKind::kAction &&
        e.what == static_cast<uint16_t>(proto::ActionKind::kNote)) {
      const auto i = static_cast<size_t>(e.a);
      data += fmt::format(",\"note\":{}",
                          json_string(i < in.names.notes.size() ? in.names.notes[i] : ""));
    }
    data += "}";
  }
  data += "]}";
  return fmt::format(kPage, fmt::arg("title", escape_html(in.scenario.name)),
                     fmt::arg("summary", escape_html(in.scenario.summary)), fmt::arg("data", data));
}

}  // namespace ksim::cli
