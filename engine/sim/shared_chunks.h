// An append-only sequence whose full chunks are sealed, immutable and shared between copies.
// Copying one costs O(chunks), not O(elements): this is how state that only grows (a node's
// disk, a log's sealed segments) stays cheap to checkpoint as it reaches millions of entries.
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

#include "engine/sim/check.h"

namespace ksim {

template <typename T, size_t kChunk = 4096>
class SharedChunks {
 public:
  void push_back(const T& v) {
    tail_.push_back(v);
    if (tail_.size() == kChunk) {
      sealed_.push_back(std::make_shared<const std::vector<T>>(std::move(tail_)));
      tail_.clear();
      tail_.reserve(kChunk);
    }
  }

  size_t size() const { return sealed_.size() * kChunk + tail_.size(); }

  // Keeps the first `n` elements (a replica cutting back a divergent tail). A sealed chunk that
  // is cut into becomes the tail again; earlier sealed chunks stay shared.
  void truncate(size_t n) {
    if (n >= size()) return;
    const size_t keep_sealed = n / kChunk;
    if (keep_sealed < sealed_.size()) {
      std::vector<T> partial(
          sealed_[keep_sealed]->begin(),
          sealed_[keep_sealed]->begin() + static_cast<std::ptrdiff_t>(n % kChunk));
      sealed_.resize(keep_sealed);
      tail_ = std::move(partial);
    } else {
      tail_.resize(n - keep_sealed * kChunk);
    }
  }

  const T& operator[](size_t i) const {
    KSIM_ASSERT(i < size(), "SharedChunks index out of range");
    const size_t chunk = i / kChunk;
    return chunk < sealed_.size() ? (*sealed_[chunk])[i % kChunk] : tail_[i % kChunk];
  }

  size_t sealed_chunks() const { return sealed_.size(); }
  // True when both share the storage of sealed chunk `i` (checkpoint-sharing tests).
  bool shares_chunk_with(const SharedChunks& other, size_t i) const {
    return i < sealed_.size() && i < other.sealed_.size() && sealed_[i] == other.sealed_[i];
  }

  friend bool operator==(const SharedChunks& a, const SharedChunks& b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
      if (!(a[i] == b[i])) return false;
    }
    return true;
  }

 private:
  std::vector<std::shared_ptr<const std::vector<T>>> sealed_;
  std::vector<T> tail_;
};

}  // namespace ksim
