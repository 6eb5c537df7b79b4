// png_check: fails unless a screenshot shows something. Usage:
//   png_check A.png                       more than 1% of A's pixels differ from its background
//   png_check A.png --differs-from B.png  and A and B (same size) differ in more than 0.1%
// The background is A's most common colour. Exit 0 when every check passes, 1 otherwise.
#include <stb_image.h>

#include <cstdio>
#include <cstring>
#include <map>
#include <memory>
#include <string>

namespace {

struct Image {
  int w = 0;
  int h = 0;
  std::unique_ptr<unsigned char, void (*)(void*)> px{nullptr, stbi_image_free};
  size_t pixels() const { return static_cast<size_t>(w) * static_cast<size_t>(h); }
  unsigned rgb(size_t i) const {
    const unsigned char* p = px.get() + i * 3;
    return (unsigned{p[0]} << 16) | (unsigned{p[1]} << 8) | unsigned{p[2]};
  }
};

bool load(const char* path, Image& img) {
  int channels = 0;
  img.px.reset(stbi_load(path, &img.w, &img.h, &channels, 3));
  if (!img.px) {
    std::fprintf(stderr, "png_check: cannot read %s: %s\n", path, stbi_failure_reason());
    return false;
  }
  return true;
}

bool not_blank(const char* path, const Image& img) {
  std::map<unsigned, size_t> counts;
  for (size_t i = 0; i < img.pixels(); ++i) ++counts[img.rgb(i)];
  unsigned background = 0;
  size_t most = 0;
  for (const auto& [color, n] : counts) {
    if (n > most) {
      most = n;
      background = color;
    }
  }
  const double fraction = 1.0 - static_cast<double>(most) / static_cast<double>(img.pixels());
  std::printf("%s: %dx%d, background #%06x, %.1f%% of pixels differ from it, %zu colours\n", path,
              img.w, img.h, background, fraction * 100, counts.size());
  if (fraction <= 0.01) {
    std::fprintf(stderr, "png_check: %s looks blank (<= 1%% non-background pixels)\n", path);
    return false;
  }
  return true;
}

bool differ(const char* a_path, const Image& a, const char* b_path, const Image& b) {
  if (a.w != b.w || a.h != b.h) return true;
  size_t changed = 0;
  for (size_t i = 0; i < a.pixels(); ++i) changed += a.rgb(i) != b.rgb(i) ? 1 : 0;
  const double fraction = static_cast<double>(changed) / static_cast<double>(a.pixels());
  std::printf("%s vs %s: %.2f%% of pixels differ\n", a_path, b_path, fraction * 100);
  if (fraction <= 0.001) {
    std::fprintf(stderr, "png_check: %s and %s show the same picture\n", a_path, b_path);
    return false;
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  const bool compare = argc == 4 && std::strcmp(argv[2], "--differs-from") == 0;
  if (argc != 2 && !compare) {
    std::fprintf(stderr, "usage: png_check A.png [--differs-from B.png]\n");
    return 2;
  }
  Image a;
  if (!load(argv[1], a) || !not_blank(argv[1], a)) return 1;
  if (!compare) return 0;
  Image b;
  if (!load(argv[3], b) || !not_blank(argv[3], b)) return 1;
  return differ(argv[1], a, argv[3], b) ? 0 : 1;
}
