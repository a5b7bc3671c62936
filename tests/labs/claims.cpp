#include "tests/labs/claims.hpp"

#include <fnmatch.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>

namespace buslab::labs {

namespace {

std::string trim(std::string s) {
  const size_t a = s.find_first_not_of(" \t"), b = s.find_last_not_of(" \t");
  return a == std::string::npos ? std::string() : s.substr(a, b - a + 1);
}

// A recursive-descent evaluator: sum of products of factors; a factor is a number, a path, a function of a
// pattern, or a parenthesised expression. Binary + and - need spaces around them (paths hold dashes).
class Evaluator {
 public:
  Evaluator(const std::string& expr, const MetricSource& metrics) : s_(expr), metrics_(metrics) {}

  double run() {
    const double v = sum();
    skip_space();
    if (i_ != s_.size()) fail(fmt::format("unexpected \"{}\"", s_.substr(i_)));
    return v;
  }

 private:
  [[noreturn]] void fail(const std::string& why) const { throw std::runtime_error(fmt::format("{}: {}", s_, why)); }
  void skip_space() {
    while (i_ < s_.size() && s_[i_] == ' ') ++i_;
  }
  // A binary operator: one of `ops` with a space on each side.
  char binary(const char* ops) {
    if (i_ + 2 < s_.size() && s_[i_] == ' ' && std::strchr(ops, s_[i_ + 1]) && s_[i_ + 2] == ' ') {
      const char op = s_[i_ + 1];
      i_ += 3;
      return op;
    }
    return 0;
  }
  double sum() {
    double v = product();
    for (char op; (op = binary("+-"));) v = op == '+' ? v + product() : v - product();
    return v;
  }
  double product() {
    double v = factor();
    for (char op; (op = binary("*/"));) v = op == '*' ? v * factor() : v / factor();
    return v;
  }
  std::string token() {
    skip_space();
    const size_t start = i_;
    while (i_ < s_.size() && s_[i_] != ' ' && s_[i_] != '(' && s_[i_] != ')') ++i_;
    if (i_ == start) fail("expected a number, a metric path or a function");
    return s_.substr(start, i_ - start);
  }
  double factor() {
    skip_space();
    if (i_ < s_.size() && s_[i_] == '(') {
      ++i_;
      const double v = sum();
      expect(')');
      return v;
    }
    const std::string t = token();
    if (i_ < s_.size() && s_[i_] == '(') {
      ++i_;
      const std::string pattern = token();
      expect(')');
      return function(t, matching(pattern));
    }
    char* end = nullptr;
    const double number = std::strtod(t.c_str(), &end);
    if (end && *end == '\0') return number;
    const std::vector<const MetricPoint*> points = matching(t);
    if (points.size() != 1)
      fail(fmt::format("\"{}\" matches {} metrics; take mean(), max(), ... of them", t, points.size()));
    return points[0]->value;
  }
  void expect(char c) {
    skip_space();
    if (i_ >= s_.size() || s_[i_] != c) fail(fmt::format("expected \"{}\"", c));
    ++i_;
  }
  std::vector<const MetricPoint*> matching(const std::string& pattern) {
    int source = 0;
    std::string path = pattern;
    if (!path.empty() && path[0] == '@') {
      const size_t colon = path.find(':');
      if (colon == std::string::npos) fail(fmt::format("\"{}\": expected @N:path", path));
      source = std::stoi(path.substr(1, colon - 1));
      path = path.substr(colon + 1);
    }
    std::vector<const MetricPoint*> points;
    for (const MetricPoint& p : metrics_(source))
      if (fnmatch(path.c_str(), p.path().c_str(), 0) == 0) points.push_back(&p);
    if (points.empty()) fail(fmt::format("no metric is named like \"{}\"", pattern));
    return points;
  }
  double function(const std::string& name, const std::vector<const MetricPoint*>& points) {
    double out = name == "min" ? INFINITY : name == "max" ? -INFINITY : 0;
    if (name == "same") {
      // "408 each": every metric the pattern matches has one value, or the claim is wrong.
      for (const MetricPoint* p : points)
        if (p->value != points[0]->value)
          fail(fmt::format("same(): {} is {} but {} is {}", points[0]->path(), points[0]->value, p->path(), p->value));
      return points[0]->value;
    }
    for (const MetricPoint* p : points) {
      if (name == "ci") {
        if (points.size() != 1 || !p->ci_half_width) fail("ci() takes one replicated metric (a --seeds run)");
        return *p->ci_half_width;
      }
      if (name == "min")
        out = std::min(out, p->value);
      else if (name == "max")
        out = std::max(out, p->value);
      else if (name == "sum" || name == "mean")
        out += p->value;
      else if (name == "count")
        out += 1;
      else
        fail(fmt::format("unknown function \"{}\" (mean, min, max, sum, count, same, ci)", name));
    }
    return name == "mean" ? out / static_cast<double>(points.size()) : out;
  }

  const std::string& s_;
  const MetricSource& metrics_;
  size_t i_ = 0;
};

}  // namespace

std::vector<Claim> parse_claims(const std::string& text, const std::string& file) {
  std::vector<Claim> claims;
  std::istringstream in(text);
  int n = 0;
  for (std::string line; std::getline(in, line);) {
    ++n;
    line = trim(line);
    if (line.empty() || line[0] == '#') continue;
    const size_t eq = line.find(" = ");
    if (eq == std::string::npos)
      throw std::runtime_error(fmt::format("{}:{}: expected \"NUMBER = WHERE IT COMES FROM\"", file, n));
    Claim c;
    c.line = n;
    c.text = trim(line.substr(0, eq));
    std::string expr = line.substr(eq + 3);
    if (const size_t note = expr.find(" #"); note != std::string::npos) expr = expr.substr(0, note);  // a comment
    expr = trim(expr);
    if (const size_t in_unit = expr.rfind(" in "); in_unit != std::string::npos) {
      c.unit = trim(expr.substr(in_unit + 4));
      expr = trim(expr.substr(0, in_unit));
    }
    if (const size_t tilde = expr.rfind(" ~"); tilde != std::string::npos) {
      c.round_to = std::stod(expr.substr(tilde + 2));
      expr = trim(expr.substr(0, tilde));
    }
    c.given = expr == "given";
    c.expr = expr;
    claims.push_back(std::move(c));
  }
  return claims;
}

double evaluate(const std::string& expr, const MetricSource& metrics) {
  return Evaluator(expr, metrics).run();
}

std::vector<int> sources_of(const std::string& expr) {
  std::vector<int> sources = {0};
  for (size_t at = expr.find('@'); at != std::string::npos; at = expr.find('@', at + 1)) {
    const int n = std::atoi(expr.c_str() + at + 1);
    if (std::find(sources.begin(), sources.end(), n) == sources.end()) sources.push_back(n);
  }
  return sources;
}

}  // namespace buslab::labs
