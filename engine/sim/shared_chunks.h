// An append-only sequence whose full chunks are sealed, immutable and shared between copies.
// Copying one costs O(chunks), not O(elements): this is how state that only grows (a node's
// disk, a log's sealed segments, a client application's record of what it sent and read) stays
// cheap to checkpoint as it reaches millions of entries. An element may still be replaced
// (`set`): a sealed chunk is then copied once for this copy alone.
#pragma once

#include <cstddef>
#include <iterator>
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

  // Replaces element `i`; a sealed chunk it lives in is copied first (copy on write), so other
  // copies of this sequence never see the change.
  void set(size_t i, T v) {
    KSIM_ASSERT(i < size(), "SharedChunks index out of range");
    const size_t chunk = i / kChunk;
    if (chunk == sealed_.size()) {
      tail_[i % kChunk] = std::move(v);
      return;
    }
    auto copy = std::make_shared<std::vector<T>>(*sealed_[chunk]);
    (*copy)[i % kChunk] = std::move(v);
    sealed_[chunk] = std::move(copy);
  }

  bool empty() const { return size() == 0; }
  const T& front() const { return (*this)[0]; }
  const T& back() const { return (*this)[size() - 1]; }

  // Reading in order (range-for).
  class const_iterator {
   public:
    using value_type = T;
    using difference_type = std::ptrdiff_t;
    using reference = const T&;
    using pointer = const T*;
    using iterator_category = std::forward_iterator_tag;
    const_iterator() = default;
    const_iterator(const SharedChunks* c, size_t i) : c_(c), i_(i) {}
    const T& operator*() const { return (*c_)[i_]; }
    const T* operator->() const { return &(*c_)[i_]; }
    const_iterator& operator++() {
      ++i_;
      return *this;
    }
    const_iterator operator++(int) {
      const_iterator before = *this;
      ++i_;
      return before;
    }
    friend bool operator==(const const_iterator& a, const const_iterator& b) {
      return a.i_ == b.i_;
    }

   private:
    const SharedChunks* c_ = nullptr;
    size_t i_ = 0;
  };
  const_iterator begin() const { return const_iterator(this, 0); }
  const_iterator end() const { return const_iterator(this, size()); }

  size_t sealed_chunks() const { return sealed_.size(); }
  // True when both share the storage of sealed chunk `i` (checkpoint-sharing tests).
  bool shares_chunk_with(const SharedChunks& other, size_t i) const {
    return i < sealed_.size() && i < other.sealed_.size() && sealed_[i] == other.sealed_[i];
  }

  friend bool operator==(const SharedChunks& a, const SharedChunks& b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
      // A sealed chunk both share is equal without a look inside.
      const size_t chunk = i / kChunk;
      if (i % kChunk == 0 && chunk < a.sealed_.size() && a.sealed_[chunk] == b.sealed_[chunk]) {
        i += kChunk - 1;
        continue;
      }
      if (!(a[i] == b[i])) return false;
    }
    return true;
  }

 private:
  std::vector<std::shared_ptr<const std::vector<T>>> sealed_;  // full chunks, shared
  std::vector<T> tail_;
};

}  // namespace ksim
