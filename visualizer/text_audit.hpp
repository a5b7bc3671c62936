#pragma once
// Every piece of text the visualizer puts on screen, where it went and the box it was clipped to, recorded when a
// screenshot asks for its regions (--screenshot-regions): the projector test checks, in the app's own geometry
// rather than by reading pixels, that at --scale 1.5 and 2 no text is cut by the box it is drawn in. Plain data.
#include <string>
#include <vector>

namespace buslab::viz {

struct TextBox {
  std::string text;
  float box[4];   // where the text is: x0, y0, x1, y1 (screen pixels)
  float clip[4];  // the clip rectangle it was drawn in
  bool scrolls;   // in a region that scrolls vertically: a row half out of view is fine, a cut across is not
};

class TextAudit {
 public:
  static void enable(bool on);
  static bool enabled();
  // Forgets the last frame's texts (the app calls it at the start of each frame).
  static void clear();
  static void record(TextBox box);
  static const std::vector<TextBox>& texts();
  // Texts cut by their clip rectangle: across (left or right) always, up or down unless `scrolls`.
  static std::vector<TextBox> cut(float tolerance = 0.5f);
};

}  // namespace buslab::viz
