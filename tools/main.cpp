#include <iostream>

#include "tools/cli.hpp"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

int main(int argc, char** argv) {
#if defined(__GLIBC__)
    // glibc raises its mmap threshold as large blocks are freed, after which the loader's big
    // temporary arrays come from the heap and are not returned to the system while the graph is
    // built beside them. A fixed 1 MiB threshold keeps them mapped: peak memory when loading a
    // 10^6-node file falls from ~424 MB to ~354 MB at no measurable cost (bench/notes.md).
    mallopt(M_MMAP_THRESHOLD, 1 << 20);
#endif
    return chokepoint::cli::run(argc, argv, std::cout, std::cerr);
}
