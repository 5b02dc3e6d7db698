/* fuzz.h - the libFuzzer entry point every harness defines. */
#ifndef CERTSHOW_FUZZ_H
#define CERTSHOW_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
