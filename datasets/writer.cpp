#include "datasets/writer.hpp"

#include <rapidjson/ostreamwrapper.h>
#include <rapidjson/prettywriter.h>

#include <cmath>

namespace chokepoint {

namespace {

using Writer = rapidjson::PrettyWriter<rapidjson::OStreamWrapper>;

void str(Writer& w, const char* key, std::string_view value, bool always = false) {
    if (value.empty() && !always) return;
    if (key) w.Key(key);
    w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

void number(Writer& w, const char* key, double v) {
    w.Key(key);
    if (v == std::floor(v) && std::abs(v) < 9e15)
        w.Int64(static_cast<std::int64_t>(v));
    else
        w.Double(v);
}

void source_list(Writer& w, const SupplyGraph& g, std::span<const SourceId> ids) {
    if (ids.empty()) return;
    w.Key("sources");
    w.StartArray();
    for (auto s : ids) str(w, nullptr, g.sources()[s].id, true);
    w.EndArray();
}

}  // namespace

void write_dataset(const SupplyGraph& g, std::ostream& os) {
    rapidjson::OStreamWrapper osw(os);
    Writer w(osw);
    w.SetIndent(' ', 2);
    w.SetFormatOptions(rapidjson::kFormatSingleLineArray);
    const auto& info = g.info();
    w.StartObject();
    str(w, "format", "chokepoint/1");
    str(w, "name", info.name, true);
    str(w, "description", info.description);
    if (info.year) number(w, "year", *info.year);
    str(w, "license", info.license);
    str(w, "notes", info.notes);
    w.Key("sources");
    w.StartArray();
    for (const auto& s : g.sources()) {
        w.StartObject();
        str(w, "id", s.id, true);
        str(w, "citation", s.citation, true);
        str(w, "title", s.title);
        str(w, "publisher", s.publisher);
        if (s.year) number(w, "year", *s.year);
        str(w, "locator", s.locator);
        str(w, "url", s.url);
        str(w, "license", s.license);
        w.EndObject();
    }
    w.EndArray();
    bool any_group = false;
    for (const auto& grp : g.groups()) {
        if (grp.builtin) continue;
        if (!any_group) {
            w.Key("groups");
            w.StartArray();
            any_group = true;
        }
        w.StartObject();
        str(w, "id", grp.id, true);
        str(w, "name", grp.name);
        w.Key("members");
        w.StartArray();
        for (auto c : grp.members) str(w, nullptr, country_code(c), true);
        w.EndArray();
        w.EndObject();
    }
    if (any_group) w.EndArray();
    w.Key("stages");
    w.StartArray();
    for (StageId s = 0; s < g.num_stages(); ++s) {
        w.StartObject();
        str(w, "id", g.stage_info(s).id, true);
        str(w, "name", g.stage_info(s).name, true);
        w.EndObject();
    }
    w.EndArray();
    w.Key("nodes");
    w.StartArray();
    for (NodeId n = 0; n < g.num_nodes(); ++n) {
        w.StartObject();
        str(w, "id", g.id(n), true);
        if (g.name(n) != g.id(n)) str(w, "name", g.name(n));
        str(w, "stage", g.stage_info(g.stage(n)).id, true);
        str(w, "commodity", g.commodity_name(g.commodity(n)), true);
        str(w, "country", country_code(g.country(n)), true);
        if (!g.owners(n).empty()) {
            w.Key("owners");
            w.StartArray();
            for (const auto& o : g.owners(n)) {
                w.StartObject();
                str(w, "name", g.owner_name(o.name), true);
                str(w, "country", country_code(o.country), true);
                number(w, "share", o.share);
                w.EndObject();
            }
            w.EndArray();
        }
        number(w, "output", g.output(n));
        if (g.capacity(n) != g.output(n)) number(w, "capacity", g.capacity(n));
        str(w, "unit", g.unit(n));
        if (!std::isnan(g.inventory_days(n))) number(w, "inventory_days", g.inventory_days(n));
        source_list(w, g, g.sources_of(n));
        str(w, "note", g.note(n));
        w.EndObject();
    }
    w.EndArray();
    w.Key("edges");
    w.StartArray();
    for (EdgeId e = 0; e < g.num_edges(); ++e) {
        w.StartObject();
        str(w, "from", g.id(g.from(e)), true);
        str(w, "to", g.id(g.to(e)), true);
        number(w, "flow", g.flow(e));
        source_list(w, g, g.edge_sources(e));
        str(w, "note", g.edge_note(e));
        w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    os << '\n';
}

}  // namespace chokepoint
