/* trust.c - placeholder */
#include "internal.h"
