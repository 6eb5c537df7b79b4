// std::visit over lambdas: Overloaded{[](const A&) {...}, [](const B&) {...}}.
#pragma once

namespace ksim {

template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

}  // namespace ksim
