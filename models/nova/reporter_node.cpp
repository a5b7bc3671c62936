#include "models/nova/reporter_node.hpp"

#include <stdexcept>

#include "models/core/protocol_error.hpp"
#include "models/core/tags.hpp"
#include "models/world/service_report.hpp"

namespace buslab {

ReporterNode::ReporterNode(World& world, NodeId self, ReporterConfig config)
    : world_(world),
      config_(std::move(config)),
      loop_(config_.plan),
      life_(world, self, config_.lane,
            {[this](Runtime& rt, bool host_down) {
               world_.service_database.died(config_.plan.row, rt.now());
               life_.mark_down(rt, host_down);
             },
             [this](Runtime& rt) { on_start(rt); }}) {
  if (config_.plan.via_conductor) throw std::logic_error("a reporter without RPC cannot report through a conductor");
  world_.service_database.set_lane(config_.plan.row, config_.lane);
}

void ReporterNode::on_start(Runtime& rt) {
  life_.start(rt);
  if (rt.now() >= config_.plan.join || world_.service_database.row(config_.plan.row).created)
    join_group(rt);
  else
    rt.set_timer(config_.plan.join, make_tag(TagKind::Report, 1));
}

void ReporterNode::join_group(Runtime& rt) {
  world_.service_database.started(config_.plan.row, rt.now(), world_.clocks.reading(config_.host, rt.now()));
  rt.set_timer(loop_.first_due(rt.now()), make_tag(TagKind::Report, 0));
}

void ReporterNode::on_frame(Runtime& rt, Envelope& env) {
  if (life_.on_kill_or_restart(rt, env)) return;
  unexpected_frame(env, world_.directory);
}

void ReporterNode::on_work_done(Runtime&, uint64_t tag) {
  unexpected_tag("work", tag);  // it runs no CPU work
}

void ReporterNode::on_timer(Runtime& rt, uint64_t tag) {
  if (!life_.alive()) return;
  switch (tag_kind(tag)) {
    case TagKind::Report:
      if (tag_value(tag) == 1) {
        join_group(rt);
        return;
      }
      loop_.begin(rt.now());
      world_.service_database.report_sent(config_.plan.row);
      rt.set_timer(rt.now() + config_.plan.query_time, make_tag(TagKind::ReportCommit, 0));
      return;
    case TagKind::ReportCommit:
      commit_report(world_, config_.plan.row, config_.host, rt.now(), loop_.started());
      rt.set_timer(loop_.next_due(rt.now()), make_tag(TagKind::Report, 0));
      return;
    default:
      unexpected_tag("timer", tag);
  }
}

}  // namespace buslab
