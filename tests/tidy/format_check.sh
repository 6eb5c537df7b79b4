#!/usr/bin/env bash
# Fails when a C++ source is not formatted by the repository's .clang-format (STYLE.md).
set -u
root="$1"
command -v clang-format >/dev/null 2>&1 || { echo "clang-format is not installed"; exit 1; }
bad=0
while IFS= read -r -d '' f; do
  if ! clang-format --dry-run -Werror "$f" >/dev/null 2>&1; then
    echo "not clang-formatted: ${f#"$root"/} (run: clang-format -i ${f#"$root"/})"
    bad=1
  fi
done < <(find "$root/engine" "$root/cli" "$root/viz" "$root/tests" "$root/bench" \
           \( -name '*.cpp' -o -name '*.h' \) -print0 | sort -z)
exit "$bad"
