#pragma once
// Spreadsheets in, spreadsheets out: a dataset as a set of CSV files (docs/interop.md lists the
// columns). Lists inside a cell (source ids, group members) are separated by '|'.

#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "datasets/loader.hpp"

namespace chokepoint {

/// The CSV files of one dataset; an empty path means "not given". Only `nodes` is required.
struct CsvFiles {
    std::string nodes, edges, owners, sources, stages, groups, dataset;
};

struct CsvImportOptions {
    /// Stage ids upstream to downstream; empty: stages.csv order, else first appearance in
    /// nodes.csv.
    std::vector<std::string> stage_order;
    /// Dataset name when dataset.csv does not give one; empty: "Imported from NODES".
    std::string name;
};

/// The files that exist under `dir` with the names export_csv writes (nodes.csv, edges.csv ...).
CsvFiles csv_files_in(const std::string& dir);

/// Reads the CSV files and checks every rule of the format (FORMAT.md), reporting each problem
/// as `FILE:LINE: column "NAME": message` (up to kMaxErrors) in one DatasetError. Without
/// sources.csv the dataset gets one source naming the files (and a warning says so). Warnings
/// (unknown columns, the default source) are `FILE:LINE: warning: message`. The graph's nodes
/// follow nodes.csv order; loading write_dataset's output gives the same graph.
Dataset import_csv(const CsvFiles& files, const CsvImportOptions& options = {});

/// One file of a CSV export and the function that writes it.
struct CsvExportFile {
    std::string name;  // "nodes.csv" ...
    std::function<void(std::ostream&)> write;
};

/// The files that represent `g` (which must outlive them): dataset.csv, sources.csv,
/// stages.csv, nodes.csv, owners.csv, edges.csv, and groups.csv when the dataset declares
/// groups. import_csv on them gives the same dataset. Throws std::invalid_argument naming the
/// id when a source id or group member cannot be written into a '|' list (it contains '|').
std::vector<CsvExportFile> export_csv(const SupplyGraph& g);

}  // namespace chokepoint
