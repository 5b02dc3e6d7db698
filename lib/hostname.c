/* hostname.c - placeholder */
#include "internal.h"
