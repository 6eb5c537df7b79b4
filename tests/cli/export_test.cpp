#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "cli/commands.h"

using namespace ksim;
using nlohmann::json;

namespace {

// The walking skeleton's toy world: a crash, a partition and its heal, lost messages.
const std::string kToy = std::string(KSIM_SOURCE_DIR) + "/tests/fixtures/toy_ping.json";

struct Exported {
  int code = 0;
  std::string out;
  std::string err;
};

Exported export_run(const std::string& scenario, const std::string& format,
                    std::optional<int64_t> from = std::nullopt,
                    std::optional<int64_t> to = std::nullopt) {
  std::ostringstream out, err;
  const int code = cli::export_command(
      {.scenario = scenario, .format = format, .from = from, .to = to}, out, err);
  return {code, out.str(), err.str()};
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// The JSON Lines trace's step lines, by step number (the header line left out).
std::map<int64_t, json> trace_steps(const std::string& scenario) {
  const Exported jsonl = export_run(scenario, "jsonl");
  REQUIRE(jsonl.code == 0);
  std::map<int64_t, json> steps;
  for (const std::string& line : lines_of(jsonl.out)) {
    json j = json::parse(line);
    if (!j.contains("step")) continue;
    const int64_t step = j["step"];
    steps[step] = std::move(j);
  }
  return steps;
}

// The first step at or after a simulated time.
int64_t first_step_at(const std::map<int64_t, json>& steps, int64_t time_us) {
  for (const auto& [step, j] : steps) {
    if (j["time_us"].get<int64_t>() >= time_us) return step;
  }
  return static_cast<int64_t>(steps.size());
}

// Checks what any Chrome trace must hold; returns its events.
json check_chrome_trace(const std::string& text) {
  const json doc = json::parse(text);
  REQUIRE(doc.is_object());
  CHECK(doc["displayTimeUnit"] == "ms");
  CHECK(doc["otherData"].is_object());
  const json& events = doc["traceEvents"];
  REQUIRE(events.is_array());
  std::set<int64_t> named_pids, used_pids;
  std::map<std::pair<std::string, int64_t>, int> flows;  // (phase, id) -> count
  std::map<int64_t, std::string> open_async;             // id -> name
  for (const json& e : events) {
    REQUIRE(e.contains("ph"));
    REQUIRE(e.contains("pid"));
    REQUIRE(e.contains("ts"));
    const std::string ph = e["ph"];
    const int64_t pid = e["pid"];
    used_pids.insert(pid);
    if (ph == "M" && e["name"] == "process_name") named_pids.insert(pid);
    if (ph == "s" || ph == "f") ++flows[{ph, e["id"].get<int64_t>()}];
    if (ph == "b") {
      CHECK_FALSE(open_async.contains(e["id"].get<int64_t>()));
      open_async[e["id"].get<int64_t>()] = e["name"];
    }
    if (ph == "e") {
      const auto it = open_async.find(e["id"].get<int64_t>());
      REQUIRE(it != open_async.end());
      CHECK(it->second == e["name"]);
      open_async.erase(it);
    }
  }
  // The window's end closes whatever is still open.
  CHECK(open_async.empty());
  CHECK(used_pids == named_pids);
  for (const auto& [key, count] : flows) {
    CHECK(count == 1);
    CHECK(flows.contains({key.first == "s" ? "f" : "s", key.second}));
  }
  return events;
}

int count_events(const json& events, std::string_view ph, std::string_view name) {
  return static_cast<int>(std::count_if(events.begin(), events.end(), [&](const json& e) {
    return e["ph"] == ph && e.value("name", "") == name;
  }));
}

}  // namespace

TEST_CASE("export --format chrome pairs every flow and async slice and names every process",
          "[cli][export]") {
  // Goal: the toy run opens in Perfetto: flows start and finish once, b/e pair up, pids named.
  const Exported r = export_run(kToy, "chrome");
  REQUIRE(r.code == 0);
  const json events = check_chrome_trace(r.out);
  CHECK(count_events(events, "M", "process_name") == 4);  // a, b, c and the scenario
  CHECK(count_events(events, "b", "crashed") == 1);
  CHECK(count_events(events, "b", "network partition") == 1);
  CHECK(count_events(events, "s", "Ping") > 10);
  CHECK(count_events(events, "X", "Pong") > 10);
  // A step's slice carries its step number, cause and changes.
  const auto crash = std::find_if(events.begin(), events.end(),
                                  [](const json& e) { return e.value("name", "") == "crash"; });
  REQUIRE(crash != events.end());
  CHECK((*crash)["args"]["changes"].get<std::string>().find("b up 1->0") != std::string::npos);
}

TEST_CASE("export --format chrome counts a replica's log end offset and high watermark",
          "[cli][export]") {
  // Goal: in idempotence, orders-0 ends with three records (one idempotent, two plain).
  const Exported r = export_run("idempotence", "chrome");
  REQUIRE(r.code == 0);
  const json events = check_chrome_trace(r.out);
  int64_t leo = -1, hw = -1;
  for (const json& e : events) {
    if (e["ph"] != "C") continue;
    if (e["name"] == "orders-0 log_end_offset") leo = std::max<int64_t>(leo, e["args"]["value"]);
    if (e["name"] == "orders-0 high_watermark") hw = std::max<int64_t>(hw, e["args"]["value"]);
  }
  CHECK(leo == 3);
  CHECK(hw == 3);
}

TEST_CASE("export --format chrome shows a group's rebalance as an async slice", "[cli][export]") {
  // Goal: consumer_groups' members joining make at least one PreparingRebalance..Stable slice.
  const Exported r = export_run("consumer_groups", "chrome");
  REQUIRE(r.code == 0);
  const json events = check_chrome_trace(r.out);
  const auto rebalances = std::count_if(events.begin(), events.end(), [](const json& e) {
    return e["ph"] == "b" && e["name"].get<std::string>().starts_with("rebalance ");
  });
  CHECK(rebalances >= 1);
}

TEST_CASE("export --format chrome of a window opens what began before it", "[cli][export]") {
  // Goal: a window inside b's downtime still shows it crashed, and its counters start there.
  const auto steps = trace_steps(kToy);
  const int64_t from = first_step_at(steps, 1'000'000);
  const int64_t to = first_step_at(steps, 2'000'000);
  const Exported r = export_run(kToy, "chrome", from, to);
  REQUIRE(r.code == 0);
  const json events = check_chrome_trace(r.out);
  CHECK(count_events(events, "b", "crashed") == 1);
  CHECK(count_events(events, "b", "network partition") == 1);  // closed at the window's end
  for (const json& e : events) {
    if (e["ph"] != "X") continue;
    CHECK(e["args"]["step"].get<int64_t>() >= from);
    CHECK(e["args"]["step"].get<int64_t>() < to);
  }
}

TEST_CASE("export --format shiviz writes consistent vector clocks", "[cli][export]") {
  // Goal: ShiViz's regex reads every event; each host counts its events; a receive dominates its
  // send; a lost message is an event of its sender.
  for (const std::string& scenario : {kToy, std::string("idempotence")}) {
    const Exported r = export_run(scenario, "shiviz");
    REQUIRE(r.code == 0);
    const std::vector<std::string> lines = lines_of(r.out);
    REQUIRE(lines.size() >= 4);
    CHECK(lines[0] == R"((?<event>.*)\n(?<host>\S*) (?<clock>{.*}))");
    CHECK(lines[1].empty());
    REQUIRE(lines.size() % 2 == 0);
    const std::regex host_line(R"(^(\S*) (\{.*\})$)");
    const std::regex event_line(R"(^step (\d+) at \d+\.\d{6}s: .+$)");
    std::map<std::string, int64_t> own;                        // events per host so far
    std::map<int64_t, std::pair<std::string, json>> clock_at;  // step -> host, clock
    for (size_t i = 2; i < lines.size(); i += 2) {
      std::smatch ev, hc;
      REQUIRE(std::regex_match(lines[i], ev, event_line));
      REQUIRE(std::regex_match(lines[i + 1], hc, host_line));
      const std::string host = hc[1];
      const json clock = json::parse(hc[2].str());
      REQUIRE(clock.is_object());
      CHECK(clock[host].get<int64_t>() == ++own[host]);
      clock_at[std::stoll(ev[1])] = {host, clock};
    }
    const auto steps = trace_steps(scenario);
    int deliveries = 0, drops = 0;
    for (const auto& [step, j] : steps) {
      const auto& [host, clock] = clock_at.at(step);
      if (j["kind"] == "drop") {
        CHECK(host == j["from"]);
        ++drops;
      }
      if (j["kind"] != "deliver" || j["cause"].get<int64_t>() < 0) continue;
      const json& sent = clock_at.at(j["cause"].get<int64_t>()).second;
      for (const auto& [h, n] : sent.items()) CHECK(clock.value(h, int64_t{0}) >= n.get<int64_t>());
      ++deliveries;
    }
    CHECK(deliveries > 10);
    if (scenario == kToy) CHECK(drops > 0);
  }
}

TEST_CASE("export --format csv ends poison_pill with orders-0's high watermark at 13",
          "[cli][export]") {
  // Goal: the header names step and time first; the last row has the final high watermark.
  const Exported r = export_run("poison_pill", "csv");
  REQUIRE(r.code == 0);
  const std::vector<std::string> lines = lines_of(r.out);
  REQUIRE(lines.size() >= 2);
  CHECK(lines[0].starts_with("step,time_ms"));
  const auto split = [](const std::string& line) {
    std::vector<std::string> fields;
    std::istringstream in(line);
    for (std::string f; std::getline(in, f, ',');) fields.push_back(f);
    if (!line.empty() && line.back() == ',') fields.emplace_back();
    return fields;
  };
  const std::vector<std::string> header = split(lines[0]);
  const auto column = std::find(header.begin(), header.end(), "orders-0 hw");
  REQUIRE(column != header.end());
  const std::vector<std::string> last = split(lines.back());
  REQUIRE(last.size() == header.size());
  CHECK(last[static_cast<size_t>(column - header.begin())] == "13");
}

TEST_CASE("export refuses an unknown format and a window outside the run", "[cli][export]") {
  // Goal: bad flags exit 2 with a message naming the problem.
  const Exported unknown = export_run(kToy, "svg");
  CHECK(unknown.code == 2);
  CHECK(unknown.err.find("unknown format \"svg\"") != std::string::npos);
  const Exported past = export_run(kToy, "chrome", 0, 1'000'000'000);
  CHECK(past.code == 2);
  CHECK(past.err.find("--from 0 --to 1000000000 is not within the run's") != std::string::npos);
  const Exported reversed = export_run(kToy, "shiviz", 20, 10);
  CHECK(reversed.code == 2);
  CHECK(reversed.err.find("is not within the run's") != std::string::npos);
}
