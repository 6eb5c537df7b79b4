// Small text helpers shared by every loader that reports bad input: the edit distance and the
// "did you mean" suggestion for a mistyped key or name.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace ksim {

// Levenshtein distance between two strings.
size_t edit_distance(const std::string& a, const std::string& b);

// The candidate nearest to `word` by edit distance, or "" when none is close enough to be a
// likely typo (at most a third of the word's length, and at least 2, apart).
std::string nearest(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace ksim
