/* ext.c - placeholder */
#include "internal.h"
