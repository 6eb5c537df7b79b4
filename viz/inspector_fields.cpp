#include "viz/inspector_fields.h"
