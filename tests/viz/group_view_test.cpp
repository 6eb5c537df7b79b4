// STUB: tests for viz/group_view.h.
#include <catch2/catch.hpp>

#include "viz/group_view.h"
