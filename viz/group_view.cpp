#include "viz/group_view.h"
