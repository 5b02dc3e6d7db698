/* format_text.c - placeholder */
#include "internal.h"
