#pragma once
// Writes what the back buffer holds as a PNG (glReadPixels, rows flipped to top-down, stb_image_write).
#include <string>

namespace buslab::viz {

// Returns false with a message when the pixels cannot be read or the file written.
bool save_screenshot(const std::string& path, int width, int height, std::string& error);

}  // namespace buslab::viz
