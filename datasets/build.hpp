#pragma once
// Internal to datasets/: Records -> Dataset.

#include "datasets/loader.hpp"
#include "datasets/records.hpp"

namespace chokepoint::detail {

/// Checks every content rule; throws DatasetError with all errors, else builds the graph.
/// Frees the records as it goes.
Dataset build_dataset(Records& r, Diagnostics& d);

/// Builds the graph from records that passed the checks and adds the warnings. `ends` holds
/// each edge's (from << 32 | to) node indices, in file order. Frees the records before the graph
/// is frozen.
Dataset assemble(Records& r, Diagnostics& d, std::vector<std::uint64_t> ends);

}  // namespace chokepoint::detail
