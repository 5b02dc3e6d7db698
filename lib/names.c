/* names.c - placeholder */
#include "internal.h"
