/* fetch.c - placeholder */
#include "internal.h"
