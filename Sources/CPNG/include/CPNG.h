#pragma once
// The libpng shim. libpng reports errors with longjmp, which must never cross Swift
// frames, so every call that can fail runs inside C functions here that own setjmp.
#include <png.h>
