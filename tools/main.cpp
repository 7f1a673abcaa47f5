#include <iostream>

#include "tools/cli.hpp"

int main(int argc, char** argv) { return chokepoint::cli::run(argc, argv, std::cout, std::cerr); }
