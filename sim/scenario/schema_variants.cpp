// `variants`: named sets of overrides. Their `set` paths and values are checked when a variant is applied.
#include "sim/scenario/schema.hpp"
#include "sim/scenario/schema_table.hpp"

namespace buslab {

std::vector<VariantSpec> read_variants(const JsonReader& variants) {
  std::vector<VariantSpec> out;
  if (!variants.present()) return out;
  UniqueNames names("variant");
  for (const auto& entry : variants.items("a list of variants", false)) {
    entry.expect_object(variant_table().keys());
    VariantSpec variant;
    // Variant names become output directories (`--out DIR` writes DIR/<variant>/).
    variant.name = entry.field("name").name();
    if (variant.name == "." || variant.name == "..")
      entry.field("name").fail("a variant name usable as a directory name");
    names.claim(entry.field("name"), variant.name, entry.path());
    if (entry.field("description").present()) variant.description = entry.field("description").string();
    const JsonReader set = entry.field("set");
    if (!set.present() || !set.value().is_object())
      set.fail(R"(an object of overrides, like {"services[0].transport": "direct"})");
    out.push_back(std::move(variant));
  }
  return out;
}

}  // namespace buslab
