#pragma once
// Internal to datasets/: the ETO tables as read (eto_import.cpp), before mapping
// (eto_mapping.cpp).

#include <cstdint>
#include <string>
#include <vector>

#include "datasets/eto_import.hpp"
#include "graph/countries.hpp"

namespace chokepoint::detail {

struct EtoShare {
    std::uint32_t provider;
    double share;  // percent, > 0
    std::string year, source;
    std::size_t line;  // in provision.csv
};

/// An input (N…) or a stage (S…): both can have providers with shares.
struct EtoItem {
    std::string id, name, type;  // type "stage" for stages
    int stage = -1;              // stage index: a stage's own, a process's stage, else -1
    std::vector<std::uint32_t> goes_into;
    int parent = -1;  // is_type_of
    std::vector<EtoShare> orgs, countries;
};

struct EtoProvider {
    std::string id, name;  // name: the organisation, or the country's English alias
    bool is_country = false;
    Country country = 0;
    std::string raw_name, code;  // as in providers.csv: provider_name, and the alpha-3 used
};

struct EtoModel {
    std::vector<EtoItem> items;
    std::vector<std::uint32_t> stages;  // item index of each stage, in stages.csv order
    std::vector<EtoProvider> providers;
    std::vector<std::string> sources;  // distinct provision source texts, first-seen order
    std::string provision_file, sequence_file;
    /// What the import leaves out: (file, sentence) for the warnings and the dataset notes.
    std::vector<std::pair<std::string, std::string>> dropped;
};

/// Reads the five files; throws DatasetError with located messages.
EtoModel read_eto(const std::string& dir);

/// Maps the model to a dataset (see import_eto).
Dataset map_eto(const EtoModel& m, const EtoImportOptions& options);

}  // namespace chokepoint::detail
