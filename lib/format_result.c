/* format_result.c - placeholder */
#include "format.h"
