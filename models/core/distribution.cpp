#include "models/core/distribution.hpp"

#include <cmath>
#include <numeric>

#include <fmt/format.h>

namespace buslab {

Distribution Distribution::constant(double value) {
  Distribution d;
  d.kind_ = Kind::Constant;
  d.a_ = value;
  return d;
}

Distribution Distribution::exponential(double mean) {
  Distribution d;
  d.kind_ = Kind::Exponential;
  d.a_ = mean;
  return d;
}

Distribution Distribution::uniform(double min, double max) {
  Distribution d;
  d.kind_ = Kind::Uniform;
  d.a_ = min;
  d.b_ = max;
  return d;
}

Distribution Distribution::lognormal(double mean, double sigma) {
  Distribution d;
  d.kind_ = Kind::Lognormal;
  d.a_ = mean;
  d.b_ = sigma;
  // E[X] = exp(mu + sigma^2 / 2), so mu follows from the requested mean.
  d.mu_ = std::log(mean) - sigma * sigma / 2.0;
  return d;
}

Distribution Distribution::empirical(std::vector<double> values) {
  Distribution d;
  d.kind_ = Kind::Empirical;
  d.values_ = std::move(values);
  return d;
}

double Distribution::sample(Rng& rng) const {
  switch (kind_) {
    case Kind::Constant:
      return a_;
    case Kind::Exponential:
      return rng.exponential(a_);
    case Kind::Uniform:
      return a_ + (b_ - a_) * rng.uniform01();
    case Kind::Lognormal:
      return std::exp(mu_ + b_ * rng.normal());
    case Kind::Empirical:
      return values_.empty() ? 0.0 : values_[rng.below(values_.size())];
  }
  return a_;
}

double Distribution::mean() const {
  switch (kind_) {
    case Kind::Constant:
    case Kind::Exponential:
    case Kind::Lognormal:
      return a_;
    case Kind::Uniform:
      return (a_ + b_) / 2.0;
    case Kind::Empirical:
      return values_.empty() ? 0.0 : std::accumulate(values_.begin(), values_.end(), 0.0) / values_.size();
  }
  return a_;
}

std::string Distribution::describe() const {
  switch (kind_) {
    case Kind::Constant:
      return fmt::format("constant({:g})", a_);
    case Kind::Exponential:
      return fmt::format("exponential(mean={:g})", a_);
    case Kind::Uniform:
      return fmt::format("uniform({:g}, {:g})", a_, b_);
    case Kind::Lognormal:
      return fmt::format("lognormal(mean={:g}, sigma={:g})", a_, b_);
    case Kind::Empirical:
      return fmt::format("empirical({} values, mean={:g})", values_.size(), mean());
  }
  return "?";
}

}  // namespace buslab
