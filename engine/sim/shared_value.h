// An immutable value shared by every copy that holds it: a sealed log segment, a record
// batch. Copying the pointer is how checkpoints stay cheap; equality compares the values, so
// two worlds that replayed to the same state compare equal even though each built its own.
#pragma once

#include <cstddef>
#include <memory>
#include <utility>

namespace ksim {

template <typename T>
class SharedValue {
 public:
  SharedValue() = default;
  SharedValue(std::nullptr_t) {}  // NOLINT: as a shared_ptr converts from nullptr
  SharedValue(std::shared_ptr<const T> p) : p_(std::move(p)) {}  // NOLINT
  SharedValue(std::shared_ptr<T> p) : p_(std::move(p)) {}        // NOLINT

  const T& operator*() const { return *p_; }
  const T* operator->() const { return p_.get(); }
  const T* get() const { return p_.get(); }
  explicit operator bool() const { return p_ != nullptr; }

  // Same storage (the sharing that makes checkpoints cheap).
  bool shares_with(const SharedValue& other) const { return p_ == other.p_; }

  friend bool operator==(const SharedValue& a, const SharedValue& b) {
    if (a.p_ == b.p_) return true;
    return a.p_ != nullptr && b.p_ != nullptr && *a.p_ == *b.p_;
  }

 private:
  std::shared_ptr<const T> p_;
};

}  // namespace ksim
