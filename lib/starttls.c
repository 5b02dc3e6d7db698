/* starttls.c - placeholder */
#include "internal.h"
