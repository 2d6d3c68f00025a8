// std::ios_base_library_init() is new in GCC 13 (GLIBCXX_3.4.32): GCC 13's <iostream> calls it instead of defining
// a static std::ios_base::Init in every translation unit. A libLibTorchSharp.so built with GCC 13 imports it;
// GCC 12's libstdc++ lacks it. Constructing one Init here has the same effect: the standard streams are set up
// before any code of the library that needed them runs (this library is a DT_NEEDED entry of it, so it is
// initialised first).
#include <ios>

namespace std
{
void ios_base_library_init()
{
    static ios_base::Init init;
}
}
