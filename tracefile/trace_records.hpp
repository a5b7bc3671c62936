#pragma once
// The records of trace.json's three tables (hops, events, calls): which columns this reader needs, where they stand
// in a file's *_fields, and each cell read and checked into the Trace's columns. Driven value by value by the SAX
// handler (trace_sax_handler.hpp).
#include <cstdint>
#include <string>
#include <vector>

#include "tracefile/trace_model.hpp"
#include "tracefile/trace_value.hpp"

namespace buslab::tracefile::reader {

enum class Table { Hops, Events, Calls };
inline constexpr const char* kTableNames[] = {"hops", "events", "calls"};
inline constexpr const char* kFieldsNames[] = {"hop_fields", "event_fields", "call_fields"};

// Whether `k` names a table or its fields.
bool is_table_key(const std::string& k);

class RecordReader {
 public:
  // Problems are written to `error` (the first one kept), as the handler's own are.
  RecordReader(Trace& trace, std::string& error) : trace_(trace), error_(error) {}

  // Maps the columns a file's `table` section names (`field_names`, from its *_fields) to those this reader uses;
  // false when one it needs is missing.
  bool set_columns(Table table, const std::vector<std::string>& field_names);
  // Whether `table`'s columns are known (its *_fields came first).
  bool has_columns(Table table) const { return !column_map_[static_cast<int>(table)].empty(); }

  // The records of `table` follow.
  void start_table(Table table) { table_ = table; }
  void start_record() { column_ = 0; }
  // The next cell holds a structured value: true (and the cell is passed over) when its column is one this reader
  // does not use.
  bool skips_next_cell();
  bool cell(const Value& v);
  bool end_record();

  // "hops[12]": the record being read.
  std::string where() const;

 private:
  bool fail(const std::string& message);
  size_t row_count() const;
  // The field readers: the value of a cell into `out`, or an error naming the column and what it expected.
  bool bad(int target, const std::string& expected, const Value& v);
  bool get_uint(int target, const Value& v, uint64_t& out);
  bool get_lane(int target, const Value& v, int32_t& out, bool allow_none);
  bool get_time(int target, const Value& v, double& out, bool allow_null);
  bool get_name(int target, const Value& v, StringTable& table, uint32_t& out);
  bool get_small_name(int target, const Value& v, StringTable& table, uint8_t& out);
  bool hop_cell(int target, const Value& v);
  bool event_cell(int target, const Value& v);
  bool call_cell(int target, const Value& v);
  void append_hop();
  void append_event();
  void append_call();

  // The record being read, its cells as they come.
  struct HopRow {
    uint64_t msg = 0, call = 0, bytes = 0;
    int32_t from = 0, to = 0;
    double t_send = 0, t_recv = 0;
    uint32_t method = 0;
    uint8_t kind = 0, status = 0;
  } hop_;
  struct EventRow {
    double t = 0, value = 0;
    int32_t lane = 0;
    uint8_t type = 0;
    uint64_t call = 0;
  } event_;
  struct CallRow {
    uint64_t call = 0;
    int32_t client = 0, server = -1;
    uint32_t method = 0, outcome = 0;
    uint8_t cast = 0;
    double t_start = 0, t_end = 0;
    uint64_t parent = 0;
  } call_;

  Trace& trace_;
  std::string& error_;
  Table table_ = Table::Hops;
  std::vector<int> column_map_[3];  // file column -> index into the table's columns, or kSkip
  size_t column_ = 0;
  const std::string* last_method_ = nullptr;  // the previous hop's method, whose name repeats in runs
  uint32_t last_method_id_ = 0;
};

}  // namespace buslab::tracefile::reader
