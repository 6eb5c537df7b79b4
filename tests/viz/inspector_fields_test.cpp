// STUB: tests for viz/inspector_fields.h.
#include <catch2/catch.hpp>

#include "viz/inspector_fields.h"
