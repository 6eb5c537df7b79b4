// STUB: what the partition view draws (pure, no ImGui).
#pragma once
