// STUB: the inspector's fields of a selection (pure, no ImGui).
#pragma once
