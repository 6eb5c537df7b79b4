// Rendering the compact trace to text on demand: one terminal line per step (in the spirit of
// TigerBeetle's VOPR status lines) and the JSON Lines format of docs/trace-format.md.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "engine/trace/trace.h"

namespace ksim::trace {

// What turns ids into the names a learner sees.
struct NameTable {
  std::vector<std::string> nodes;    // by NodeId
  std::vector<std::string> notes;    // narration, by note index
  std::vector<std::string> expects;  // what each expectation asserts, by expect index

  std::string node(NodeId id) const;
};

// "what" of an entry by its kind: the message, timer or action name.
std::string what_name(const TraceEntry& e);

// Appends `s` as a JSON string literal (quotes, backslashes and control characters escaped).
void append_json_string(std::string& out, std::string_view s);

// What happened, in a line's words: "Produce p=0 records=1 from producer", "note: ...".
std::string describe_entry(const TraceEntry& e, const NameTable& names);
// A state change: "orders-0@broker-1 high_watermark 3->4".
std::string describe_change(const Trace& trace, const StateChange& c, const NameTable& names);

// One compact line, e.g. "    12  1.200000s  b      deliver  Ping #3 from a  [pongs_received
// 2->3]".
std::string render_line(const Trace& trace, Step step, const NameTable& names);

// The JSON Lines trace: a header line, then one line per step in [from, to).
void write_jsonl(std::ostream& out, const Trace& trace, const NameTable& names, Step from, Step to);

// FNV-1a 64 of the whole JSON Lines trace: equal digests mean byte-identical traces.
uint64_t trace_digest(const Trace& trace, const NameTable& names);

}  // namespace ksim::trace
