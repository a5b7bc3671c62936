#include "sim/scenario/schema_json.hpp"

#include <set>

#include "sim/scenario/schema_table.hpp"

namespace buslab {

namespace {

using Json = nlohmann::ordered_json;

// The grammar of quantities (sim/scenario/units.hpp): an unsigned decimal number with optional fraction and
// exponent, then the unit, with no space.
const std::string kNumber = "([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?";
const std::string kTimeUnits = "(h|min|s|ms|us|ns)";
const std::string kFlopUnits = "(f|kf|Kf|Mf|Gf|Tf|flops)";

Json pattern(const std::string& units, const std::string& description, const std::string& sign = "") {
  return Json{{"type", "string"}, {"pattern", "^" + sign + kNumber + units + "$"}, {"description", description}};
}

Json quantity(ValueKind kind) {
  switch (kind) {
    case ValueKind::Time:
      return pattern(kTimeUnits, "a time with a unit: s, ms, us, ns, min, h (\"2ms\")");
    case ValueKind::SignedTime:
      return pattern(kTimeUnits, "a time with a unit, negative or not (\"-37.74s\")", "-?");
    case ValueKind::Bandwidth:
      return pattern("(bps|kbps|Mbps|Gbps|Tbps|Bps|kBps|KBps|MBps|GBps)",
                     "a bandwidth: bits (bps, kbps, Mbps, Gbps, Tbps) or bytes (Bps, kBps, MBps, GBps) per second");
    case ValueKind::CpuSpeed:
      return pattern(kFlopUnits, "a CPU speed in flop/s: f, kf, Mf, Gf, Tf (\"10Gf\")");
    case ValueKind::Work:
      return pattern("(" + kFlopUnits + "|" + kTimeUnits + ")",
                     "CPU work: flops (\"50kf\") or a time on one core of its host (\"20us\")");
    case ValueKind::Size:
      return Json{{"anyOf", Json::array({Json{{"type", "integer"}, {"minimum", 0}},
                                         pattern("(B|kB|KB|MB|GB|KiB|MiB|GiB)", "")})},
                  {"description", "a size: an integer of bytes, or a string with B, kB, MB, GB, KiB, MiB, GiB"}};
    default:
      return Json::object();
  }
}

class Generator {
 public:
  Json value(const FieldSpec& f) {
    Json out;
    switch (f.kind) {
      case ValueKind::String:
        out = Json{{"type", "string"}};
        break;
      case ValueKind::Name:
        out = Json{{"type", "string"}, {"minLength", 1}, {"pattern", "^[^/]+$"}};
        break;
      case ValueKind::Boolean:
        out = Json{{"type", "boolean"}};
        break;
      case ValueKind::Integer:
      case ValueKind::Number:
        out = Json{{"type", f.kind == ValueKind::Integer ? "integer" : "number"}};
        if (f.minimum) out[f.minimum_exclusive ? "exclusiveMinimum" : "minimum"] = *f.minimum;
        if (f.maximum) out["maximum"] = *f.maximum;
        break;
      case ValueKind::Time:
      case ValueKind::SignedTime:
      case ValueKind::Size:
      case ValueKind::Bandwidth:
      case ValueKind::CpuSpeed:
      case ValueKind::Work:
        out = Json{{"$ref", "#/$defs/" + quantity_name(f.kind)}};
        break;
      case ValueKind::TimeDistribution:
        out = Json{{"$ref", "#/$defs/time_distribution"}};
        break;
      case ValueKind::SizeDistribution:
        out = Json{{"$ref", "#/$defs/size_distribution"}};
        break;
      case ValueKind::Object:
        out = Json{{"$ref", ref(*f.object)}};
        break;
      case ValueKind::ObjectList:
        out = Json{{"type", "array"}, {"items", Json{{"$ref", ref(*f.object)}}}};
        break;
      case ValueKind::ObjectListOr:
        out = Json{{"anyOf", Json::array({Json{{"type", "array"}, {"items", Json{{"$ref", ref(*f.object)}}}},
                                          Json{{"$ref", ref(*f.alternative)}}})}};
        break;
      case ValueKind::ObjectMap:
        out = Json{{"type", "object"}, {"additionalProperties", Json{{"$ref", ref(*f.object)}}}};
        break;
      case ValueKind::StringList:
        out = Json{{"type", "array"}, {"items", Json{{"type", "string"}}}};
        break;
      case ValueKind::StringOrList:
        out = Json{{"anyOf", Json::array({Json{{"type", "string"}},
                                          Json{{"type", "array"}, {"items", Json{{"type", "string"}}}}})}};
        break;
      case ValueKind::StringMap:
        out = Json{{"type", "object"}, {"additionalProperties", Json{{"type", "string"}}}};
        break;
      case ValueKind::AnyMap:
        out = Json{{"type", "object"}};
        break;
      case ValueKind::StringOrObject:
        out = Json{{"anyOf", Json::array({Json{{"type", "string"}}, Json{{"$ref", ref(*f.object)}}})}};
        break;
    }
    if (!f.choices.empty()) out["enum"] = f.choices;
    std::string description = f.description;
    if (!f.default_text.empty()) {
      description += " (default: " + f.default_text + ")";
      // A default written as a JSON value ("\"60s\"", "1", "[]") is also given as one, for editors to offer; one
      // written in words ("the service's hosts") stays in the description only.
      Json parsed = Json::parse(f.default_text, nullptr, false);
      if (!parsed.is_discarded()) out["default"] = parsed;
    }
    // A $ref stands alone in older drafts; 2020-12 allows siblings, and editors show this one.
    out["description"] = description;
    return out;
  }

  Json object(const ObjectTable& t) {
    Json properties = Json::object();
    Json required = Json::array();
    for (const auto& f : t.fields) {
      properties[f.key] = value(f);
      if (f.required) required.push_back(f.key);
    }
    Json out{{"type", "object"}, {"description", t.description}, {"properties", properties}};
    if (!required.empty()) out["required"] = required;
    out["additionalProperties"] = false;
    return out;
  }

  std::string ref(const ObjectTable& t) {
    if (seen_.insert(t.id).second) pending_.push_back(&t);
    return "#/$defs/" + t.id;
  }

  Json defs(const ObjectTable& root) {
    Json out = Json::object();
    seen_.insert(root.id);
    pending_.push_back(&root);
    for (size_t i = 0; i < pending_.size(); ++i)
      if (pending_[i] != &root) out[pending_[i]->id] = object(*pending_[i]);
    return out;
  }

  static std::string quantity_name(ValueKind kind) {
    switch (kind) {
      case ValueKind::Time:
        return "time";
      case ValueKind::SignedTime:
        return "signed_time";
      case ValueKind::Size:
        return "size";
      case ValueKind::Bandwidth:
        return "bandwidth";
      case ValueKind::CpuSpeed:
        return "cpu_speed";
      default:
        return "work";
    }
  }

 private:
  std::set<std::string> seen_;
  std::vector<const ObjectTable*> pending_;
};

// A time or size distribution: a single value (a constant), or an object whose `dist` says which fields it takes.
Json distribution(const std::string& quantity, Generator& g) {
  const ObjectTable& t = distribution_table();
  Json object = g.object(t);
  for (const char* key : {"value", "mean", "min", "max"}) {
    object["properties"][key] = Json{{"$ref", "#/$defs/" + quantity}, {"description", t.field(key).description}};
  }
  object["properties"]["values"] = Json{{"type", "array"},
                                        {"minItems", 1},
                                        {"items", Json{{"$ref", "#/$defs/" + quantity}}},
                                        {"description", t.field("values").description}};
  return Json{{"description", "a " + quantity + " distribution: a single " + quantity + ", or an object with dist"},
              {"anyOf", Json::array({Json{{"$ref", "#/$defs/" + quantity}}, object})}};
}

}  // namespace

Json scenario_json_schema() {
  Generator g;
  const ObjectTable& root = scenario_table();
  Json schema;
  schema["$schema"] = "https://json-schema.org/draft/2020-12/schema";
  schema["$id"] = kScenarioSchemaId;
  schema["title"] = "buslab scenario";
  const Json top = g.object(root);
  for (const auto& [key, value] : top.items()) schema[key] = value;
  Json defs = g.defs(root);
  for (ValueKind kind : {ValueKind::Time, ValueKind::SignedTime, ValueKind::Size, ValueKind::Bandwidth,
                         ValueKind::CpuSpeed, ValueKind::Work})
    defs[Generator::quantity_name(kind)] = quantity(kind);
  defs["time_distribution"] = distribution("time", g);
  defs["size_distribution"] = distribution("size", g);
  defs.erase("distribution");
  schema["$defs"] = defs;
  return schema;
}

}  // namespace buslab
