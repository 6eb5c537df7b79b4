#include "viz/partition_view.h"
