#pragma once
// The columns of the table `buslab run` prints (report_table.hpp): the runs side by side, one column each, and the
// text of a cell from a metric of one run or of a replicated one (mean and 95% interval). The table's sections
// (report_sections.hpp) fill rows through them.
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/output/text_table.hpp"
#include "sim/output/variant_outcome.hpp"

namespace buslab::run_report {

using Json = nlohmann::ordered_json;

// A metric's value: a number for one run, the mean of a replicated one's summary (metrics_replicated.hpp).
double value_of(const Json& v);
// Half the 95% confidence interval of a replicated value; nullopt for one run's.
std::optional<double> half_width_of(const Json& v);
// A whole number without decimals, another with one: "12", "12.5".
std::string number_text(double x);
// A count: "11942", or over replications "11942 ± 31" (mean and half-width of the 95% interval).
std::string count_text(const Json& v);
// A duration for people, with its interval over replications: "9.41 ms", "9.04 ± 0.21 ms".
std::string time_text(const Json& v);
// A share as a percentage: "42%", or over replications "42±3%".
std::string percent(const Json& v);
// The count `key` of a metrics entry, as a number and as a cell.
double count_of(const Json* item, const char* key);
std::string count_cell(const Json* item, const char* key);
// A flag of one run, or whether it held in every replication.
bool flag_of(const Json& v);

// The runs side by side, one column each, and the table being filled. A run whose simulation failed shows "failed"
// in every row; one whose outputs could not be written still has its numbers.
class Report {
 public:
  explicit Report(const std::vector<VariantOutcome>& runs) : runs_(runs), table_(runs.size()) {}

  const std::vector<VariantOutcome>& runs() const { return runs_; }
  TextTable& table() { return table_; }

  // One cell per run: `cell(metrics)` for a run that was simulated.
  template <typename Cell>
  std::vector<std::string> cells(Cell&& cell) const {
    std::vector<std::string> out;
    for (const auto& run : runs_) out.push_back(run.simulated() ? cell(run.metrics) : std::string("failed"));
    return out;
  }
  template <typename Cell>
  void row(const std::string& label, Cell&& cell) {
    table_.row(label, cells(cell));
  }

  // Whether `test(metrics)` holds for some run that was simulated.
  template <typename Test>
  bool any_run(Test&& test) const {
    for (const auto& run : runs_)
      if (run.simulated() && test(run.metrics)) return true;
    return false;
  }

  // Names of the entries of metrics list `key`, over every run that was simulated, first seen first, that `keep`
  // accepts.
  template <typename Keep>
  std::vector<std::string> names_of(const char* key, Keep&& keep) const {
    std::vector<std::string> names;
    std::set<std::string> known;
    for (const auto& run : runs_)
      if (run.simulated() && run.metrics.contains(key))
        for (const auto& item : run.metrics[key])
          if (keep(item) && known.insert(item["name"].get<std::string>()).second) names.push_back(item["name"]);
    return names;
  }
  std::vector<std::string> names_of(const char* key) const {
    return names_of(key, [](const Json&) { return true; });
  }

  // The entry named `name` of a run's metrics list `key`, or nullptr. Indexed on first use: a row per server of a
  // 100,000-replica run must not scan the list for each.
  const Json* named(const Json& metrics, const char* key, const std::string& name) const {
    if (!metrics.is_object() || !metrics.contains(key)) return nullptr;
    const Json& list = metrics[key];
    auto [index, fresh] = indexes_.try_emplace(&list);
    if (fresh)
      for (const auto& item : list)
        if (item.is_object() && item.contains("name"))
          index->second.try_emplace(item["name"].get<std::string>(), &item);
    const auto found = index->second.find(name);
    return found == index->second.end() ? nullptr : found->second;
  }

 private:
  const std::vector<VariantOutcome>& runs_;
  TextTable table_;
  mutable std::unordered_map<const Json*, std::unordered_map<std::string, const Json*>> indexes_;  // by list
};

}  // namespace buslab::run_report
