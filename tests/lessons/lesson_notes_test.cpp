// docs/lessons/ holds every lesson's course notes as `kafkasim export LESSON --format markdown`
// writes them; a note that no longer matches its lesson fails here (KSIM_UPDATE_DOCS=1
// regenerates them).
#include <catch2/catch.hpp>
#include <filesystem>
#include <sstream>

#include "cli/commands.h"
#include "tests/support/generated_doc.h"

using namespace ksim;
namespace fs = std::filesystem;

TEST_CASE("docs/lessons has every lesson's current course notes", "[lessons][docs]") {
  // Goal: the notes a teacher hands out show what the lesson does today.
  int lessons = 0;
  for (const auto& entry : fs::directory_iterator(fs::path(KSIM_SOURCE_DIR) / "scenarios")) {
    if (entry.path().extension() != ".json") continue;
    ++lessons;
    const std::string name = entry.path().stem().string();
    INFO("lesson " << name);
    std::ostringstream out, err;
    REQUIRE(cli::export_command({.scenario = entry.path().string(), .format = "markdown"}, out,
                                err) == 0);
    CHECK(out.str().find("# " + name + "\n") == 0);
    // Mermaid refuses a diagram over 50,000 characters.
    const size_t diagram = out.str().find("```mermaid\nsequenceDiagram\n");
    REQUIRE(diagram != std::string::npos);
    const size_t begin = diagram + std::string("```mermaid\n").size();
    const size_t end = out.str().find("```\n", begin);
    REQUIRE(end != std::string::npos);
    CHECK(end - begin <= 50'000);
    ksim::testing::check_generated_doc(
        "docs/lessons/" + name + ".md", out.str(),
        "KSIM_UPDATE_DOCS=1 ./build/release/tests/lessons/lesson_notes_tests");
  }
  CHECK(lessons >= 20);
}
