// Cost profiles: the profile file format (docs/profiles.md), the built-in ones, and a scenario's `profile` field
// with its field-by-field overrides.
#include "sim/scenario/profile_reader.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "sim/scenario/schema_table.hpp"
#include "sim/scenario/shipped_profiles.hpp"
#include "sim/scenario/suggest.hpp"

namespace buslab {
namespace {

using nlohmann::json;

constexpr const char* kUncalibrated = "uncalibrated";
// The default: the measured profile shipped in data/profiles/ (issue 10). ctest checks that it is built in and
// fitted from a recording of data/calibration/.
constexpr const char* kMeasuredDefault = "oslo14-rabbitmq310-epyc2600";

// --- The profile file: numbers in seconds, as calibration/fit writes them.

double number_at(const JsonReader& field, double minimum) {
  if (!field.present() || !field.value().is_number() || field.value().get<double>() < minimum)
    field.fail(fmt::format("a number >= {}", minimum));
  return field.value().get<double>();
}

SoftwareCost file_cost(const JsonReader& cost) {
  if (!cost.present() || !cost.value().is_object()) cost.fail(R"(a cost object {"fixed_s", "per_byte_s", "cv"})");
  SoftwareCost out;
  out.fixed_s = number_at(cost.field("fixed_s"), 0.0);
  out.per_byte_s = number_at(cost.field("per_byte_s"), 0.0);
  out.cv = number_at(cost.field("cv"), 0.0);
  return out;
}

Codec file_codec(const JsonReader& codec, const std::string& name, double speed_flops) {
  Codec out;
  out.name = name;
  out.encode = file_cost(codec.field("encode"));
  out.decode = file_cost(codec.field("decode"));
  out.size_factor = number_at(codec.field("size_factor"), 0.0);
  const JsonReader header = codec.field("header_bytes");
  if (!header.present() || !header.value().is_number_integer() || header.value().get<int64_t>() < 0)
    header.fail("an integer >= 0");
  out.header_bytes = header.value().get<uint64_t>();
  out.reference_flops = speed_flops;
  return out;
}

// --- Contention (models/core/contention.hpp): in a file and as a scenario's changes, the same checks.

void read_contention_law(const JsonReader& law, ContentionLaw& out, bool required) {
  if (!law.present() && !required) return;
  if (!law.present() || !law.value().is_object()) law.fail(R"(a contention law {"coefficient", "exponent"})");
  if (!required) law.expect_object(profile_contention_law_table().keys());
  if (required || law.field("coefficient").present()) out.coefficient = number_at(law.field("coefficient"), 0.0);
  if (required || law.field("exponent").present())
    out.exponent = law.field("exponent").positive_number("a number > 0 (the law's exponent)");
}

// A profile file's `contention` (required: every field) or a scenario's changes to it (any of them).
void read_contention(const JsonReader& c, Contention& out, bool required) {
  if (!c.present() && !required) return;
  if (!c.present() || !c.value().is_object())
    c.fail(R"(a contention object {"reference_processes_per_core", "max_processes_per_core", "call", "cast"})");
  if (!required) c.expect_object(profile_contention_table().keys());
  for (auto [key, value] : {std::pair{"reference_processes_per_core", &out.reference_processes_per_core},
                            std::pair{"max_processes_per_core", &out.max_processes_per_core}})
    if (required || c.field(key).present()) *value = c.field(key).positive_number("a number > 0 (processes per core)");
  read_contention_law(c.field("call"), out.call, required);
  read_contention_law(c.field("cast"), out.cast, required);
  if (out.max_processes_per_core < out.reference_processes_per_core) {
    const std::string expected =
        fmt::format("max_processes_per_core >= reference_processes_per_core ({})", out.reference_processes_per_core);
    const JsonReader max = c.field("max_processes_per_core");
    if (max.present()) max.fail(expected);
    c.fail(expected, fmt::format("the profile's max_processes_per_core is {}", out.max_processes_per_core));
  }
}

bool boolean_at(const JsonReader& field) {
  if (!field.present() || !field.value().is_boolean()) field.fail("true or false");
  return field.value().get<bool>();
}

// The codecs and direct stacks a profile must have.
const std::vector<std::string>& profile_codecs() {
  static const std::vector<std::string> names = profile_codecs_table().keys();
  return names;
}
const std::vector<std::string>& profile_stacks() {
  static const std::vector<std::string> names = profile_direct_table().keys();
  return names;
}

// --- The figures buslab had before calibration, kept as a profile so that a scenario keeps its numbers.

CostProfile uncalibrated_profile() {
  CostProfile p;
  p.name = kUncalibrated;
  p.origin = "built in";
  p.uncalibrated = true;
  p.confirm_publish = false;
  p.reply_confirm_publish = false;
  p.broker.publish.fixed_s = 10e-6;
  p.broker.route.fixed_s = 2e-6;
  p.broker.deliver.fixed_s = 8e-6;
  p.broker.ack.fixed_s = 3e-6;
  for (const auto& codec : builtin_codecs()) p.codecs[codec.name] = codec;
  p.codecs["oslo_envelope"] = p.codecs.at("json");
  for (const auto& stack : profile_stacks()) p.direct[stack] = {};
  return p;
}

// --- A scenario's overrides: scenario units (a time on the reference core, or flops).

void override_cost(const JsonReader& cost, SoftwareCost& out, double speed_flops) {
  if (!cost.present()) return;
  cost.expect_object(software_cost_table().keys());
  auto seconds = [&](const JsonReader& field) {
    const Work work = field.work();
    return work.seconds + work.flops / speed_flops;
  };
  if (cost.field("fixed").present()) out.fixed_s = seconds(cost.field("fixed"));
  if (cost.field("per_byte").present()) out.per_byte_s = seconds(cost.field("per_byte"));
  if (cost.field("cv").present()) out.cv = number_at(cost.field("cv"), 0.0);
}

void override_costs(const JsonReader& costs, CostProfile& p) {
  if (!costs.present()) return;
  costs.expect_object(profile_costs_table().keys());
  const double speed = p.speed_flops;
  // The costs of one part (client, server, broker), by their names in the profile.
  auto part = [&](const char* key, const ObjectTable& table, std::vector<std::pair<const char*, SoftwareCost*>> named) {
    const JsonReader group = costs.field(key);
    if (!group.present()) return;
    group.expect_object(table.keys());
    for (auto& [name, cost] : named) override_cost(group.field(name), *cost, speed);
  };
  part("client", profile_client_table(),
       {{"send_call", &p.client.send_call},
        {"send_cast", &p.client.send_cast},
        {"receive_reply", &p.client.receive_reply}});
  part("server", profile_server_table(),
       {{"receive", &p.server.receive}, {"dispatch", &p.server.dispatch}, {"reply", &p.server.reply}});
  part("broker", profile_broker_table(),
       {{"publish", &p.broker.publish},
        {"route", &p.broker.route},
        {"deliver", &p.broker.deliver},
        {"ack", &p.broker.ack},
        {"confirm", &p.broker.confirm},
        {"oslo_extra", &p.broker.oslo_extra}});
  const JsonReader codecs = costs.field("codecs");
  if (codecs.present()) {
    codecs.expect_object(profile_codecs());
    for (const auto& name : profile_codecs()) {
      const JsonReader codec = codecs.field(name);
      if (!codec.present()) continue;
      codec.expect_object(profile_codec_table().keys());
      Codec& c = p.codecs.at(name);
      override_cost(codec.field("encode"), c.encode, speed);
      override_cost(codec.field("decode"), c.decode, speed);
      if (codec.field("size_factor").present())
        c.size_factor = codec.field("size_factor").positive_number("a size factor > 0 (wire bytes per payload byte)");
      if (codec.field("header_bytes").present())
        c.header_bytes = static_cast<uint64_t>(codec.field("header_bytes").size());
    }
  }
  const JsonReader direct = costs.field("direct");
  if (direct.present()) {
    direct.expect_object(profile_stacks());
    for (const auto& name : profile_stacks()) {
      const JsonReader stack = direct.field(name);
      if (!stack.present()) continue;
      stack.expect_object(profile_stack_table().keys());
      override_cost(stack.field("client_call"), p.direct.at(name).client_call, speed);
      override_cost(stack.field("server_call"), p.direct.at(name).server_call, speed);
    }
  }
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// A profile given by its path, relative to the scenario file's directory unless absolute.
CostProfile profile_file(const JsonReader& where, const std::string& given) {
  std::filesystem::path path(given);
  if (path.is_relative()) path = std::filesystem::path(where.source()).parent_path() / path;
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error))
    where.fail(fmt::format("a built-in profile ({}) or a profile file", quoted_list(builtin_profile_names())),
               fmt::format("{} is not a readable file", path.string()));
  json doc;
  try {
    doc = json::parse(read_text(path.string()));
  } catch (const json::exception& e) {
    throw ScenarioError(fmt::format("{}: invalid JSON: {}", path.string(), e.what()));
  }
  return parse_profile(doc, path.string());
}

CostProfile named_profile(const JsonReader& where, const std::string& name) {
  if (name.find('/') != std::string::npos || (name.size() > 5 && name.compare(name.size() - 5, 5, ".json") == 0))
    return profile_file(where, name);
  const auto names = builtin_profile_names();
  if (std::find(names.begin(), names.end(), name) == names.end()) where.reference(names, "a profile");
  return builtin_profile(name);
}

}  // namespace

const char* default_profile_name() {
  return kMeasuredDefault;
}

std::vector<std::string> builtin_profile_names() {
  std::vector<std::string> names = {kUncalibrated};
  for (const auto& shipped : shipped_profiles()) names.push_back(shipped.name);
  std::sort(names.begin(), names.end());
  return names;
}

CostProfile parse_profile(const json& doc, const std::string& origin) {
  const JsonReader root(doc, origin);
  if (!doc.is_object()) root.fail("a cost profile object (docs/profiles.md)");
  const JsonReader format = root.field("format");
  if (!format.present() || !format.value().is_string() || format.value().get<std::string>() != "buslab-profile")
    format.fail("\"buslab-profile\"");
  const JsonReader version = root.field("version");
  if (!version.present() || !version.value().is_number_integer() || version.value().get<int64_t>() != 1)
    version.fail("1 (the profile format this buslab reads)");
  CostProfile p;
  p.name = root.field("name").string();
  p.origin = origin;
  p.speed_flops = number_at(root.field("reference_core").field("speed_flops"), 1.0);
  const JsonReader client = root.field("client");
  p.client.send_call = file_cost(client.field("send_call"));
  p.client.send_cast = file_cost(client.field("send_cast"));
  p.client.receive_reply = file_cost(client.field("receive_reply"));
  const JsonReader server = root.field("server");
  p.server.receive = file_cost(server.field("receive"));
  p.server.dispatch = file_cost(server.field("dispatch"));
  p.server.reply = file_cost(server.field("reply"));
  const JsonReader broker = root.field("broker");
  p.broker.publish = file_cost(broker.field("publish"));
  p.broker.route = file_cost(broker.field("route"));
  p.broker.deliver = file_cost(broker.field("deliver"));
  p.broker.ack = file_cost(broker.field("ack"));
  p.broker.confirm = file_cost(broker.field("confirm"));
  p.broker.oslo_extra = file_cost(broker.field("oslo_extra"));
  for (const auto& name : profile_codecs())
    p.codecs[name] = file_codec(root.field("codecs").field(name), name, p.speed_flops);
  for (const auto& name : profile_stacks()) {
    const JsonReader stack = root.field("direct").field(name);
    p.direct[name] = {file_cost(stack.field("client_call")), file_cost(stack.field("server_call"))};
  }
  read_contention(root.field("contention"), p.contention, true);
  const JsonReader behaviour = root.field("behaviour");
  p.confirm_publish = boolean_at(behaviour.field("oslo_confirm_publish"));
  p.reply_confirm_publish = boolean_at(behaviour.field("oslo_reply_confirm_publish"));
  const JsonReader backlog = behaviour.field("xmlrpc_listen_backlog");
  if (!backlog.present() || !backlog.value().is_number_integer() || backlog.value().get<int64_t>() < 0)
    backlog.fail("an integer >= 0");
  p.xmlrpc_listen_backlog = backlog.value().get<int>();
  return p;
}

CostProfile builtin_profile(const std::string& name) {
  if (name == kUncalibrated) return uncalibrated_profile();
  for (const auto& shipped : shipped_profiles()) {
    if (name != shipped.name) continue;
    const std::string origin = fmt::format("data/profiles/{}.json", name);
    json doc;
    try {
      doc = json::parse(shipped.text);
    } catch (const json::exception& e) {
      throw ScenarioError(fmt::format("{} (built in): invalid JSON: {}", origin, e.what()));
    }
    CostProfile p = parse_profile(doc, origin);
    p.origin = origin + " (built in)";
    return p;
  }
  throw ScenarioError(fmt::format("no built-in profile {}", json_quoted(name)));
}

CostProfile read_profile(const JsonReader& profile) {
  if (!profile.present()) return builtin_profile(default_profile_name());
  if (profile.value().is_string()) return named_profile(profile, profile.string());
  if (!profile.value().is_object())
    profile.fail(R"(a profile name, like "ideal", or an object {"name": ..., "costs": {...}})");
  profile.expect_object(profile_table().keys());
  const JsonReader name = profile.field("name");
  CostProfile p = name.present() ? named_profile(name, name.string()) : builtin_profile(default_profile_name());
  if (profile.field("jitter").present()) p.jitter = boolean_at(profile.field("jitter"));
  if (profile.field("confirm_publish").present()) p.confirm_publish = boolean_at(profile.field("confirm_publish"));
  if (profile.field("reply_confirm_publish").present())
    p.reply_confirm_publish = boolean_at(profile.field("reply_confirm_publish"));
  override_costs(profile.field("costs"), p);
  read_contention(profile.field("contention"), p.contention, false);
  p.overridden = profile.field("jitter").present() || profile.field("confirm_publish").present() ||
                 profile.field("reply_confirm_publish").present() || profile.field("costs").present() ||
                 profile.field("contention").present();
  return p;
}

const Codec& CostProfile::codec(const std::string& codec_name, bool brokered) const {
  if (brokered && codec_name == "json") return codecs.at("oslo_envelope");
  return codecs.at(codec_name);
}

}  // namespace buslab
