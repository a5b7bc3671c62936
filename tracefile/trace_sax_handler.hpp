#pragma once
// The SAX handler that reads trace.json (docs/trace-format.md) into a Trace as nlohmann's parser walks the text: the
// header, the lanes (with a skewed host's clock), the run's ledger, and the tables, whose records it hands to a
// RecordReader (trace_records.hpp). Unknown keys are skipped: later versions may add some.
#include <cstddef>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tracefile/trace_model.hpp"
#include "tracefile/trace_records.hpp"
#include "tracefile/trace_value.hpp"

namespace buslab::tracefile::reader {

class Handler {
 public:
  using json = nlohmann::json;

  explicit Handler(Trace& trace) : trace_(trace), records_(trace, error_) {}

  const std::string& error() const { return error_; }
  bool parse_failed() const { return parse_failed_; }
  size_t error_byte() const { return error_byte_; }

  // --- nlohmann SAX interface ---
  bool null() { return scalar(Value{}); }
  bool boolean(bool b) {
    Value v;
    v.type = Value::Bool;
    v.number = b ? 1 : 0;
    return scalar(v);
  }
  bool number_integer(json::number_integer_t n) {
    Value v;
    v.type = Value::Integer;
    v.number = static_cast<double>(n);
    v.negative = n < 0;
    v.magnitude = n < 0 ? uint64_t{0} - static_cast<uint64_t>(n) : static_cast<uint64_t>(n);
    return scalar(v);
  }
  bool number_unsigned(json::number_unsigned_t n) {
    Value v;
    v.type = Value::Integer;
    v.number = static_cast<double>(n);
    v.magnitude = n;
    return scalar(v);
  }
  bool number_float(json::number_float_t n, const std::string&) {
    Value v;
    v.type = Value::Float;
    v.number = n;
    return scalar(v);
  }
  bool string(std::string& s) {
    Value v;
    v.type = Value::String;
    v.text = &s;
    return scalar(v);
  }
  bool binary(json::binary_t&) { return fail("unexpected binary value"); }
  bool key(std::string& k);
  bool start_object(size_t);
  bool end_object();
  bool start_array(size_t);
  bool end_array();
  bool parse_error(size_t position, const std::string&, const nlohmann::detail::exception& ex);

 private:
  enum class Section { None, Lanes, Fields, Records };

  bool fail(const std::string& message);
  // A container where this reader expects a scalar: an error inside records, skipped elsewhere.
  bool container_as_scalar(const Value& v);
  bool scalar(const Value& v);
  // --- header ---
  bool top_value(const Value& v);
  bool start_section();
  bool end_section();
  bool field_name(const Value& v);
  // --- lanes ---
  bool lane_value(const Value& v);
  // A skewed host's clock (docs/trace-format.md): its numbers, within bounds that keep readings finite.
  bool clock_value(const Value& v);
  bool end_lane();
  bool end_document();

  Trace& trace_;
  std::string error_;
  RecordReader records_;
  bool parse_failed_ = false;
  size_t error_byte_ = 0;

  int depth_ = 0;         // open containers the handler follows (skipped ones are counted in skip_)
  int skip_ = 0;          // > 0: inside a value being skipped, this deep
  bool capture_ = false;  // the skipped value is "conservation" or a lane's "clock": its numbers are kept
  bool capture_clock_ = false;
  std::vector<std::string> capture_keys_;  // the key at each depth of it
  std::string top_key_, lane_key_;
  Section section_ = Section::None;
  Table table_ = Table::Hops;
  bool format_seen_ = false;
  bool done_ = false;
  std::set<std::string> sections_seen_;
  std::vector<std::string> field_names_;
  Lane lane_;
  int lane_seen_ = 0;
};

}  // namespace buslab::tracefile::reader
