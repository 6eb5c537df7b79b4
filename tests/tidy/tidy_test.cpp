// The tidy test (after TigerBeetle's src/tidy.zig): the rules of ../shared/ARCHITECTURE.md
// that a grep can check, checked on every run so they stay true.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/read_file.h"

namespace fs = std::filesystem;

namespace {

// Source text with comments and string/char literals blanked out, so that a comment may
// explain why std::random_device is banned without tripping the ban.
std::string code_only(const std::string& src) {
  std::string out = src;
  enum { kCode, kLine, kBlock, kString, kChar } state = kCode;
  for (size_t i = 0; i < out.size(); ++i) {
    const char c = out[i];
    const char next = i + 1 < out.size() ? out[i + 1] : '\0';
    switch (state) {
      case kCode:
        if (c == '/' && next == '/')
          state = kLine;
        else if (c == '/' && next == '*')
          state = kBlock;
        else if (c == '"')
          state = kString;
        else if (c == '\'')
          state = kChar;
        break;
      case kLine:
        if (c == '\n')
          state = kCode;
        else
          out[i] = ' ';
        break;
      case kBlock:
        if (c == '*' && next == '/') {
          out[i] = out[i + 1] = ' ';
          ++i;
          state = kCode;
        } else if (c != '\n') {
          out[i] = ' ';
        }
        break;
      case kString:
      case kChar:
        if (c == '\\') {
          out[i] = ' ';
          if (i + 1 < out.size()) out[++i] = ' ';
        } else if ((state == kString && c == '"') || (state == kChar && c == '\'')) {
          state = kCode;
        } else {
          out[i] = ' ';
        }
        break;
    }
  }
  return out;
}

struct Ban {
  std::regex pattern;
  std::string why;
};

const std::vector<Ban>& bans() {
  static const std::vector<Ban> kBans = {
      {std::regex(
           R"(\b(system_clock|steady_clock|high_resolution_clock|gettimeofday|clock_gettime)\b)"),
       "the wall clock (simulated time only)"},
      {std::regex(R"(\btime\s*\(\s*(nullptr|NULL|0)\s*\))"),
       "the wall clock (simulated time only)"},
      {std::regex(R"(\brandom_device\b)"), "std::random_device (use ksim::Prng)"},
      {std::regex(R"(\b\w+_distribution\b)"), "a std distribution (use Prng::bounded/chance)"},
      {std::regex(R"(\bstd::shuffle\b)"), "std::shuffle (use Prng::shuffle)"},
      {std::regex(R"((^|[^\w.:>])s?rand\s*\()"), "rand/srand (use ksim::Prng)"},
      {std::regex(R"(\bunordered_(map|set|multimap|multiset)\b)"),
       "an unordered container (iteration order is not deterministic)"},
      {std::regex(R"(#\s*include\s*[<"](imgui|GLFW/|GL/|backends/))"), "a GUI header"},
      {std::regex(R"(\bstd::thread\b|#\s*include\s*<thread>)"),
       "threads (the engine is one thread)"},
  };
  return kBans;
}

std::vector<std::string> violations_in(const std::string& src) {
  std::vector<std::string> found;
  const std::string code = code_only(src);
  std::istringstream lines(code);
  std::string line;
  int n = 0;
  while (std::getline(lines, line)) {
    ++n;
    for (const Ban& b : bans()) {
      if (std::regex_search(line, b.pattern)) found.push_back(std::to_string(n) + ": " + b.why);
    }
  }
  return found;
}

// Which engine modules each module may include (itself included), in the order of
// docs/internals.md: sim <- kafka <- {log, proto}; proto <- trace <- runtime <- {toy, client,
// cluster}; cluster also uses log; all of them <- world <- check <- scenario.
const std::map<std::string, std::set<std::string>>& allowed_includes() {
  static const std::map<std::string, std::set<std::string>> kAllowed = {
      {"sim", {"sim"}},
      {"kafka", {"kafka", "sim"}},
      {"log", {"log", "kafka", "sim"}},
      {"proto", {"proto", "kafka", "sim"}},
      {"trace", {"trace", "proto", "kafka", "sim"}},
      {"runtime", {"runtime", "trace", "proto", "kafka", "sim"}},
      {"toy", {"toy", "runtime", "trace", "proto", "kafka", "sim"}},
      {"client", {"client", "runtime", "trace", "proto", "kafka", "sim"}},
      {"cluster", {"cluster", "log", "runtime", "trace", "proto", "kafka", "sim"}},
      {"world",
       {"world", "cluster", "client", "toy", "runtime", "trace", "proto", "log", "kafka", "sim"}},
      {"check",
       {"check", "world", "cluster", "client", "toy", "runtime", "trace", "proto", "log", "kafka",
        "sim"}},
      {"scenario",
       {"scenario", "check", "world", "cluster", "client", "toy", "runtime", "trace", "proto",
        "log", "kafka", "sim"}},
  };
  return kAllowed;
}

std::vector<fs::path> engine_sources() {
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(fs::path(KSIM_SOURCE_DIR) / "engine")) {
    const auto ext = e.path().extension();
    if (ext == ".h" || ext == ".cpp") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

TEST_CASE("the tidy scanner catches each banned name and ignores comments", "[tidy]") {
  // Goal: the scanner itself works, so a green tidy test means something.
  CHECK(violations_in("auto t = std::chrono::system_clock::now();").size() == 1);
  CHECK(violations_in("std::random_device rd;").size() == 1);
  CHECK(violations_in("std::uniform_int_distribution<int> d(0, 9);").size() == 1);
  CHECK(violations_in("std::shuffle(v.begin(), v.end(), g);").size() == 1);
  CHECK(violations_in("int x = rand() % 6;").size() == 1);
  CHECK(violations_in("std::unordered_map<int, int> m;").size() == 1);
  CHECK(violations_in("#include <imgui.h>").size() == 1);
  CHECK(violations_in("#include <GLFW/glfw3.h>").size() == 1);
  CHECK(violations_in("long t = time(nullptr);").size() == 1);
  CHECK(violations_in("// std::random_device is banned\nint a;").empty());
  CHECK(violations_in("const char* s = \"unordered_map\";").empty());
  CHECK(violations_in("rng.shuffle(v); p.bounded(3); operand(1);").empty());
}

TEST_CASE("engine code names no wall clock, foreign randomness, hash order or GUI", "[tidy]") {
  // Goal: ARCHITECTURE.md rules 3 and 5 hold in every engine source file.
  const auto files = engine_sources();
  REQUIRE(files.size() > 20);
  for (const fs::path& f : files) {
    for (const std::string& v : violations_in(ksim::testing::read_file(f))) {
      FAIL_CHECK(fs::relative(f, KSIM_SOURCE_DIR).string() + ":" + v);
    }
  }
}

TEST_CASE("engine modules include only the modules below them", "[tidy]") {
  // Goal: the module dependency order of docs/internals.md holds for every #include.
  const std::regex include(R"(#\s*include\s*"engine/(\w+)/)");
  for (const fs::path& f : engine_sources()) {
    const std::string module =
        fs::relative(f, fs::path(KSIM_SOURCE_DIR) / "engine").begin()->string();
    const auto allowed = allowed_includes().find(module);
    if (allowed == allowed_includes().end()) {
      FAIL_CHECK("engine module \"" + module + "\" is missing from the tidy test's table");
      continue;
    }
    const std::string src = ksim::testing::read_file(f);
    for (auto it = std::sregex_iterator(src.begin(), src.end(), include);
         it != std::sregex_iterator(); ++it) {
      const std::string target = (*it)[1].str();
      if (allowed->second.count(target) == 0) {
        FAIL_CHECK(fs::relative(f, KSIM_SOURCE_DIR).string() + " (module " + module +
                   ") includes engine/" + target + "/");
      }
    }
  }
}
