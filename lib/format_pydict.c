/* format_pydict.c - placeholder */
#include "internal.h"
