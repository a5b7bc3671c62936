#include <cstdio>

int main() {
  std::puts("buslab: under construction");
  return 0;
}
