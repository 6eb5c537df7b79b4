// docs/scenario.schema.json, which editors use for completion, describes the format the loader
// reads: the same actions and expectations, the same top-level sections, and every shipped
// lesson uses only keys the schema knows.
#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "engine/scenario/loader.h"
#include "tests/support/read_file.h"

using namespace ksim;
using Json = nlohmann::json;
namespace fs = std::filesystem;

namespace {

Json schema() {
  return Json::parse(testing::read_file(fs::path(KSIM_SOURCE_DIR) / "docs/scenario.schema.json"));
}

std::set<std::string> as_set(const Json& list) {
  std::set<std::string> out;
  for (const Json& v : list) out.insert(v.get<std::string>());
  return out;
}

// The enum of the first property named `name` found anywhere in the schema.
const Json* enum_of(const Json& node, const std::string& name) {
  if (node.is_object()) {
    const auto it = node.find(name);
    if (it != node.end() && it->is_object() && it->contains("enum")) return &(*it)["enum"];
    for (const auto& [k, v] : node.items()) {
      if (const Json* found = enum_of(v, name)) return found;
    }
  } else if (node.is_array()) {
    for (const Json& v : node) {
      if (const Json* found = enum_of(v, name)) return found;
    }
  }
  return nullptr;
}

}  // namespace

TEST_CASE("the JSON Schema lists the loader's actions and expectations", "[scenario][schema]") {
  // Goal: a new action or expectation in the loader without its schema entry fails here.
  const Json s = schema();
  CHECK(s["$schema"] == "https://json-schema.org/draft/2020-12/schema");
  const std::set<std::string> loader_actions(scenario::action_names().begin(),
                                             scenario::action_names().end());
  CHECK(as_set(s["$defs"]["action"]["properties"]["action"]["enum"]) == loader_actions);
  const Json* what = enum_of(s, "what");
  REQUIRE(what != nullptr);
  const std::set<std::string> loader_whats(scenario::expectation_names().begin(),
                                           scenario::expectation_names().end());
  CHECK(as_set(*what) == loader_whats);
}

TEST_CASE("every lesson uses only top-level sections the schema knows", "[scenario][schema]") {
  // Goal: the schema's additionalProperties=false would not flag a shipped lesson.
  const Json s = schema();
  CHECK(s["additionalProperties"] == false);
  for (const auto& entry : fs::directory_iterator(fs::path(KSIM_SOURCE_DIR) / "scenarios")) {
    if (entry.path().extension() != ".json") continue;
    INFO("lesson " << entry.path().filename().string());
    const Json lesson = Json::parse(testing::read_file(entry.path()));
    for (const auto& [key, value] : lesson.items()) CHECK(s["properties"].contains(key));
  }
}
