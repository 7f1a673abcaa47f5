// Reading the five ETO Chip Explorer tables into an EtoModel, every reference checked.
#include "datasets/eto_import.hpp"

#include <filesystem>
#include <unordered_map>

#include "datasets/csv_import_detail.hpp"
#include "datasets/eto_detail.hpp"

namespace chokepoint::detail {

namespace {

class EtoReader {
public:
    explicit EtoReader(const std::string& dir) : dir_(dir) {}

    EtoModel read() {
        read_stages();
        read_inputs();
        read_sequence();
        read_providers();
        read_provision();
        if (!p_.errors.empty()) throw DatasetError(std::move(p_.errors));
        return std::move(m_);
    }

private:
    CsvTable open(const char* name) {
        return load_csv((std::filesystem::path(dir_) / name).string());
    }
    // Item index of the id in column k, reporting unknown ids.
    int find_item(const Cells& c, std::size_t r, std::size_t k, std::string_view what) {
        const auto it = ids_.find(std::string(c.str(r, k)));
        if (it != ids_.end()) return static_cast<int>(it->second);
        c.error(r, k, fmt::format("unknown {} \"{}\"", what, c.str(r, k)));
        return -1;
    }
    void add_item(const Cells& c, std::size_t r, EtoItem item) {
        if (!ids_.emplace(item.id, m_.items.size()).second) {
            c.error(r, 0, fmt::format("duplicate id \"{}\"", item.id));
            return;
        }
        m_.items.push_back(std::move(item));
    }

    void read_stages() {
        stages_ = open("stages.csv");
        Columns cols(stages_,
                     {{"stage_id", true},
                      {"stage_name", true},
                      {"description", false},
                      {"market_share_chart_global_market_size_info", false},
                      {"market_share_chart_caption", false},
                      {"market_share_chart_source", false}},
                     p_);
        if (!cols.ok()) throw DatasetError(std::move(p_.errors));
        Cells c(stages_, cols, p_);
        for (std::size_t r = 0; r < c.rows(); ++r) {
            if (!c.required(r, 0) || !c.required(r, 1)) continue;
            m_.stages.push_back(static_cast<std::uint32_t>(m_.items.size()));
            add_item(c, r,
                     {std::string(c.str(r, 0)), std::string(c.str(r, 1)), "stage",
                      static_cast<int>(m_.stages.size() - 1)});
        }
    }

    void read_inputs() {
        inputs_ = open("inputs.csv");
        enum { id, name, type, stage_name, stage_id };
        Columns cols(inputs_,
                     {{"input_id", true},
                      {"input_name", true},
                      {"type", true},
                      {"stage_name", false},
                      {"stage_id", false},
                      {"description", false},
                      {"year", false},
                      {"market_share_chart_global_market_size_info", false},
                      {"market_share_chart_caption", false},
                      {"market_share_chart_source", false}},
                     p_);
        if (!cols.ok()) throw DatasetError(std::move(p_.errors));
        Cells c(inputs_, cols, p_);
        for (std::size_t r = 0; r < c.rows(); ++r) {
            if (!c.required(r, id) || !c.required(r, name)) continue;
            EtoItem item{std::string(c.str(r, id)), std::string(c.str(r, name)),
                         std::string(c.str(r, type))};
            if (!c.str(r, stage_id).empty()) {
                const int s = find_item(c, r, stage_id, "stage");
                if (s >= 0) item.stage = m_.items[static_cast<std::size_t>(s)].stage;
            }
            add_item(c, r, std::move(item));
        }
    }

    void read_sequence() {
        auto t = open("sequence.csv");
        m_.sequence_file = t.file;
        enum { name, id, into_name, into, type_name, type_of };
        Columns cols(t,
                     {{"input_name", false},
                      {"input_id", true},
                      {"goes_into_name", false},
                      {"goes_into_id", true},
                      {"is_type_of_name", false},
                      {"is_type_of_id", true}},
                     p_);
        if (!cols.ok()) return;
        Cells c(t, cols, p_);
        for (std::size_t r = 0; r < c.rows(); ++r) {
            const int a = find_item(c, r, id, "input");
            if (a < 0) continue;
            auto& x = m_.items[static_cast<std::size_t>(a)];
            if (!c.str(r, into).empty()) {
                const int b = find_item(c, r, into, "input");
                if (b >= 0) x.goes_into.push_back(static_cast<std::uint32_t>(b));
            }
            if (!c.str(r, type_of).empty()) {
                const int b = find_item(c, r, type_of, "input");
                if (b >= 0 && x.parent < 0 && b != a) x.parent = b;
            }
        }
    }

    void read_providers() {
        auto t = open("providers.csv");
        enum { name, alias, id, type, country };
        Columns cols(t,
                     {{"provider_name", true},
                      {"alias", false},
                      {"provider_id", true},
                      {"provider_type", true},
                      {"country", true}},
                     p_);
        if (!cols.ok()) throw DatasetError(std::move(p_.errors));
        Cells c(t, cols, p_);
        for (std::size_t r = 0; r < c.rows(); ++r) {
            if (!c.required(r, id)) continue;
            const auto kind = c.str(r, type);
            if (kind != "country" && kind != "organization") {
                c.error(r, type,
                        fmt::format("\"{}\" is neither \"country\" nor \"organization\"", kind));
                continue;
            }
            const bool is_country = kind == "country";
            const auto code = is_country ? c.str(r, name) : c.str(r, country);
            const auto where = parse_country_alpha3(code);
            // A provider repeats once per alias (former names): same id, name and country.
            const auto [it, fresh] =
                providers_.emplace(std::string(c.str(r, id)), m_.providers.size());
            if (!fresh) {
                const auto& p = m_.providers[it->second];
                if (p.is_country != is_country || p.code != code || p.raw_name != c.str(r, name))
                    c.error(r, id,
                            fmt::format("provider id \"{}\" is used for two different "
                                        "providers",
                                        c.str(r, id)));
                continue;
            }
            const auto shown =
                is_country && !c.str(r, alias).empty() ? c.str(r, alias) : c.str(r, name);
            m_.providers.push_back({std::string(c.str(r, id)), std::string(shown), is_country,
                                    where.value_or(Country{0}), std::string(c.str(r, name)),
                                    std::string(code)});
            if (!where) no_country_.emplace(m_.providers.size() - 1, std::string(code));
        }
    }

    void read_provision();
    void provision_row(const Cells& c, std::size_t r);

    // Rows left out for one reason: how many, the first line, the provider codes involved.
    struct Skipped {
        std::size_t count = 0, first_line = 0;
        std::vector<std::string> codes;
        void add(std::size_t line, const std::string& code = {}) {
            if (count++ == 0) first_line = line;
            if (!code.empty() && std::find(codes.begin(), codes.end(), code) == codes.end())
                codes.push_back(code);
        }
    };

    std::string dir_;
    Problems p_;
    EtoModel m_;
    CsvTable stages_, inputs_;
    std::unordered_map<std::string, std::size_t> ids_, providers_;
    std::unordered_map<std::size_t, std::string> no_country_;  // provider -> its raw code
    std::unordered_map<std::string, std::size_t> source_ids_;
    Skipped no_share_, nowhere_;
};

void EtoReader::read_provision() {
    auto t = open("provision.csv");
    m_.provision_file = t.file;
    Columns cols(t,
                 {{"provider_name", false},
                  {"provider_id", true},
                  {"provided_name", false},
                  {"provided_id", true},
                  {"share_provided", true},
                  {"year", false},
                  {"source", false}},
                 p_);
    if (!cols.ok()) return;
    Cells c(t, cols, p_);
    for (std::size_t r = 0; r < c.rows(); ++r) provision_row(c, r);
    if (no_share_.count > 0) {
        m_.dropped.emplace_back(
            t.file,
            fmt::format("rows without a share (empty or 0) are not used: {} (first on line {})",
                        no_share_.count, no_share_.first_line));
    }
    if (nowhere_.count > 0) {
        std::string codes;
        for (const auto& code : nowhere_.codes) codes += (codes.empty() ? "" : ", ") + code;
        m_.dropped.emplace_back(
            t.file,
            fmt::format(
                "rows of providers without an ISO 3166-1 country ({}) are not used: {} (first "
                "on line {})",
                codes, nowhere_.count, nowhere_.first_line));
    }
}

void EtoReader::provision_row(const Cells& c, std::size_t r) {
    enum { pname, provider, iname, input, share, year, source };
    const auto pit = providers_.find(std::string(c.str(r, provider)));
    if (pit == providers_.end())
        c.error(r, provider, fmt::format("unknown provider \"{}\"", c.str(r, provider)));
    const int it = find_item(c, r, input, "input or stage");
    const double x = c.number(r, share, false);
    if (x < 0 || x > 100)
        c.error(r, share, fmt::format("must be a percentage (0 to 100), got {:g}", x));
    if (pit == providers_.end() || it < 0 || x < 0 || x > 100) return;
    if (!(x > 0)) {  // empty or 0: ETO knows only that it provides (NaN from text: reported)
        if (c.str(r, share).empty() || x == 0) no_share_.add(c.line(r));
        return;
    }
    if (auto nc = no_country_.find(pit->second); nc != no_country_.end()) {
        nowhere_.add(c.line(r), nc->second.empty() ? "(empty)" : nc->second);
        return;
    }
    const std::string text(c.str(r, source));
    if (!text.empty() && source_ids_.emplace(text, m_.sources.size()).second)
        m_.sources.push_back(text);
    auto& item = m_.items[static_cast<std::size_t>(it)];
    auto& list = m_.providers[pit->second].is_country ? item.countries : item.orgs;
    list.push_back(
        {static_cast<std::uint32_t>(pit->second), x, std::string(c.str(r, year)), text, c.line(r)});
}

}  // namespace

EtoModel read_eto(const std::string& dir) { return EtoReader(dir).read(); }

}  // namespace chokepoint::detail

namespace chokepoint {

Dataset import_eto(const std::string& dir, const EtoImportOptions& options) {
    return detail::map_eto(detail::read_eto(dir), options);
}

}  // namespace chokepoint
