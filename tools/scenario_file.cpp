#include "tools/scenario_file.hpp"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "tools/cli.hpp"

namespace chokepoint::cli {

namespace {

// "FILE:LINE:COL" for a byte offset into text.
std::string locate(const std::string& path, const std::string& text, std::size_t offset) {
    std::size_t line = 1, col = 1;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            col = 1;
        } else {
            ++col;
        }
    }
    return path + ":" + std::to_string(line) + ":" + std::to_string(col);
}

struct Reader {
    const SupplyGraph& g;
    const std::string& path;
    CutBy default_by;

    [[noreturn]] void fail(const std::string& pointer, const std::string& message) const {
        throw UsageError(path + ": " + (pointer.empty() ? "" : pointer + ": ") + message);
    }

    std::vector<std::string> strings(const rapidjson::Value& v, const std::string& pointer) const {
        if (!v.IsArray()) fail(pointer, "expected an array of strings");
        std::vector<std::string> out;
        for (rapidjson::SizeType i = 0; i < v.Size(); ++i) {
            if (!v[i].IsString()) fail(pointer + "/" + std::to_string(i), "expected a string");
            out.emplace_back(v[i].GetString(), v[i].GetStringLength());
        }
        return out;
    }

    std::vector<Country> countries(const rapidjson::Value& v, const std::string& pointer) const {
        std::vector<Country> out;
        const auto items = strings(v, pointer);
        for (std::size_t i = 0; i < items.size(); ++i) {
            auto cs = resolve_countries(g, items[i]);
            if (!cs)
                fail(pointer + "/" + std::to_string(i),
                     "\"" + items[i] + "\" is neither an ISO 3166-1 alpha-2 code nor a group");
            out.insert(out.end(), cs->begin(), cs->end());
        }
        return out;
    }

    Scenario object(const rapidjson::Value& v, const std::string& at) const {
        Scenario s;
        s.by = default_by;
        std::vector<std::string> words;  // for the default label
        for (auto m = v.MemberBegin(); m != v.MemberEnd(); ++m) {
            const std::string key(m->name.GetString(), m->name.GetStringLength());
            const std::string pointer = at + "/" + key;
            if (key == "label") {
                if (!m->value.IsString()) fail(pointer, "expected a string");
                s.label = m->value.GetString();
            } else if (key == "remove" || key == "keep") {
                auto cs = countries(m->value, pointer);
                s.countries.insert(s.countries.end(), cs.begin(), cs.end());
                if (key == "keep") s.keep = true;
                for (const auto& w : strings(m->value, pointer)) words.push_back(w);
            } else if (key == "remove_nodes") {
                for (const auto& id : strings(m->value, pointer)) {
                    auto n = g.find(id);
                    if (!n) fail(pointer, "unknown node \"" + id + "\"");
                    s.nodes.push_back(*n);
                    words.push_back("node:" + id);
                }
            } else if (key == "by") {
                if (!m->value.IsString()) fail(pointer, "expected a string");
                try {
                    s.by = parse_cut_by(m->value.GetString());
                } catch (const std::invalid_argument& e) {
                    fail(pointer, e.what());
                }
            } else {
                fail(pointer, "unknown field (expected label, remove, keep, remove_nodes or by)");
            }
        }
        if (s.keep && (v.HasMember("remove") || v.HasMember("remove_nodes")))
            fail(at + "/keep", "\"keep\" cannot be combined with \"remove\" or \"remove_nodes\"");
        std::sort(s.countries.begin(), s.countries.end());
        s.countries.erase(std::unique(s.countries.begin(), s.countries.end()), s.countries.end());
        if (s.label.empty()) {
            std::string list;
            for (const auto& w : words) list += (list.empty() ? "" : ",") + w;
            s.label = list.empty() ? "baseline"
                                   : std::string(s.keep ? "keep " : "remove ") + list + " by " +
                                         std::string(cut_by_name(s.by));
        }
        return s;
    }
};

}  // namespace

std::optional<std::vector<Country>> resolve_countries(const SupplyGraph& g, std::string_view item) {
    if (auto c = parse_country(item)) return std::vector<Country>{*c};
    if (const auto* grp = g.find_group(item)) return grp->members;
    return std::nullopt;
}

namespace {

// Countries of a --remove item (country or group) or of a --*-group item (group only).
std::vector<Country> countries_of(const SupplyGraph& g, const std::string& item, bool group) {
    if (group) {
        if (const auto* grp = g.find_group(item)) return grp->members;
        throw UsageError("unknown group \"" + item + "\"");
    }
    if (auto cs = resolve_countries(g, item)) return *cs;
    throw UsageError("\"" + item + "\" is neither an ISO 3166-1 alpha-2 code nor a group");
}

}  // namespace

std::optional<Scenario> scenario_from_options(const SupplyGraph& g, const ScenarioOptions& o,
                                              CutBy by) {
    if (o.remove.empty() && o.remove_group.empty() && o.keep_group.empty() && o.remove_node.empty())
        return std::nullopt;
    if (!o.keep_group.empty() &&
        (!o.remove.empty() || !o.remove_group.empty() || !o.remove_node.empty()))
        throw UsageError(
            "--keep-group cannot be combined with --remove, --remove-group or --remove-node (use "
            "several --scenario instead)");
    Scenario s;
    s.by = by;
    s.keep = !o.keep_group.empty();
    std::vector<std::string> words;
    for (const auto* list : {&o.remove, &o.remove_group, &o.keep_group}) {
        for (const auto& item : *list) {
            auto cs = countries_of(g, item, list != &o.remove);
            s.countries.insert(s.countries.end(), cs.begin(), cs.end());
            words.push_back(item);
        }
    }
    for (const auto& id : o.remove_node) {
        auto n = g.find(id);
        if (!n) throw UsageError("unknown node \"" + id + "\"");
        s.nodes.push_back(*n);
        words.push_back("node:" + id);
    }
    std::sort(s.countries.begin(), s.countries.end());
    s.countries.erase(std::unique(s.countries.begin(), s.countries.end()), s.countries.end());
    std::string list;
    for (const auto& w : words) list += (list.empty() ? "" : ",") + w;
    s.label =
        std::string(s.keep ? "keep " : "remove ") + list + " by " + std::string(cut_by_name(by));
    return s;
}

Scenario scenario_from_text(const SupplyGraph& g, std::string_view text, CutBy default_by) {
    std::istringstream in{std::string(text)};
    bool has_by = false;
    for (std::string w; in >> w;) has_by = has_by || w == "by";
    try {
        Scenario s = parse_scenario(
            g, has_by ? std::string(text)
                      : std::string(text) + " by " + std::string(cut_by_name(default_by)));
        s.label = std::string(text);
        return s;
    } catch (const std::invalid_argument& e) {
        throw UsageError(e.what());
    }
}

std::vector<Scenario> read_scenario_file(const SupplyGraph& g, const std::string& path,
                                         CutBy default_by) {
    std::ifstream file(path, std::ios::binary);
    if (!file) throw UsageError(path + ": cannot read the scenario file");
    const std::string text((std::istreambuf_iterator<char>(file)),
                           std::istreambuf_iterator<char>());
    rapidjson::Document doc;
    doc.Parse(text.c_str(), text.size());
    if (doc.HasParseError()) {
        throw UsageError(locate(path, text, doc.GetErrorOffset()) + ": " +
                         rapidjson::GetParseError_En(doc.GetParseError()));
    }
    const Reader r{g, path, default_by};
    if (!doc.IsObject() || !doc.HasMember("scenarios"))
        r.fail("", "expected an object with a \"scenarios\" array");
    const auto& list = doc["scenarios"];
    if (!list.IsArray()) r.fail("/scenarios", "expected an array");
    std::vector<Scenario> out;
    for (rapidjson::SizeType i = 0; i < list.Size(); ++i) {
        const std::string at = "/scenarios/" + std::to_string(i);
        if (list[i].IsString()) {
            try {
                out.push_back(scenario_from_text(g, list[i].GetString(), default_by));
            } catch (const UsageError& e) {
                r.fail(at, e.what());
            }
        } else if (list[i].IsObject()) {
            out.push_back(r.object(list[i], at));
        } else {
            r.fail(at, "expected a scenario text or an object");
        }
    }
    return out;
}

}  // namespace chokepoint::cli
