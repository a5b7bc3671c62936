#include "visualizer/screenshot.hpp"

#include <GL/gl.h>
#include <stb_image_write.h>

#include <cstring>
#include <vector>

namespace buslab::viz {

bool save_screenshot(const std::string& path, int width, int height, std::string& error) {
  if (width <= 0 || height <= 0) {
    error = "the window has no pixels";
    return false;
  }
  const size_t stride = static_cast<size_t>(width) * 3;
  std::vector<unsigned char> pixels(stride * static_cast<size_t>(height));
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadBuffer(GL_BACK);
  glReadPixels(0, 0, width, height, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
  if (glGetError() != GL_NO_ERROR) {
    error = "cannot read the rendered pixels back (glReadPixels failed)";
    return false;
  }
  // OpenGL's first row is the bottom one; PNG's is the top one.
  std::vector<unsigned char> row(stride);
  for (int y = 0; y < height / 2; ++y) {
    unsigned char* a = pixels.data() + stride * static_cast<size_t>(y);
    unsigned char* b = pixels.data() + stride * static_cast<size_t>(height - 1 - y);
    std::memcpy(row.data(), a, stride);
    std::memcpy(a, b, stride);
    std::memcpy(b, row.data(), stride);
  }
  stbi_write_png_compression_level = 9;  // committed screenshots: the smallest PNG stb writes
  if (!stbi_write_png(path.c_str(), width, height, 3, pixels.data(), static_cast<int>(stride))) {
    error = path + ": cannot write the PNG";
    return false;
  }
  return true;
}

}  // namespace buslab::viz
