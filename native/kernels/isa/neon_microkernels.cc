// The neon microkernels (microkernels.inc): the only translation unit built with neon's flags.
#include "neon_ops.h"

#define POOLND_ISA_OPERATIONS NeonIsa
#include "../define_microkernels.h"
