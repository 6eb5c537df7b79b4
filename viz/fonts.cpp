#include "viz/fonts.h"

#include <imgui.h>

#include <filesystem>

namespace ksim::viz {
namespace {

constexpr const char* kDejaVuDir = "/usr/share/fonts/truetype/dejavu/";

ImFont* load_or_null(ImGuiIO& io, const char* file, float size_px) {
  const std::filesystem::path path = std::filesystem::path(kDejaVuDir) / file;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return nullptr;
  return io.Fonts->AddFontFromFileTTF(path.c_str(), size_px);
}

}  // namespace

Fonts load_fonts(ImGuiIO& io) {
  Fonts f;
  f.body = load_or_null(io, "DejaVuSans.ttf", 16.0f);  // the first font loaded is the default
  if (f.body == nullptr) f.body = io.Fonts->AddFontDefault();
  f.mono = load_or_null(io, "DejaVuSansMono.ttf", 14.0f);
  if (f.mono == nullptr) f.mono = f.body;
  f.title = load_or_null(io, "DejaVuSans-Bold.ttf", 24.0f);
  if (f.title == nullptr) {
    ImFontConfig big;
    big.SizePixels = 26.0f;
    f.title = io.Fonts->AddFontDefault(&big);
  }
  return f;
}

}  // namespace ksim::viz
