// png_check: fails unless a screenshot shows something. Usage:
//   png_check A.png                       more than 1% of A's pixels differ from its background
//   png_check A.png --differs-from B.png  and A and B (same size) differ in more than 0.1%
//   ... --region X,Y,W,H                  both checks look only at that rectangle (a view)
// The background is A's most common colour. Exit 0 when every check passes, 1 otherwise.
#include <stb_image.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

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

struct Region {
  int x = 0;
  int y = 0;
  int w = 0;
  int h = 0;
};

// Keeps only `r` of `img` (clamped to the image).
void crop(Image& img, Region r) {
  r.x = std::clamp(r.x, 0, img.w);
  r.y = std::clamp(r.y, 0, img.h);
  r.w = std::clamp(r.w, 0, img.w - r.x);
  r.h = std::clamp(r.h, 0, img.h - r.y);
  auto* out = static_cast<unsigned char*>(std::malloc(static_cast<size_t>(r.w) * r.h * 3));
  for (int row = 0; row < r.h; ++row) {
    std::memcpy(out + static_cast<size_t>(row) * r.w * 3,
                img.px.get() + (static_cast<size_t>(r.y + row) * img.w + r.x) * 3,
                static_cast<size_t>(r.w) * 3);
  }
  img.px.reset(out);
  img.w = r.w;
  img.h = r.h;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  std::optional<Region> region;
  if (args.size() >= 2 && args[args.size() - 2] == "--region") {
    Region r;
    if (std::sscanf(args.back().c_str(), "%d,%d,%d,%d", &r.x, &r.y, &r.w, &r.h) != 4 || r.w <= 0 ||
        r.h <= 0) {
      std::fprintf(stderr, "png_check: --region expects X,Y,W,H, found %s\n", args.back().c_str());
      return 2;
    }
    region = r;
    args.resize(args.size() - 2);
  }
  const bool compare = args.size() == 3 && args[1] == "--differs-from";
  if (args.size() != 1 && !compare) {
    std::fprintf(stderr, "usage: png_check A.png [--differs-from B.png] [--region X,Y,W,H]\n");
    return 2;
  }
  Image a;
  if (!load(args[0].c_str(), a)) return 1;
  if (region) crop(a, *region);
  if (!not_blank(args[0].c_str(), a)) return 1;
  if (!compare) return 0;
  Image b;
  if (!load(args[2].c_str(), b)) return 1;
  if (region) crop(b, *region);
  if (!not_blank(args[2].c_str(), b)) return 1;
  return differ(args[0].c_str(), a, args[2].c_str(), b) ? 0 : 1;
}
