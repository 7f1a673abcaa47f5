// Loads a dataset through the installed library and prints what the immediate model says when
// its first location country is removed.
#include <iostream>

#include "algorithms/cascade.hpp"
#include "datasets/loader.hpp"

int main(int argc, char** argv) {
    if (argc != 2) return 2;
    const auto d = chokepoint::load_dataset(argv[1]);
    const auto& g = d.graph;
    chokepoint::Scenario s{.label = "first country", .countries = {g.countries().front()}};
    const auto f = chokepoint::immediate_fractions(g, chokepoint::apply_scenario(g, s));
    std::cout << g.num_nodes() << " nodes; without "
              << chokepoint::country_code(g.countries().front()) << ":";
    for (const auto& p : chokepoint::product_losses(g, f))
        std::cout << " " << g.commodity_name(p.product) << " loss " << p.loss;
    std::cout << "\n";
}
