#pragma once
// The band above each trace's rows: which run it is (its tag when runs are compared) and its headline numbers.
#include <imgui.h>

#include "visualizer/document.hpp"

namespace buslab::viz {

float section_header_height();
void draw_section_header(ImDrawList* draw, const Document& doc, ImVec2 min, ImVec2 max, bool compare);

}  // namespace buslab::viz
