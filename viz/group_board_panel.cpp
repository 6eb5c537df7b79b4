#include "viz/group_board_panel.h"

#include <fmt/format.h>
#include <imgui.h>

#include <cinttypes>

#include "viz/group_board.h"
#include "viz/panel_window.h"

namespace ksim::viz {
namespace {

constexpr ImGuiTableFlags kTableFlags =
    ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingFixedFit;

ImVec4 vec(Rgba c) { return {c.r / 255.0f, c.g / 255.0f, c.b / 255.0f, c.a / 255.0f}; }

void members_table(const GroupCard& card, std::vector<Command>& out) {
  if (card.members.empty()) {
    ImGui::TextDisabled("no members");
    return;
  }
  if (!ImGui::BeginTable("members", 4, kTableFlags)) return;
  for (const char* c : {"CONSUMER", "MEMBER-ID", "ASSIGNMENT", "CLIENT'S OWN VIEW"}) {
    ImGui::TableSetupColumn(c);
  }
  ImGui::TableHeadersRow();
  for (const MemberRow& m : card.members) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    const std::string label = m.leader ? m.client + " (leader)" : m.client;
    ImGui::PushID(m.member_id.c_str());
    if (ImGui::Selectable(label.c_str(), m.selected, ImGuiSelectableFlags_SpanAllColumns)) {
      out.push_back(Select{MemberSelection{card.group, m.member_id}});
    }
    ImGui::PopID();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("member id %s", m.member_id.c_str());
    ImGui::TableNextColumn();
    ImGui::TextDisabled("%s", m.short_id.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(m.assignment.c_str());
    ImGui::TableNextColumn();
    if (!m.client_view.empty()) ImGui::TextColored({1, 0.7f, 0.2f, 1}, "%s", m.client_view.c_str());
  }
  ImGui::EndTable();
}

void offsets_table(const GroupCard& card) {
  if (card.offsets.empty()) return;
  if (!ImGui::BeginTable("offsets", 5, kTableFlags)) return;
  for (const char* c : {"PARTITION", "CURRENT-OFFSET", "LOG-END-OFFSET", "LAG", "OWNER"}) {
    ImGui::TableSetupColumn(c);
  }
  ImGui::TableHeadersRow();
  for (const OffsetRow& r : card.offsets) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::Text("%s-%d", r.tp.topic.c_str(), r.tp.partition);
    ImGui::TableNextColumn();
    if (r.committed >= 0) {
      ImGui::Text("%" PRId64, r.committed);
    } else {
      ImGui::TextDisabled("-");
    }
    ImGui::TableNextColumn();
    if (r.log_end >= 0) {
      ImGui::Text("%" PRId64, r.log_end);
    } else {
      ImGui::TextDisabled("-");
    }
    ImGui::TableNextColumn();
    if (r.lag > 0) {
      ImGui::TextColored({1, 0.7f, 0.2f, 1}, "%" PRId64, r.lag);
    } else if (r.lag == 0) {
      ImGui::TextUnformatted("0");
    } else {
      ImGui::TextDisabled("-");
    }
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(r.owner.empty() ? "-" : r.owner.c_str());
  }
  ImGui::EndTable();
}

// Continues the header on this line when `text` fits there, else on the next: a long
// coordinator text must not run out of the panel.
void same_line_if_fits(const std::string& text, float spacing) {
  const float right = ImGui::GetWindowContentRegionMax().x + ImGui::GetWindowPos().x;
  ImGui::SameLine(0, spacing);
  if (ImGui::GetCursorScreenPos().x + ImGui::CalcTextSize(text.c_str()).x > right) ImGui::NewLine();
}

void card_view(const GroupCard& card, std::vector<Command>& out) {
  ImGui::PushID(card.group.c_str());
  ImGui::TextColored(vec(card.state_color), "%s", card.state.c_str());
  ImGui::SameLine();
  ImGui::Text("group %s", card.group.c_str());
  const std::string generation =
      card.generation < 0 ? "generation -" : fmt::format("generation {}", card.generation);
  const std::string protocol =
      fmt::format("protocol {}", card.protocol.empty() ? "-" : card.protocol);
  const std::string coordinator = fmt::format("coordinator {}", card.coordinator);
  // No coordinator is what a failover lesson is about: say so in the state's red.
  const ImVec4 coordinator_color = card.coordinator.starts_with("unavailable")
                                       ? vec(card.state_color)
                                       : ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled);
  same_line_if_fits(generation, 16);
  ImGui::TextDisabled("%s", generation.c_str());
  same_line_if_fits(protocol, 16);
  ImGui::TextDisabled("%s", protocol.c_str());
  same_line_if_fits(coordinator, 16);
  ImGui::TextColored(coordinator_color, "%s", coordinator.c_str());
  members_table(card, out);
  offsets_table(card);
  for (const Outsider& o : card.outsiders) {
    ImGui::PushID(o.node.value);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    const std::string line = fmt::format("{}: {}", o.client, o.why);
    if (ImGui::Selectable(line.c_str(), o.selected)) out.push_back(Select{NodeSelection{o.node}});
    ImGui::PopStyleColor();
    ImGui::PopID();
  }
  ImGui::PopID();
  ImGui::Spacing();
}

void exchange(const AppState& app, GroupBoardState& state, std::vector<Command>& out) {
  ImGui::Checkbox("heartbeats", &state.show_heartbeats);
  ImGui::SameLine();
  ImGui::TextDisabled("the group protocol around this step (click: go there)");
  const std::vector<ProtocolMessage> list = group_exchange(
      app.timeline.trace(), app.names, app.timeline.current(), app.timeline.position());
  if (!ImGui::BeginTable("exchange", 4, kTableFlags | ImGuiTableFlags_ScrollY)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  for (const char* c : {"step", "time", "from -> to", "message"}) ImGui::TableSetupColumn(c);
  ImGui::TableHeadersRow();
  for (size_t i = 0; i < list.size(); ++i) {
    const ProtocolMessage& m = list[i];
    if (!state.show_heartbeats && m.text.starts_with("Heartbeat")) continue;
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::PushID(static_cast<int>(i));
    if (m.in_flight) {
      ImGui::TextColored({0.5f, 0.8f, 1, 1}, "in flight");
    } else if (ImGui::Selectable(std::to_string(m.step).c_str(),
                                 m.step == app.timeline.position() - 1,
                                 ImGuiSelectableFlags_SpanAllColumns)) {
      out.push_back(SeekTo{m.step + 1});
    }
    ImGui::PopID();
    ImGui::TableNextColumn();
    ImGui::Text("%.3fs", m.at_s);
    ImGui::TableNextColumn();
    ImGui::Text("%s -> %s", m.from.c_str(), m.to.c_str());
    ImGui::TableNextColumn();
    const bool bad = m.dropped || m.text.find('_') != std::string::npos;
    if (bad) {
      ImGui::TextColored({1, 0.55f, 0.3f, 1}, "%s", m.text.c_str());
    } else {
      ImGui::TextUnformatted(m.text.c_str());
    }
  }
  if (ImGui::GetScrollY() == 0 && !list.empty()) ImGui::SetScrollHereY(1.0f);
  ImGui::EndTable();
}

}  // namespace

void draw_group_board_panel(const AppState& app, GroupBoardState& state, const Fonts& /*fonts*/,
                            Rect rect, std::vector<Command>& out) {
  if (!begin_panel("Consumer groups", rect)) return;
  const std::vector<GroupCard> cards = group_cards(app.timeline.current(), app.names, app.selected);
  const float avail = ImGui::GetContentRegionAvail().y;
  ImGui::BeginChild("cards", {0, avail * 0.6f});
  if (cards.empty()) ImGui::TextDisabled("no consumer groups in this run (yet)");
  for (const GroupCard& c : cards) card_view(c, out);
  ImGui::EndChild();
  ImGui::Separator();
  ImGui::BeginChild("exchange");
  exchange(app, state, out);
  ImGui::EndChild();
  ImGui::End();
}

}  // namespace ksim::viz
