#include "viz/viz_options.h"

#include <catch2/catch.hpp>

using namespace ksim::viz;

TEST_CASE("The viewer's command line reads a scenario, a step, a seed and a screenshot", "[viz]") {
  // Goal: every option of kafkasim-viz is parsed into VizOptions.
  const ParsedOptions p = parse_viz_options(
      {"demo_1", "--screenshot", "out.png", "--at", "100", "--size", "640x480", "--seed", "7"});
  REQUIRE(p.error.empty());
  REQUIRE(p.options.has_value());
  CHECK(p.options->scenario == "demo_1");
  CHECK(p.options->screenshot == "out.png");
  CHECK(p.options->at == 100);
  CHECK(p.options->width == 640);
  CHECK(p.options->height == 480);
  CHECK(p.options->seed == 7u);
  CHECK(p.options->view == ViewName::kCluster);
  CHECK_FALSE(p.options->stats);

  const ParsedOptions views = parse_viz_options({"demo_1", "--view", "groups", "--stats"});
  REQUIRE(views.options.has_value());
  CHECK(views.options->view == ViewName::kGroups);
  CHECK(views.options->stats);
  CHECK(parse_viz_options({"demo_1", "--view", "partitions"}).options->view ==
        ViewName::kPartitions);

  // No scenario: the window opens on the lesson list.
  const ParsedOptions none = parse_viz_options({});
  REQUIRE(none.options.has_value());
  CHECK(none.options->scenario.empty());

  const ParsedOptions plain = parse_viz_options({"scenarios/demo_1.json"});
  REQUIRE(plain.options.has_value());
  CHECK_FALSE(plain.options->screenshot.has_value());
  CHECK(plain.options->width == 1280);
}

TEST_CASE("The viewer's command line rejects bad input with a precise message", "[viz]") {
  // Goal: a wrong flag names itself and what was expected; nothing is half-parsed.
  CHECK(parse_viz_options({"--screenshot", "x.png"}).error == "--screenshot needs a SCENARIO");
  CHECK(parse_viz_options({"demo_1", "--view", "topics"}).error ==
        "--view expects cluster, partitions or groups, found \"topics\"");
  CHECK(parse_viz_options({"demo_1", "--size", "big"}).error.find("WxH") != std::string::npos);
  CHECK(parse_viz_options({"demo_1", "--size", "10x10"}).error.find("WxH") != std::string::npos);
  CHECK(parse_viz_options({"demo_1", "--at", "-4"}).error.find("--at") != std::string::npos);
  CHECK(parse_viz_options({"demo_1", "--at"}).error == "--at needs a value");
  CHECK(parse_viz_options({"demo_1", "--frobnicate"}).error == "unknown option \"--frobnicate\"");
  CHECK(parse_viz_options({"demo_1", "demo_2"}).error.find("one scenario") != std::string::npos);
  CHECK_FALSE(parse_viz_options({"demo_1", "--at", "x"}).options.has_value());
  CHECK(parse_viz_options({"--help"}).options->help);
}
