// The sse2 microkernels (microkernels.inc): the only translation unit built with sse2's flags.
#include "sse2_ops.h"

#define POOLND_ISA_OPERATIONS Sse2Isa
#include "../define_microkernels.h"
