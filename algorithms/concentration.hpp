#pragma once
// Market concentration per commodity, seen by where production happens (location), who owns it
// (owner: equity, owner-control: control) and which firms own it (company). Measures, thresholds
// and their sources: docs/analyses/concentration.md.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "graph/supply_graph.hpp"

namespace chokepoint {

/// Whose share a market is split into (FORMAT.md "Ownership").
enum class ConcentrationView {
    location,       ///< the country where a node is located
    owner,          ///< equity: a node's output split among its owners' countries by share
    owner_control,  ///< control: all of a node's output to its controlling country
    company,        ///< equity by owner name; a node without owners counts as its own name
};

/// "location", "owner", "owner-control", "company"; throws std::invalid_argument otherwise.
ConcentrationView parse_concentration_view(std::string_view text);
std::string_view view_name(ConcentrationView v);
/// True for the views whose holders are countries (all but company).
bool is_country_view(ConcentrationView v);

/// Threshold flags, a bit set.
enum ConcentrationFlag : std::uint8_t {
    kDoj2010Moderate = 1,  ///< 1,500 <= HHI <= 2,500 (2010 Horizontal Merger Guidelines §5.3)
    kDoj2010High = 2,      ///< HHI > 2,500 (same)
    kDoj2023 = 4,          ///< HHI > 1,800 (2023 Merger Guidelines §2.1)
    kEcDependency = 8,     ///< HHI > 4,000 (European Commission SWD(2021) 352)
    kCrma65 = 16,          ///< one country > 65% (Regulation (EU) 2024/1252 Art. 5(1)(d))
};

/// The flags an HHI (0-10,000) and a top share (0-1) trip; kCrma65 only when `country_view`.
std::uint8_t concentration_flags(double hhi, double top_share, bool country_view);
/// Names of the set flags, in the order of ConcentrationFlag: "doj2010-moderate",
/// "doj2010-high", "doj2023", "ec-dependency", "crma-65".
std::vector<std::string_view> flag_names(std::uint8_t flags);

/// One holder's part of a market. `key` is a country code or company name that views the
/// graph's (or the country table's) storage: a result must not outlive its graph.
struct HolderShare {
    std::string_view key;
    double output = 0;
    double share = 0;  // output / market total, 0-1
};

struct GroupShare {
    std::string_view group;  // the group id as the graph spells it
    double output = 0;
    double share = 0;
};

/// A market split by one view.
struct ViewConcentration {
    ConcentrationView view = ConcentrationView::location;
    double hhi = 0;                  // 10,000 × Σ share², 0-10,000
    double cr1 = 0;                  // largest share
    double cr3 = 0;                  // sum of the three largest shares
    double effective_suppliers = 0;  // 10,000 / HHI
    std::uint8_t flags = 0;
    std::vector<HolderShare> shares;  // all holders: share desc, then key asc (bytewise)
    std::vector<GroupShare> groups;   // as requested; empty for the company view
};

/// A later view against the first one requested.
struct ViewComparison {
    ConcentrationView from = ConcentrationView::location, to = ConcentrationView::owner;
    double delta_hhi = 0;  // HHI(to) - HHI(from)
    std::string_view top_from, top_to;
};

struct CrosstabCell {
    std::string_view location, owner;
    double output = 0;
    double share = 0;  // of the market total
};

/// Who owns what where: output by (location country, owner country).
struct Crosstab {
    ConcentrationView owner_view = ConcentrationView::owner;
    std::vector<HolderShare> locations, owners;  // the margins, sorted like shares
    std::vector<CrosstabCell> cells;             // non-zero cells: output desc, location, owner
};

struct MarketConcentration {
    CommodityId commodity = 0;
    StageId stage = 0;  // the stage of the commodity's first producer
    std::string_view unit;
    double total = 0;  // Σ output of the producers
    std::size_t producers = 0;
    std::vector<ViewConcentration> views;     // in the order requested
    std::vector<ViewComparison> comparisons;  // views[1..] against views[0]
    std::optional<Crosstab> crosstab;
};

struct ConcentrationOptions {
    std::vector<ConcentrationView> views = {ConcentrationView::location};
    std::vector<CommodityId> commodities;  // empty: every commodity
    std::vector<StageId> stages;           // empty: every stage
    std::vector<std::string> groups;       // group ids (find_group: built-in or dataset)
    bool crosstab = false;
    /// Owner side of the cross-tab: owner (equity) or owner_control.
    ConcentrationView crosstab_owner = ConcentrationView::owner;
};

struct ConcentrationResult {
    std::vector<ConcentrationView> views;
    std::vector<MarketConcentration> markets;  // stage asc, then commodity name asc
};

/// Concentration of every selected market (commodity) over node output, by each requested view:
/// shares, HHI = 10,000 Σ s², CR1, CR3, effective suppliers 10,000 / HHI, threshold flags,
/// group shares, comparisons against the first view and, optionally, the location × owner
/// cross-tab. Equity splits normalise each node's owner shares to sum to 1. An empty graph or
/// selection gives no markets. Throws std::invalid_argument for no views, a repeated view, an
/// unknown group, commodity or stage, or a crosstab_owner that is not owner/owner_control.
/// Time O(V + owners + H log H) for H holders; memory O(V) (company names) + O(countries²).
ConcentrationResult measure_concentration(const SupplyGraph& g,
                                          const ConcentrationOptions& opts = {});

}  // namespace chokepoint
