/* format_json.c - placeholder */
#include "internal.h"
