#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>
#include <vector>

#include "tests/support/sample_trace.hpp"
#include "tracefile/svg_export.hpp"
#include "tracefile/trace_reader.hpp"

namespace buslab::tracefile {
namespace {

// A small XML well-formedness check: tags balance, attributes are quoted, '&' starts an entity.
std::string xml_problem(const std::string& text) {
  std::vector<std::string> open;
  size_t i = 0;
  while ((i = text.find_first_of("<&", i)) != std::string::npos) {
    if (text[i] == '&') {
      const size_t semi = text.find(';', i);
      const std::string entity = text.substr(i, semi == std::string::npos ? 6 : semi - i + 1);
      if (entity != "&amp;" && entity != "&lt;" && entity != "&gt;" && entity != "&quot;")
        return "bad entity at " + std::to_string(i);
      ++i;
      continue;
    }
    const size_t end = text.find('>', i);
    if (end == std::string::npos) return "unterminated tag at " + std::to_string(i);
    std::string tag = text.substr(i + 1, end - i - 1);
    i = end + 1;
    if (tag[0] == '?') continue;
    size_t quotes = 0;
    for (char ch : tag) quotes += ch == '"';
    if (quotes % 2) return "unbalanced quotes in <" + tag + ">";
    if (tag[0] == '/') {
      if (open.empty() || open.back() != tag.substr(1)) return "unexpected </" + tag.substr(1) + ">";
      open.pop_back();
      continue;
    }
    if (tag.back() == '/') continue;
    open.push_back(tag.substr(0, tag.find(' ')));
  }
  return open.empty() ? "" : "unclosed <" + open.back() + ">";
}

size_t count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t i = text.find(what); i != std::string::npos; i = text.find(what, i + 1)) ++n;
  return n;
}

// The y where each hop's arrow leaves: its <line>'s y1, or its <path>'s first point ("M x y"). Parsed by hand, not
// with <regex>: GCC 12's false -Wmaybe-uninitialized inside <regex> under -fsanitize=address breaks the asan build.
std::vector<double> hop_start_ys(const std::string& svg) {
  std::vector<double> ys;
  for (size_t at = svg.find("<g class=\"hop "); at != std::string::npos; at = svg.find("<g class=\"hop ", at + 1)) {
    const size_t shape = svg.find('<', svg.find("</title>", at) + 1);
    if (svg.compare(shape, 6, "<line ") == 0) {
      ys.push_back(std::stod(svg.substr(svg.find("y1=\"", shape) + 4)));
    } else if (svg.compare(shape, 6, "<path ") == 0) {
      const size_t x = svg.find("d=\"M ", shape) + 5;
      ys.push_back(std::stod(svg.substr(svg.find(' ', x) + 1)));
    }
  }
  return ys;
}

class SvgExport : public testing::Test {
 protected:
  std::string svg(SvgOptions options) {
    std::ostringstream out;
    write_svg(trace, index, options, out);
    return out.str();
  }
  Trace trace = parse_trace(testdata::sample_trace_json(), "t.json");
  TraceIndex index{trace};
};

TEST_F(SvgExport, WholeTraceIsWellFormedWithOneArrowPerHop) {
  const std::string text = svg(SvgOptions{});
  EXPECT_EQ(xml_problem(text), "");
  EXPECT_EQ(text.rfind("<?xml", 0), 0u);
  EXPECT_EQ(count(text, "<g class=\"hop "), 12u);
  EXPECT_EQ(count(text, "<g class=\"hop delivery lost\">"), 1u);
  EXPECT_EQ(count(text, "<g class=\"lane\">"), 7u);   // the lanes that take part; host lanes do not
  EXPECT_EQ(count(text, "<g class=\"fault\">"), 2u);  // kill and restart
  EXPECT_NE(text.find("rabbit/q/compute"), std::string::npos);
  EXPECT_NE(text.find("class=\"legend\""), std::string::npos);
  EXPECT_NE(text.find("&gt;"), std::string::npos);  // "->" in arrow titles is escaped
}

TEST_F(SvgExport, RangeKeepsOnlyHopsLeavingInIt) {
  SvgOptions options;
  options.t0 = 0.0059;
  options.t1 = 0.0062;  // the reply path: reply, route, delivery, ack
  const std::string text = svg(options);
  EXPECT_EQ(xml_problem(text), "");
  EXPECT_EQ(count(text, "<g class=\"hop "), 4u);
  EXPECT_EQ(count(text, "<g class=\"hop reply\">"), 1u);
  EXPECT_EQ(count(text, "<g class=\"fault\">"), 0u);
}

TEST_F(SvgExport, TooManyOrNoArrowsIsAClearError) {
  SvgOptions options;
  options.max_arrows = 5;
  try {
    svg(options);
    FAIL();
  } catch (const SvgError& e) {
    EXPECT_NE(std::string(e.what()).find("12 hops leave"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("--range"), std::string::npos) << e.what();
  }
  options.t0 = 2;
  options.t1 = 3;
  EXPECT_THROW(svg(options), SvgError);
}

// A call tree (call 2 made while handling call 1): the hops of both calls and none other (not the heartbeat), each
// instant on a row of its own (16 px apart at least), the two waits longer than a twentieth of the tree's 7.1 ms
// (5.2 ms for call 1's service, 0.7 ms before call 2) cut out, and the tree with each call's share under it.
TEST(SvgExportCall, ACallTreeHasARowPerInstantItsWaitsCutOutAndItsTreeBelow) {
  const Trace trace = parse_trace(testdata::sample_trace_with_parents_json(), "t.json");
  const TraceIndex index(trace);
  SvgOptions options;
  options.call = 2;
  std::ostringstream out;
  EXPECT_EQ(write_svg(trace, index, options, out), 11u);
  const std::string text = out.str();
  EXPECT_EQ(xml_problem(text), "");
  EXPECT_EQ(count(text, "<g class=\"hop "), 11u);
  EXPECT_EQ(text.find("heartbeat"), std::string::npos);
  EXPECT_EQ(count(text, "<g class=\"break\">"), 2u);
  EXPECT_NE(text.find("5.20 ms later"), std::string::npos);
  EXPECT_NE(text.find("700 us later"), std::string::npos);
  EXPECT_NE(text.find(">#1 call add on compute-1, 6.30 ms (1%)</text>"), std::string::npos);
  EXPECT_NE(text.find(">#2 call add on -, 1.00 s (99%)</text>"), std::string::npos);
  // Where each hop leaves: the 11 sends are at 11 distinct instants, so on 11 rows.
  std::vector<double> ys = hop_start_ys(text);
  ASSERT_EQ(ys.size(), 11u);
  std::sort(ys.begin(), ys.end());
  for (size_t i = 1; i < ys.size(); ++i) EXPECT_GE(ys[i] - ys[i - 1], 15.9) << i;
}

TEST_F(SvgExport, OutputIsByteIdenticalForTheSameTrace) {
  EXPECT_EQ(svg(SvgOptions{}), svg(SvgOptions{}));
}

}  // namespace
}  // namespace buslab::tracefile
