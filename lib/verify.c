/* verify.c - placeholder */
#include "internal.h"
