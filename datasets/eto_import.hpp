#pragma once
// The CSET/ETO "Advanced Semiconductor Supply Chain" CSV files (Chip Explorer; layout in
// docs/interop.md) as a chokepoint dataset. The data is CC BY-NC 4.0: users bring their own copy.

#include <string>

#include "datasets/loader.hpp"

namespace chokepoint {

struct EtoImportOptions {
    /// Which breakdown of an input's market becomes its nodes when ETO gives both (they are two
    /// views of the same market and must not be added): organisations or countries.
    bool prefer_countries = false;
};

/// Reads stages.csv, inputs.csv, sequence.csv, providers.csv and provision.csv from `dir`.
/// Inputs with shares become commodities and their providers nodes (output = share in percent,
/// country = the organisation's headquarters or the country provider, alpha-3 -> alpha-2);
/// stage-level shares become one commodity per stage that stands for its processes; `goes_into`
/// becomes edges from every node of the input to every node of what it feeds (through inputs
/// without shares), flows splitting each supplier's output in proportion to the customers'
/// shares. Subtypes (`is_type_of`) are used only when no ancestor has shares. Dropped rows are
/// summarised in the warnings (`FILE: warning: ...`) and in the dataset notes. The license is
/// CC BY-NC 4.0 with CSET/ETO attribution. Throws DatasetError with `FILE:LINE: column "NAME":
/// message` for missing columns, unknown ids and bad shares.
Dataset import_eto(const std::string& dir, const EtoImportOptions& options = {});

}  // namespace chokepoint
