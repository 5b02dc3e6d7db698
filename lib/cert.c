/* cert.c - placeholder */
#include "internal.h"
