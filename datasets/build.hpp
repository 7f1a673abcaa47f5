#pragma once
// Internal to datasets/: Records -> Dataset.

#include "datasets/loader.hpp"
#include "datasets/records.hpp"

namespace chokepoint::detail {

/// Checks every content rule; throws DatasetError with all errors, else builds the graph.
Dataset build_dataset(const Records& r, Diagnostics& d);

/// Builds the graph from records that passed the checks and adds the warnings.
Dataset assemble(const Records& r, Diagnostics& d);

}  // namespace chokepoint::detail
