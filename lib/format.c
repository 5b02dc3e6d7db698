/* format.c - placeholder */
#include "internal.h"
