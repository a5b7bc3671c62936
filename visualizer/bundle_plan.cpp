#include "visualizer/bundle_plan.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

namespace buslab::viz {

using tracefile::HopKind;

namespace {

// The order bundles take across a bucket: the request path first, so that a bucket reads left to right roughly as
// a call flows; protocol chatter last.
int kind_rank(HopKind kind) {
  switch (kind) {
    case HopKind::Request:
      return 0;
    case HopKind::Route:
      return 1;
    case HopKind::Delivery:
      return 2;
    case HopKind::Reply:
      return 3;
    case HopKind::Error:
      return 4;
    case HopKind::Confirm:
    case HopKind::Nack:
    case HopKind::Return:
      return 5;
    case HopKind::Ack:
      return 6;
    default:
      return 7;
  }
}

// Gives each bundle the leftmost slot where it crosses no row another bundle of that slot crosses, except that
// bundles of one kind leaving one row (deliveries from a queue to each of its servers) or reaching one row (their
// replies) share a slot: drawn as one fan, whose branches end at each row with an arrowhead.
int assign_slots(std::vector<Bundle>& bundles) {
  std::sort(bundles.begin(), bundles.end(), [](const Bundle& a, const Bundle& b) {
    const auto key = [](const Bundle& x) {
      return std::make_tuple(kind_rank(x.kind), std::min(x.row_from, x.row_to), std::max(x.row_from, x.row_to),
                             !x.arrived);
    };
    return key(a) < key(b);
  });
  std::vector<std::vector<const Bundle*>> taken;  // per slot, the bundles in it
  const auto fits = [](const Bundle& a, const Bundle& b) {
    const int alo = std::min(a.row_from, a.row_to), ahi = std::max(a.row_from, a.row_to);
    const int blo = std::min(b.row_from, b.row_to), bhi = std::max(b.row_from, b.row_to);
    if (ahi < blo || alo > bhi) return true;  // no row in common
    return a.kind == b.kind && a.arrived == b.arrived && (a.row_from == b.row_from || a.row_to == b.row_to);
  };
  for (Bundle& b : bundles) {
    size_t slot = 0;
    for (; slot < taken.size(); ++slot) {
      bool clash = false;
      for (const Bundle* other : taken[slot]) clash = clash || !fits(b, *other);
      if (!clash) break;
    }
    if (slot == taken.size()) taken.emplace_back();
    taken[slot].push_back(&b);
    b.slot = static_cast<int>(slot);
  }
  return static_cast<int>(taken.size());
}

}  // namespace

std::vector<BundleBucket> plan_bundles(const tracefile::HopChannels& channels, const tracefile::ArrowPlan& plan,
                                       const LaneLayout& layout, double t_limit, const BundleOptions& options) {
  std::vector<BundleBucket> out;
  // The channels that can be drawn (both ends on shown, different rows), found once.
  struct Drawn {
    size_t channel;
    int from, to;
  };
  std::vector<Drawn> drawn;
  for (size_t c = 0; c < channels.channels().size(); ++c) {
    const auto& ch = channels.channels()[c];
    const int rf = layout.row_of_lane(ch.from), rt = layout.row_of_lane(ch.to);
    if (rf >= 0 && rt >= 0 && rf != rt) drawn.push_back(Drawn{c, rf, rt});
  }
  for (size_t b = 0; b < plan.dense.size(); ++b) {
    if (!plan.dense[b]) continue;
    BundleBucket bucket;
    bucket.bucket = b;
    bucket.t0 = plan.bucket_start(b);
    bucket.t1 = std::min(plan.bucket_start(b + 1), std::nextafter(t_limit, INFINITY));
    if (bucket.t1 <= bucket.t0) continue;
    std::map<std::tuple<int, int, int, bool>, Bundle> merged;
    std::map<std::tuple<int, int, int, bool>, double> flight;
    for (const Drawn& d : drawn) {
      const auto& ch = channels.channels()[d.channel];
      const tracefile::ChannelCount n = channels.count(d.channel, bucket.t0, bucket.t1);
      if (!n.count) continue;
      const auto key = std::make_tuple(d.from, d.to, static_cast<int>(ch.kind), ch.arrived);
      Bundle& bundle = merged[key];
      if (!bundle.count || ch.hops[n.first] < bundle.first_hop) bundle.first_hop = ch.hops[n.first];
      bundle.row_from = d.from;
      bundle.row_to = d.to;
      bundle.kind = ch.kind;
      bundle.arrived = ch.arrived;
      bundle.count += n.count;
      flight[key] += n.mean_flight * static_cast<double>(n.count);
    }
    for (auto& [key, bundle] : merged) {
      bundle.mean_flight = flight[key] / static_cast<double>(bundle.count);
      bucket.bundles.push_back(bundle);
    }
    bucket.slots = assign_slots(bucket.bundles);
    bucket.overflow = bucket.slots > options.max_slots;
    out.push_back(std::move(bucket));
  }
  return out;
}

}  // namespace buslab::viz
