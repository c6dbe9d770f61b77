// The avx512 microkernels (microkernels.inc): the only translation unit built with avx512's flags.
#include "avx512_ops.h"

#define POOLND_ISA_OPERATIONS Avx512Isa
#include "../define_microkernels.h"
