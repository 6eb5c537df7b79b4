// STUB: what the group view draws (pure, no ImGui).
#pragma once
