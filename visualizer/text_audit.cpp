#include "visualizer/text_audit.hpp"

namespace buslab::viz {

namespace {

bool g_enabled = false;
std::vector<TextBox> g_texts;

}  // namespace

void TextAudit::enable(bool on) {
  g_enabled = on;
}

bool TextAudit::enabled() {
  return g_enabled;
}

void TextAudit::clear() {
  g_texts.clear();
}

void TextAudit::record(TextBox box) {
  if (g_enabled) g_texts.push_back(std::move(box));
}

const std::vector<TextBox>& TextAudit::texts() {
  return g_texts;
}

std::vector<TextBox> TextAudit::cut(float tolerance) {
  std::vector<TextBox> out;
  for (const TextBox& t : g_texts) {
    // A text wholly outside its clip (scrolled away) is not shown at all, not cut.
    const bool away = t.box[2] <= t.clip[0] || t.box[0] >= t.clip[2] || t.box[3] <= t.clip[1] || t.box[1] >= t.clip[3];
    if (away && t.scrolls) continue;
    const bool across = t.box[0] < t.clip[0] - tolerance || t.box[2] > t.clip[2] + tolerance;
    const bool up_down = t.box[1] < t.clip[1] - tolerance || t.box[3] > t.clip[3] + tolerance;
    if (across || (up_down && !t.scrolls)) out.push_back(t);
  }
  return out;
}

}  // namespace buslab::viz
