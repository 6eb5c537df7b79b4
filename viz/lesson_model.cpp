#include "viz/lesson_model.h"

#include <algorithm>

namespace ksim::viz {
namespace {

constexpr size_t kTitleChars = 70;

// The first sentence, cut at a word boundary when long.
std::string title_of(const std::string& text) {
  std::string t =
      text.substr(0, text.find(". ") == std::string::npos ? text.size() : text.find(". ") + 1);
  if (t.size() <= kTitleChars) return t;
  size_t cut = t.rfind(' ', kTitleChars - 3);
  if (cut == std::string::npos || cut < kTitleChars / 2) cut = kTitleChars - 3;
  return t.substr(0, cut) + "...";
}

}  // namespace

std::vector<Chapter> chapters(const AppState& app) {
  std::vector<Chapter> out;
  const NoteMark* current = current_note(app);
  const int64_t p = app.timeline.position();
  for (const NoteMark& n : app.notes) {
    const auto index = static_cast<size_t>(n.index);
    const std::string text = index < app.names.notes.size() ? app.names.notes[index] : "";
    out.push_back({
        .step = n.step,
        .at_s = static_cast<double>(app.timeline.trace().entry(Step{n.step}).time.us) / 1e6,
        .title = title_of(text),
        .pause = n.pause,
        .current = current != nullptr && current->step == n.step,
        .future = n.step >= p,
    });
  }
  return out;
}

std::vector<ExpectRow> expect_rows(const AppState& app) {
  std::vector<ExpectRow> rows;
  const int64_t p = app.timeline.position();
  for (size_t i = 0; i < app.scenario.expects.size(); ++i) {
    ExpectRow row;
    row.what = i < app.names.expects.size() ? app.names.expects[i] : "expectation";
    const auto result = std::find_if(
        app.expects.begin(), app.expects.end(),
        [&](const scenario::ExpectResult& r) { return r.index == static_cast<int32_t>(i); });
    if (result != app.expects.end()) {
      row.step = result->step;
      if (result->step < p) {
        row.status = result->passed ? ExpectStatus::kPassed : ExpectStatus::kFailed;
        row.found = result->found;
      }
    }
    rows.push_back(std::move(row));
  }
  std::stable_sort(rows.begin(), rows.end(), [](const ExpectRow& a, const ExpectRow& b) {
    // Those the run never reaches go last.
    const int64_t sa = a.step < 0 ? INT64_MAX : a.step;
    const int64_t sb = b.step < 0 ? INT64_MAX : b.step;
    return sa < sb;
  });
  return rows;
}

bool waiting_at_pause(const AppState& app) {
  const NoteMark* note = current_note(app);
  return !app.playback.playing && note != nullptr && note->pause &&
         note->step == app.timeline.position() - 1;
}

}  // namespace ksim::viz
