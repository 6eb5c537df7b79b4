// STUB: tests for viz/partition_view.h.
#include <catch2/catch.hpp>

#include "viz/partition_view.h"
