# Shared by scripts/demo and scripts/test: install what is missing from Debian's packages,
# then configure and build with a CMake preset. Re-running is fast when nothing changed:
# dpkg is asked first, apt only runs for missing packages, and the build is incremental.

KSIM_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Build tools and libraries (../shared/STACK.md); xvfb/xauth run the GUI tests headless;
# chromium opens the HTML export in a test; clang and libclang-rt-14-dev (libFuzzer and the
# sanitizers' runtimes) build the fuzz target (scripts/fuzz).
KSIM_PACKAGES=(g++ cmake ninja-build pkg-config clang-format clang libclang-rt-14-dev
  libimgui-dev libglfw3-dev libfmt-dev catch2 nlohmann-json3-dev libcli11-dev
  libstb-dev libbenchmark-dev xvfb xauth chromium)

ksim_say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

ksim_install_missing() {
  local missing=()
  local pkg
  for pkg in "${KSIM_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" ||
      missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null 2>&1; then
      echo "kafkasim: missing packages (${missing[*]}) and not root, and sudo is not installed." >&2
      echo "Install them as root: apt-get install --no-install-recommends ${missing[*]}" >&2
      exit 1
    fi
    sudo=(sudo)
  fi
  ksim_say "Installing ${missing[*]}"
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# ksim_build PRESET [TARGET...]: configure once, then build incrementally.
ksim_build() {
  local preset="$1"
  shift
  cd "$KSIM_ROOT"
  if [ ! -f "build/$preset/build.ninja" ]; then
    ksim_say "Configuring ($preset)"
    cmake --preset "$preset" >/dev/null
  fi
  ksim_say "Building ($preset)"
  if [ $# -gt 0 ]; then
    cmake --build --preset "$preset" --target "$@"
  else
    cmake --build --preset "$preset"
  fi
}
