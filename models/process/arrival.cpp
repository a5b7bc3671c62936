#include "models/process/arrival.hpp"

namespace buslab {

ArrivalProcess::ArrivalProcess(const ArrivalSpec& spec, double start, double stop)
    : spec_(spec), start_(start), stop_(stop), last_(start) {}

double ArrivalProcess::next_open(Rng& rng) {
  double t = kNever;
  switch (spec_.kind) {
    case ArrivalKind::Fixed:
      if (issued_ >= spec_.count) return kNever;
      t = start_ + spec_.interval * issued_;  // from the start, so rounding errors do not pile up
      break;
    case ArrivalKind::Poisson:
      t = last_ + rng.exponential(1.0 / spec_.rate);
      break;
    case ArrivalKind::Closed:
      return kNever;
  }
  if (t >= stop_) return kNever;
  ++issued_;
  last_ = t;
  return t;
}

std::vector<double> ArrivalProcess::first_closed(Rng& rng) const {
  std::vector<double> dates;
  for (int slot = 0; slot < spec_.outstanding; ++slot) {
    // No draw without a stagger: the stream's later draws (think times) stay those of an unstaggered run.
    const double t = spec_.stagger > 0.0 ? start_ + spec_.stagger * rng.uniform01() : start_;
    if (t < stop_) dates.push_back(t);
  }
  return dates;
}

std::vector<double> ArrivalProcess::after_restart(double now, Rng& rng) {
  if (closed_loop())
    return now < stop_ ? std::vector<double>(static_cast<size_t>(spec_.outstanding), now) : std::vector<double>{};
  double t = next_open(rng);
  while (t != kNever && t < now) t = next_open(rng);
  return t != kNever ? std::vector<double>{t} : std::vector<double>{};
}

double ArrivalProcess::next_closed(double now, Rng& rng) const {
  const double t = now + spec_.think.sample(rng);
  return t >= stop_ ? kNever : t;
}

}  // namespace buslab
