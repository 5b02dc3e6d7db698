/* pem.c - placeholder */
#include "internal.h"
