#pragma once
// A distribution of non-negative values (seconds or bytes): constant, exponential, uniform, lognormal, or an
// empirical list. Built by the scenario loader, sampled by the models with their entity's own Rng.
#include <string>
#include <vector>

#include "models/core/rng.hpp"

namespace buslab {

class Distribution {
 public:
  enum class Kind { Constant, Exponential, Uniform, Lognormal, Empirical };

  static Distribution constant(double value);
  static Distribution exponential(double mean);
  static Distribution uniform(double min, double max);
  // Lognormal with the given mean; sigma is the standard deviation of the underlying normal.
  static Distribution lognormal(double mean, double sigma);
  static Distribution empirical(std::vector<double> values);

  Distribution() = default;
  double sample(Rng& rng) const;
  double mean() const;
  Kind kind() const { return kind_; }
  // A short human description, e.g. "exponential(mean=0.01)".
  std::string describe() const;

 private:
  Kind kind_ = Kind::Constant;
  double a_ = 0.0;   // constant: value; exponential/lognormal: mean; uniform: min
  double b_ = 0.0;   // uniform: max; lognormal: sigma
  double mu_ = 0.0;  // lognormal: mean of the underlying normal
  std::vector<double> values_;
};

// The sizes (bytes) of 4,077 messages seen on RabbitMQ during 50 nova boot-and-delete runs.
const std::vector<double>& nova_message_lengths();

}  // namespace buslab
