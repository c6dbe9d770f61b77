// The avx2 microkernels (microkernels.inc): the only translation unit built with avx2's flags.
#include "avx2_ops.h"

#define POOLND_ISA_OPERATIONS Avx2Isa
#include "../define_microkernels.h"
